"""SQLite storage: data dir, owner-only files, WAL, versioned migrations, no raw text logged."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

from hegai.service.storage import Database, data_dir
from hegai.service.storage.migrations import available


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_data_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("HEGAI_HOME", str(tmp_path / "h"))
    assert data_dir() == tmp_path / "h"
    monkeypatch.delenv("HEGAI_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "hegai"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".local" / "share" / "hegai"


def test_owner_only_permissions_and_wal(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    db = Database(home)
    db.write("INSERT INTO settings (key, value) VALUES ('k', '1')")
    assert mode(home) == 0o700
    files = [p for p in home.iterdir()]
    assert {p.name for p in files} >= {"hegai.db", "hegai.db-wal", "hegai.db-shm"}
    assert all(mode(p) == 0o600 for p in files), {p.name: oct(mode(p)) for p in files}
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_versioned_and_applied_once(tmp_path):
    db = Database(tmp_path / "h")
    versions = [v for v, _, _ in available()]
    assert versions[0] == 1 and versions == sorted(set(versions))
    assert db.schema_versions() == versions
    db.close()
    again = Database(tmp_path / "h")
    assert again.schema_versions() == versions
    tables = {r[0] for r in again.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables >= {"vault", "settings", "tokens", "detections", "reports", "schema_migrations"}
    assert again.integrity_ok()


def test_tokens_are_stored_hashed(tmp_path):
    from hegai.service.storage.tokens_repo import TokensRepo

    db = Database(tmp_path / "h")
    token = TokensRepo(db).create("cli")
    raw = (tmp_path / "h" / "hegai.db").read_bytes() + (tmp_path / "h" / "hegai.db-wal").read_bytes()
    assert token.encode() not in raw
    assert TokensRepo(db).find(token) is not None and TokensRepo(db).find(token + "x") is None


def test_detection_log_keeps_counts_and_types_only(flask_api, app):
    phone = "13912345678"
    url = "https://weibo.com/u/123?name=张小明"
    reply = flask_api.post("/api/v1/scan", json={"url": url, "chunks": [{"id": 1, "text": f"张小明 电话 {phone}"}]})
    assert reply.status == 200
    db_path = app.extensions["hegai"].db.path
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT host, counts, chunks FROM detections").fetchall()
    assert rows and rows[-1][0] == "weibo.com" and rows[-1][2] == 1
    assert json.loads(rows[-1][1]).get("PHONE_MOBILE") == 1
    everything = b"".join(p.read_bytes() for p in db_path.parent.rglob("*") if p.is_file())
    assert phone.encode() not in everything and "张小明".encode() not in everything
    assert b"/u/123" not in everything


def test_logs_never_contain_values(flask_api, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    phone = "13912345678"
    flask_api.post("/api/v1/vault", json={"kind": "phone", "value": phone})
    flask_api.post("/api/v1/scan", json={"url": "https://a.example/", "chunks": [{"id": 1, "text": f"电话 {phone}"}]})
    flask_api.post("/api/v1/check", json={"text": f"电话 {phone}"})
    assert caplog.records, "the service logs what it does"
    assert phone not in caplog.text and "5678" not in caplog.text


def test_history_from_before_page_values_keeps_a_lower_bound_per_page(tmp_path):
    """Migration 0005 carries the old findings over: per page and type, the most values one scan
    found (the old log summed every scan, so a reloaded page counted its values again)."""
    from hegai.service.storage import migrations
    from hegai.service.storage.history_queries import Filters, HistoryQueries

    db = Database(tmp_path / "home")
    db.conn.executescript("DROP TABLE page_values; DELETE FROM schema_migrations WHERE version = 5;")
    for counts in ('{"PHONE_MOBILE": 2}', '{"PHONE_MOBILE": 2, "EMAIL": 1}', '{"PHONE_MOBILE": 1}'):
        db.write("INSERT INTO detections (created_at, host, url_hash, chunks, counts, own_matches, level) "
                 "VALUES ('2026-01-01T00:00:00+00:00', 'old.example', 'p1', 1, ?, 0, NULL)", (counts,))
    assert migrations.migrate(db.conn) == [5]
    assert HistoryQueries(db).findings_by_type(Filters()) == {"PHONE_MOBILE": 2, "EMAIL": 1}
