"""The SQLite database: owner-only files, WAL, one connection per thread, migrated on open."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from . import migrations
from .paths import DB_NAME, data_dir, ensure_private_dir, ensure_private_file


class Database:
    def __init__(self, home: Path | str | None = None):
        self.home = ensure_private_dir(Path(home) if home else data_dir())
        self.path = ensure_private_file(self.home / DB_NAME)
        self._local = threading.local()
        with self._open() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            migrations.migrate(conn)
        self._tighten_sidecars()

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: we open transactions explicitly (see ``transaction``).
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        # FULL: a write the API acknowledged survives a crash of the process or of the machine.
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        return conn

    def _tighten_sidecars(self) -> None:
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.chmod(0o600)

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (waitress serves requests on a pool of threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._open()
        return conn

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def write(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        """One statement in its own committed transaction (committed before we answer)."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(sql, params)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return cur

    def integrity_ok(self) -> bool:
        return self.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def schema_versions(self) -> list[int]:
        return [r[0] for r in self.execute("SELECT version FROM schema_migrations ORDER BY version")]

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
