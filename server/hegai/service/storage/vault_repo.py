"""The user's own entries. ``value`` stays in the database; callers get ``masked`` only."""

from __future__ import annotations

from dataclasses import dataclass

from .clock import now_iso
from .db import Database


@dataclass(frozen=True)
class VaultEntry:
    id: int
    kind: str
    label: str
    masked: str
    match_key: str
    created_at: str

    def public(self) -> dict:
        return {"id": self.id, "kind": self.kind, "label": self.label,
                "masked": self.masked, "created_at": self.created_at}


_COLUMNS = "id, kind, label, masked, match_key, created_at"


def _entry(row) -> VaultEntry:
    return VaultEntry(row["id"], row["kind"], row["label"], row["masked"], row["match_key"], row["created_at"])


class VaultRepo:
    def __init__(self, db: Database):
        self.db = db

    def add(self, kind: str, value: str, match_key: str, masked: str, label: str = "") -> VaultEntry:
        created = now_iso()
        cur = self.db.write(
            "INSERT INTO vault (kind, label, value, match_key, masked, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, label, value, match_key, masked, created),
        )
        return VaultEntry(cur.lastrowid, kind, label, masked, match_key, created)

    def list(self) -> list[VaultEntry]:
        return [_entry(r) for r in self.db.execute(f"SELECT {_COLUMNS} FROM vault ORDER BY id")]

    def delete(self, entry_id: int) -> bool:
        return self.db.write("DELETE FROM vault WHERE id = ?", (entry_id,)).rowcount > 0

    def remask(self, mask) -> int:
        """Recompute every stored masked form with ``mask(kind, value, key)`` (the rule may have
        changed since an entry was added: old entries must not keep showing more). Returns how many changed."""
        conn, changed = self.db.conn, 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            for row in conn.execute("SELECT id, kind, value, match_key, masked FROM vault").fetchall():
                masked = mask(row["kind"], row["value"], row["match_key"])
                if masked != row["masked"]:
                    conn.execute("UPDATE vault SET masked = ? WHERE id = ?", (masked, row["id"]))
                    changed += 1
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return changed

    def version(self) -> tuple[int, int]:
        """Changes whenever the vault changes: lets matchers cache their automaton."""
        row = self.db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM vault").fetchone()
        return row[0], row[1]
