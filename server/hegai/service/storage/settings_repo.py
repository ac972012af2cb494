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
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
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
