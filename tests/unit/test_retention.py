"""Retention: old history is purged on schedule and on demand; deleting history really deletes
it from the database files (secure_delete, WAL truncated, VACUUM)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hegai.service import create_app
from hegai.service.config import ServiceConfig
from hegai.service.storage import Database
from hegai.service.storage.history_repo import HistoryRepo
from hegai.service.storage.retention import PurgeSchedule, Retention
from hegai.service.storage.vault_repo import VaultEntry

ENTRY = VaultEntry(1, "phone", "", "139****5678", "13912345678", "2024-01-01T00:00:00+00:00")


def _ago(days: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


def _fill(db: Database, marker: str, days_ago: int) -> None:
    when = _ago(days_ago)
    HistoryRepo(db).record_exposures(f"https://{marker}.example/post", [ENTRY], now=when)
    HistoryRepo(db).record_risk_page(f"https://{marker}.example/post", "high", ["EXPOSURE"], now=when)
    db.write("INSERT INTO detections (created_at, host, url_hash, chunks, counts, own_matches, level) "
             "VALUES (?, ?, 'h', 1, '{\"PHONE_MOBILE\": 1}', 1, 'high')", (when, f"{marker}.example"))
    db.write("INSERT INTO page_values (url_hash, host, type, fingerprint, first_seen) VALUES (?, ?, ?, ?, ?)",
             (marker, f"{marker}.example", "PHONE_MOBILE", "ab12", when))


def _hosts(db: Database, table: str) -> set[str]:
    return {r[0] for r in db.execute(f"SELECT host FROM {table}")}


def _file_bytes(db: Database) -> bytes:
    data = db.path.read_bytes()
    wal = db.path.with_name(db.path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_purge_removes_only_what_is_older_than_the_retention(tmp_path):
    db = Database(tmp_path)
    _fill(db, "oldsite", 40)
    _fill(db, "newsite", 2)
    purged = Retention(db).purge(30)
    assert purged == {"detections": 1, "page_values": 1, "exposures": 1, "risk_pages": 1}
    for table in ("detections", "page_values", "exposures", "risk_pages"):
        assert _hosts(db, table) == {"newsite.example"}, table


def test_a_page_seen_again_is_kept(tmp_path):
    db = Database(tmp_path)
    HistoryRepo(db).record_exposures("https://again.example/p", [ENTRY], now=_ago(40))
    HistoryRepo(db).record_exposures("https://again.example/p", [ENTRY], now=_ago(1))
    Retention(db).purge(30)
    assert _hosts(db, "exposures") == {"again.example"}


def test_purged_rows_are_gone_from_the_files(tmp_path):
    db = Database(tmp_path)
    _fill(db, "purgedmarker", 400)
    _fill(db, "keptmarker", 1)
    assert b"purgedmarker" in _file_bytes(db)
    Retention(db).purge(30)
    data = _file_bytes(db)
    assert b"purgedmarker" not in data and b"keptmarker" in data


def test_delete_all_really_deletes(tmp_path):
    db = Database(tmp_path)
    for n in range(50):
        _fill(db, f"secretmarker{n}", n)
    assert b"secretmarker7" in _file_bytes(db)
    deleted = Retention(db).delete_all()
    assert deleted == {"detections": 50, "page_values": 50, "exposures": 50, "risk_pages": 50}
    for table in ("detections", "page_values", "exposures", "risk_pages"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    assert b"secretmarker" not in _file_bytes(db)
    db.close()
    reopened = Database(tmp_path)            # and the database is healthy afterwards
    assert reopened.integrity_ok()
    assert b"secretmarker" not in _file_bytes(reopened)


def test_schedule_runs_at_most_once_per_period(tmp_path):
    db = Database(tmp_path)
    now = [1000.0]
    runs = []

    class CountingRetention(Retention):
        def purge(self, days, now_dt=None):
            runs.append(days)
            return super().purge(days)

    schedule = PurgeSchedule(CountingRetention(db), lambda: 30, period=3600, clock=lambda: now[0])
    assert schedule.run_if_due() is not None
    assert schedule.run_if_due() is None
    now[0] += 3599
    assert schedule.run_if_due() is None
    now[0] += 2
    assert schedule.run_if_due() is not None
    assert runs == [30, 30]


def test_service_start_purges_by_the_users_retention(tmp_path):
    home = tmp_path / "home"
    db = Database(home)
    db.write("INSERT INTO settings (key, value) VALUES ('retention_days', '7')")
    _fill(db, "tendaysold", 10)
    _fill(db, "yesterday", 1)
    db.close()
    app = create_app(ServiceConfig(home=home))
    services = app.extensions["hegai"]
    assert _hosts(services.db, "exposures") == {"yesterday.example"}
    assert _hosts(services.db, "detections") == {"yesterday.example"}
