"""``/api/v1/reports`` and ``/api/v1/platforms``, through Flask's test client and the real server."""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
import uuid
import zipfile

import pytest

from hegai.reports.builder import SHORT_TARGET
from hegai.reports.package import verify_zip
from helpers.api_asserts import assert_error
from helpers.report_samples import DOX_POST, DOX_VALUES, TRADE_POST, data_url, jpeg_bytes, png_bytes

URL = "https://weibo.com/7788990011/PqRsT"


def _create(api, **overrides):
    body = {"url": URL, "title": "开盒 张伟 13812345678", "text": DOX_POST, "screenshot": data_url(png_bytes()),
            "post_id": "PqRsT", "findings": {"level": "high", "categories": ["EXPOSURE", "INCITEMENT"]},
            # The live service is shared by the module: these tests report the same page many times.
            "if_reported": "new", **overrides}
    return api.post("/api/v1/reports", json={k: v for k, v in body.items() if v is not None})


def test_platforms(api):
    reply = api.get("/api/v1/platforms")
    assert reply.status == 200
    body = reply.json()
    ids = {p["id"] for p in body["platforms"]}
    assert {"weibo", "douyin", "tencent", "cac12377", "mps_cyberpolice", "miit12321"} <= ids
    assert body["default"] == "cac12377"
    assert all(isinstance(p["verified"], bool) and p["verified_note"] for p in body["platforms"])


def test_create_stores_a_masked_report_with_text_for_the_platform(api):
    reply = _create(api)
    assert reply.status == 201, reply.body[:300]
    body = reply.json()
    report = body["report"]
    assert report["status"] == "drafted" and report["platform"] == "weibo" and body["platform"]["id"] == "weibo"
    assert report["exposure"]["counts"]["ID_CARD"] == 1
    assert report["exposure"]["categories"][:1] == ["EXPOSURE"] and "INCITEMENT" in report["exposure"]["categories"]
    text = body["report_text"]
    # No source gives Weibo's limit: nothing is enforced as its limit, the short text is offered.
    assert body["platform"]["description_limit"] is None and text["limit"] is None
    assert len(text["short"]) <= SHORT_TARGET and text["for_form"] == text["short"]
    assert "第一千零三十四条" in text["long"] and "138****5678" in report["title"]
    assert [f["name"] for f in report["files"]] == ["screenshot.png", "post.txt", "capture.json", "report.txt"]
    for value in DOX_VALUES:
        assert value.encode() not in reply.body
    assert "salt" not in reply.body.decode() and "fingerprints" not in reply.body.decode()


def test_create_gives_the_posts_own_report_form(api):
    """Weibo's complaint form is per post (rid = the post's mid): from the page's post id, else
    from the post URL's base62 id; with where that address comes from."""
    body = _create(api, post_id="4900123456789012").json()
    assert body["entry"]["url"] == ("https://service.account.weibo.com/reportspam?rid=4900123456789012"
                                    "&type=1&from=10501")
    assert body["entry"]["per_post"] and body["entry"]["confidence"] == "likely" and body["entry"]["sources"]
    report_id = body["report"]["id"]
    assert api.get(f"/api/v1/reports/{report_id}").json()["entry"] == body["entry"]
    from_url = _create(api, url="https://weibo.com/1642909335/z0JH2lOMb", post_id=None).json()["entry"]
    assert "rid=3501756485200075&" in from_url["url"]
    assert _create(api).json()["entry"] is None              # "PqRsT" is no mid: nothing to build


def test_get_list_and_status_updates(api):
    report_id = _create(api).json()["report"]["id"]
    got = api.get(f"/api/v1/reports/{report_id}")
    assert got.status == 200 and got.json()["report"]["id"] == report_id
    for value in DOX_VALUES:
        assert value.encode() not in got.body
    assert "1101**********002X" in got.json()["report"]["post_text_masked"]
    listed = api.get("/api/v1/reports").json()["reports"]
    assert any(r["id"] == report_id and r["status"] == "drafted" for r in listed)
    for status in ("submitted", "platform_replied", "content_still_up", "content_removed"):
        patched = api.request("PATCH", f"/api/v1/reports/{report_id}", json={"status": status, "note": "工单 88"})
        assert patched.status == 200 and patched.json()["report"]["status"] == status
    history = api.get(f"/api/v1/reports/{report_id}").json()["report"]["history"]
    assert [h["status"] for h in history] == ["drafted", "submitted", "platform_replied", "content_still_up",
                                              "content_removed"]


def test_evidence_zip_verifies(api):
    report_id = _create(api, screenshot=data_url(jpeg_bytes(), "image/jpeg")).json()["report"]["id"]
    reply = api.get(f"/api/v1/reports/{report_id}/evidence.zip")
    assert reply.status == 200 and reply.headers["content-type"] == "application/zip"
    assert f"hegai-report-{report_id}.zip" in reply.headers["content-disposition"]
    assert verify_zip(reply.body) == []
    with zipfile.ZipFile(io.BytesIO(reply.body)) as zf:
        assert "screenshot.jpg" in zf.namelist() and "summary.html" in zf.namelist()


def test_platform_choice_and_trade(api):
    body = _create(api, platform="mps_cyberpolice", text=TRADE_POST, post_id=None).json()
    assert body["report"]["platform"] == "mps_cyberpolice"
    assert "第二百五十三条之一" in body["report_text"]["long"] and "第二百五十三条之一" in body["report_text"]["short"]


def test_recheck_with_page_text_from_the_extension(api):
    report_id = _create(api).json()["report"]["id"]
    still = api.post(f"/api/v1/reports/{report_id}/recheck", json={"text": "评论区\n" + DOX_POST})
    assert still.status == 200 and still.json()["report"]["status"] == "content_still_up"
    gone = api.post(f"/api/v1/reports/{report_id}/recheck", json={"text": "该微博已被删除"})
    assert gone.json()["report"]["status"] == "content_removed"
    assert gone.json()["recheck"]["source"] == "extension"


def test_recheck_needs_page_text_for_remote_urls(api):
    report_id = _create(api).json()["report"]["id"]
    assert_error(api.post(f"/api/v1/reports/{report_id}/recheck", json={}), 400, "invalid")
    assert_error(api.post(f"/api/v1/reports/{report_id}/recheck"), 400, "invalid")


class _Page:
    """A page on this machine whose body the test changes."""

    def __init__(self):
        self.body = ""
        page = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                data = page.body.encode("utf-8")
                self.send_response(200 if data else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/post/1"


@pytest.fixture
def local_page():
    page = _Page()
    yield page
    page.server.shutdown()
    page.server.server_close()


def test_recheck_of_a_loopback_url_is_fetched_by_the_service(api, local_page):
    local_page.body = f"<html><body><div class=post>{DOX_POST}</div><script>x=1</script></body></html>"
    report_id = _create(api, url=local_page.url).json()["report"]["id"]
    still = api.post(f"/api/v1/reports/{report_id}/recheck", json={})
    assert still.status == 200 and still.json()["report"]["status"] == "content_still_up"
    assert still.json()["recheck"]["source"] == "service"
    local_page.body = ""                                      # the post is gone: 404
    assert api.post(f"/api/v1/reports/{report_id}/recheck").json()["report"]["status"] == "content_removed"


@pytest.mark.parametrize("overrides, message", [
    ({"url": "javascript:alert(1)"}, "http(s) URL"),
    ({"url": None}, "missing field 'url'"),
    ({"text": None}, "missing field 'text'"),
    ({"text": 5}, "must be a string"),
    ({"platform": "nope"}, "unknown platform"),
    ({"post_id": "<script>"}, "post_id"),
    ({"findings": {"categories": ["DOXX"]}}, "findings.categories"),
    ({"findings": {"level": "extreme"}}, "findings.level"),
    ({"findings": []}, "must be an object"),
    ({"screenshot": data_url(jpeg_bytes(), "image/png")}, "not image/png"),
    ({"screenshot": "data:image/gif;base64,R0lGODlh"}, "PNG or JPEG"),
])
def test_create_rejects_bad_input(api, overrides, message):
    body = assert_error(_create(api, **overrides), 400, "invalid")
    assert message in body["error"]["message"]


def test_the_same_page_again_is_refused_with_the_earlier_report(api):
    """A second report of the same page (and post) is not silently report #2: 409 names the
    earlier one, and the caller chooses to update it or to add another."""
    url = f"https://www.douban.com/group/topic/{uuid.uuid4().int % 10**9}/"
    first = _create(api, url=url, post_id=None, if_reported=None)
    assert first.status == 201
    report_id = first.json()["report"]["id"]
    again = _create(api, url=url, post_id=None, if_reported=None)
    assert again.status == 409 and again.headers["content-type"].startswith("application/json")
    body = again.json()
    assert body["error"]["code"] == "already_reported" and f"report {report_id}" in body["error"]["message"]
    assert body["report"]["id"] == report_id and body["report"]["platform"] == "douban"
    for value in DOX_VALUES:
        assert value.encode() not in again.body
    assert [r["id"] for r in api.get("/api/v1/reports").json()["reports"]].count(report_id) == 1
    # Another post on the same page is another report.
    assert _create(api, url=url, post_id="c2", if_reported=None).status == 201


def test_updating_a_report_keeps_its_id_and_replaces_its_evidence(api):
    url = f"https://www.douban.com/group/topic/{uuid.uuid4().int % 10**9}/"
    first = _create(api, url=url, post_id=None, if_reported=None).json()["report"]
    api.request("PATCH", f"/api/v1/reports/{first['id']}", json={"status": "submitted"})
    updated = _create(api, url=url, post_id=None, text="开盒 " + TRADE_POST, if_reported="update")
    assert updated.status == 200, updated.body[:300]
    body = updated.json()
    assert body["updated"] is True and body["report"]["id"] == first["id"]
    assert body["report"]["status"] == "submitted"
    assert [h["status"] for h in body["report"]["history"]] == ["drafted", "submitted", "submitted"]
    assert body["report"]["history"][-1]["note"] == "evidence updated"
    assert body["report"]["post_text_masked"] != first["post_text_masked"]
    zipped = api.get(f"/api/v1/reports/{first['id']}/evidence.zip")
    assert zipped.status == 200 and verify_zip(zipped.body) == []
    # "new": a second report of the same page, when the user asks for one.
    second = _create(api, url=url, post_id=None, if_reported="new")
    assert second.status == 201 and second.json()["report"]["id"] != first["id"]
    assert_error(_create(api, url=url, if_reported="maybe"), 400, "invalid")


def test_an_update_leaves_no_old_evidence_behind(flask_api, app):
    url = "https://www.douban.com/group/topic/42/"
    first = _create(flask_api, url=url, if_reported=None).json()["report"]["id"]
    ctx = app.extensions["hegai_reports"]
    old_key = ctx.repo.get(first).evidence["key"]
    _create(flask_api, url=url, if_reported="update")
    assert not ctx.store.folder(old_key).exists()
    assert ctx.store.folder(ctx.repo.get(first).evidence["key"]).exists()


def test_errors(api):
    assert_error(api.get("/api/v1/reports/999999"), 404, "not_found")
    assert_error(api.get("/api/v1/reports/999999/evidence.zip"), 404, "not_found")
    assert_error(api.post("/api/v1/reports/999999/recheck", json={"text": ""}), 404, "not_found")
    report_id = _create(api).json()["report"]["id"]
    assert_error(api.request("PATCH", f"/api/v1/reports/{report_id}", json={"status": "done"}), 400, "invalid")
    assert_error(api.request("PATCH", f"/api/v1/reports/{report_id}", body="{", headers={"Content-Type": "application/json"}),
                 400, "bad_json")
    assert_error(api.get("/api/v1/reports", auth=False), 401, "unauthorized")
    assert_error(api.get("/api/v1/platforms", auth=False), 401, "unauthorized")
    assert_error(api.post("/api/v1/reports", json={}, headers={"Origin": "https://evil.test"}), 403, "forbidden_origin")


def test_screenshot_size_limits(api):
    # Larger than the API's 2 MB default but within the evidence limit: accepted.
    big = png_bytes() + b"\x00" * (3 * 1024 * 1024)
    assert _create(api, screenshot=data_url(big)).status == 201
    too_big = png_bytes() + b"\x00" * (8 * 1024 * 1024 + 100_000)
    assert_error(_create(api, screenshot=data_url(too_big)), 400, "invalid")
    assert_error(_create(api, screenshot=data_url(png_bytes() + b"\x00" * (9 * 1024 * 1024 + 500_000))), 413, "too_large")


def test_tampered_evidence_is_refused(flask_api, app):
    report_id = _create(flask_api).json()["report"]["id"]
    ctx = app.extensions["hegai_reports"]
    record = ctx.repo.get(report_id)
    (ctx.store.folder(record.evidence["key"]) / "post.txt").write_text("edited", "utf-8")
    assert_error(flask_api.get(f"/api/v1/reports/{report_id}/evidence.zip"), 409, "evidence_changed")


def test_logs_hold_no_values(flask_api, caplog):
    caplog.set_level("INFO", logger="hegai.service")
    report_id = _create(flask_api).json()["report"]["id"]
    flask_api.post(f"/api/v1/reports/{report_id}/recheck", json={"text": DOX_POST})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"report {report_id} created" in logged
    for value in (*DOX_VALUES, URL, "张伟"):
        assert value not in logged
    json.dumps(logged)
