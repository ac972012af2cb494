"""Settings as JSON values per top-level key; defaults live in the settings module."""

from __future__ import annotations

import json

from .db import Database


class SettingsRepo:
    def __init__(self, db: Database):
        self.db = db

    def load(self) -> dict:
        return {r["key"]: json.loads(r["value"]) for r in self.db.execute("SELECT key, value FROM settings")}

    def save(self, values: dict) -> None:
        self.update(lambda _stored: values)

    def update(self, change) -> dict:
        """Read, change and write in one ``BEGIN IMMEDIATE`` transaction: ``change(stored)`` returns
        the keys to write. Concurrent partial updates (each adding a site) then all stick: no
        request merges into a copy another one has already replaced. Returns what was written."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            stored = {r["key"]: json.loads(r["value"]) for r in conn.execute("SELECT key, value FROM settings")}
            values = change(stored)
            for key, value in values.items():
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, json.dumps(value, ensure_ascii=False)),
                )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return values
