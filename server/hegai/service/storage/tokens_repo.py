"""Bearer tokens. Only a SHA-256 of each token is stored, with a name the user recognises, when
it was made and when it was last used. A token unused for ``MAX_IDLE_DAYS`` expires: a forgotten
client (an old browser profile, a script) should not hold a key to the vault forever."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Callable

from .db import Database

MAX_IDLE_DAYS = 90
MAX_NAME_CHARS = 120


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _parse(iso: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(iso) if iso else None
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment and moment.tzinfo is None else moment


class TokensRepo:
    """``clock`` returns the current UTC time; tests inject one to exercise expiry without sleeping."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now, max_idle_days: int = MAX_IDLE_DAYS):
        self.db = db
        self.clock = clock
        self.max_idle = timedelta(days=max_idle_days)

    def create(self, client: str, name: str | None = None) -> str:
        """A new random bearer token for ``client`` (an extension id, or "cli")."""
        token = secrets.token_urlsafe(32)
        self.db.write(
            "INSERT INTO tokens (token_hash, client, name, created_at) VALUES (?, ?, ?, ?)",
            (token_hash(token), client, (name or client)[:MAX_NAME_CHARS], _iso(self.clock())),
        )
        return token

    def _expired(self, row: sqlite3.Row) -> bool:
        seen = _parse(row["last_used_at"]) or _parse(row["created_at"])
        return seen is None or self.clock() - seen > self.max_idle

    def find(self, token: str) -> int | None:
        """The id of a live token; an expired one is deleted on the spot and gives None."""
        row = self.db.execute("SELECT id, created_at, last_used_at FROM tokens WHERE token_hash = ?",
                              (token_hash(token),)).fetchone()
        if row is None:
            return None
        if self._expired(row):
            self.revoke(row["id"])
            return None
        return row["id"]

    def touch(self, token_id: int) -> None:
        self.db.write("UPDATE tokens SET last_used_at = ? WHERE id = ?", (_iso(self.clock()), token_id))

    def purge_expired(self) -> int:
        expired = [row["id"] for row in self.db.execute("SELECT id, created_at, last_used_at FROM tokens")
                   if self._expired(row)]
        for token_id in expired:
            self.revoke(token_id)
        return len(expired)

    def entries(self) -> list[dict]:
        """Every live token, newest first: id, name, client, created_at, last_used_at, expires_at."""
        self.purge_expired()
        rows = self.db.execute(
            "SELECT id, name, client, created_at, last_used_at FROM tokens ORDER BY id DESC").fetchall()
        return [{**dict(row), "expires_at": _iso((_parse(row["last_used_at"]) or _parse(row["created_at"]))
                                                  + self.max_idle)} for row in rows]

    def revoke(self, token_id: int) -> bool:
        return self.db.write("DELETE FROM tokens WHERE id = ?", (token_id,)).rowcount > 0

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM tokens").fetchone()[0]
