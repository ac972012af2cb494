"""Retention of the history: purge what is older than the user's ``retention_days``, and delete
everything on request. Deleted rows are overwritten (``secure_delete``), the WAL is truncated,
and "delete all" VACUUMs, so deleted history cannot be read back from the files.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta, timezone

from .db import Database

log = logging.getLogger("hegai.service")

# table → the column that says how old a row is
HISTORY_TABLES = {"detections": "created_at", "page_values": "first_seen", "exposures": "last_seen",
                  "risk_pages": "last_seen"}
PURGE_EVERY_SECONDS = 3600


def cutoff_iso(days: int, now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return (now - timedelta(days=days)).isoformat(timespec="seconds")


class Retention:
    def __init__(self, db: Database):
        self.db = db

    def _delete(self, statements: list[tuple[str, tuple]]) -> dict[str, int]:
        conn = self.db.conn
        conn.execute("PRAGMA secure_delete = ON")   # per connection: zero the freed pages
        conn.execute("BEGIN IMMEDIATE")
        try:
            counts = {table: conn.execute(sql, params).rowcount for table, (sql, params) in statements}
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        # Old page images stay in the WAL until a checkpoint: write them back and truncate it.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts

    def purge(self, days: int, now: datetime | None = None) -> dict[str, int]:
        """Delete history rows last touched more than ``days`` days ago."""
        cutoff = cutoff_iso(days, now)
        counts = self._delete([(t, (f"DELETE FROM {t} WHERE {col} < ?", (cutoff,)))
                               for t, col in HISTORY_TABLES.items()])
        if any(counts.values()):
            log.info("retention: purged %s (older than %d days)", counts, days)
        return counts

    def delete_all(self) -> dict[str, int]:
        counts = self._delete([(t, (f"DELETE FROM {t}", ())) for t in HISTORY_TABLES])
        self.db.conn.execute("VACUUM")                 # rebuild the file without the freed pages
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("retention: deleted all history %s", counts)
        return counts


class PurgeSchedule:
    """Runs ``purge`` at most once per period, driven by requests (no extra thread to manage)."""

    def __init__(self, retention: Retention, days_of, period: float = PURGE_EVERY_SECONDS,
                 clock=time.monotonic):
        self.retention, self.days_of, self.period, self.clock = retention, days_of, period, clock
        self._next = 0.0
        self._lock = threading.Lock()

    def run_if_due(self) -> dict[str, int] | None:
        with self._lock:
            if self.clock() < self._next:
                return None
            self._next = self.clock() + self.period
        return self.retention.purge(self.days_of())
