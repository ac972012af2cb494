"""Pairing tokens. Only a SHA-256 of each token is stored."""

from __future__ import annotations

import hashlib
import secrets

from .clock import now_iso
from .db import Database


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class TokensRepo:
    def __init__(self, db: Database):
        self.db = db

    def create(self, client: str) -> str:
        """A new random bearer token for ``client`` (an extension id, or "cli")."""
        token = secrets.token_urlsafe(32)
        self.db.write(
            "INSERT INTO tokens (token_hash, client, created_at) VALUES (?, ?, ?)",
            (token_hash(token), client, now_iso()),
        )
        return token

    def find(self, token: str) -> int | None:
        row = self.db.execute("SELECT id FROM tokens WHERE token_hash = ?", (token_hash(token),)).fetchone()
        return row["id"] if row else None

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM tokens").fetchone()[0]
