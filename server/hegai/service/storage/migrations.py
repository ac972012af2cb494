"""Versioned schema migrations: ``migrations/NNNN_name.sql``, applied once each, in order."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from importlib import resources

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def available() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration file shipped with the package."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort()
    return found


def applied(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every pending migration, each in its own transaction. Returns the versions applied."""
    done = applied(conn)
    newly = []
    for version, name, sql in available():
        if version in done:
            continue
        now = datetime.now(timezone.utc).isoformat()
        # executescript commits first; wrap the script and its record in one explicit transaction.
        conn.executescript(
            "BEGIN IMMEDIATE;\n" + sql + "\n"
            f"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({version}, '{name}', '{now}');\n"
            "COMMIT;"
        )
        newly.append(version)
    return newly
