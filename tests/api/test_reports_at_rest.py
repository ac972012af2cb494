"""Reports at rest: the row holds no raw personal value (URL path and status notes masked), and
evidence folders a crash left without their row (the raw post) are removed at start-up."""

from __future__ import annotations

import sqlite3

from helpers.report_samples import DOX_POST
from hegai.reports.evidence import EvidenceStore
from hegai.service import create_app

PHONE, ID_NUMBER = "13812345678", "11010519491231002X"


def row_text(db_path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return " ".join(" ".join(map(str, row)) for row in conn.execute("SELECT * FROM reports"))
    finally:
        conn.close()


def test_url_and_status_note_are_masked_in_the_row(app, flask_api):
    url = f"https://weibo.com/u/{PHONE}?from={ID_NUMBER}#{PHONE}"
    created = flask_api.post("/api/v1/reports", json={"url": url, "text": DOX_POST, "title": "t"})
    assert created.status == 201
    report = created.json()["report"]
    assert report["url"].startswith("https://weibo.com/u/") and PHONE not in report["url"]
    patched = flask_api.request("PATCH", f"/api/v1/reports/{report['id']}",
                                json={"status": "submitted", "note": f"客服回电 {PHONE}"})
    assert patched.status == 200
    stored = row_text(app.extensions["hegai"].db.path)
    assert PHONE not in stored and ID_NUMBER not in stored
    assert "weibo.com" in stored


def test_loopback_recheck_still_fetches_the_captured_url(flask_api):
    """The row's URL is masked; the service's own fetch uses the URL kept in the evidence file."""
    created = flask_api.post("/api/v1/reports", json={"url": f"http://127.0.0.1:9/u/{PHONE}", "text": DOX_POST})
    report_id = created.json()["report"]["id"]
    reply = flask_api.post(f"/api/v1/reports/{report_id}/recheck", body="")
    assert reply.status == 502          # port 9 (discard) refuses: fetched, not "needs text"


def test_evidence_left_by_a_crash_is_removed_at_startup(make_app, flask_api, app):
    kept = flask_api.post("/api/v1/reports", json={"url": "https://weibo.com/1", "text": DOX_POST}).json()["report"]
    store = EvidenceStore(app.extensions["hegai"].db.home)
    # What a crash between the files and the row leaves: the raw post, a half-written temp file.
    orphan = store.new_key()
    store.put(orphan, "post.txt", DOX_POST.encode(), "text/plain")
    (store.folder(orphan) / ".capture.json.0123456789ab.tmp").write_bytes(b"{")
    stranger = store.root / "not-a-report-folder"
    stranger.mkdir()

    restarted = make_app()
    assert not store.folder(orphan).exists()
    assert stranger.exists()                                   # not ours to remove
    zipped = restarted.test_client().get(f"/api/v1/reports/{kept['id']}/evidence.zip",
                                         base_url="http://127.0.0.1:8765",
                                         headers={"Authorization": f"Bearer {flask_api.token}"})
    assert zipped.status_code == 200
