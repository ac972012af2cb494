"""``/api/v1/history``: recording exposures and risk pages, the aggregates the dashboard draws,
filters, export and retention settings (Flask test client and the real server)."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, timedelta

import pytest

from helpers.api_asserts import assert_error
from helpers.history import unique_host


def random_mobile() -> str:
    return "139" + "".join(random.choice("0123456789") for _ in range(8))


@pytest.fixture
def own_phone(api):
    phone = random_mobile()
    entry = api.post("/api/v1/vault", json={"kind": "phone", "value": phone, "label": "我的手机"}).json()["entry"]
    yield phone, entry
    api.delete(f"/api/v1/vault/{entry['id']}")


def _scan(api, url, text):
    reply = api.post("/api/v1/scan", json={"url": url, "chunks": [{"id": 1, "text": text}]})
    assert reply.status == 200
    return reply.json()


def test_exposure_is_recorded_once_per_page_and_entry(api, own_phone):
    phone, entry = own_phone
    host = unique_host("weibo")
    url = f"https://{host}/u/1?from=feed"
    first = api.post("/api/v1/history/exposures", json={"url": url + "#comment-3", "entry_ids": [entry["id"]]})
    assert first.status == 201 and first.json() == {"recorded": [entry["id"]], "new": 1}
    again = api.post("/api/v1/history/exposures", json={"url": url, "entry_ids": [entry["id"]]})
    assert again.status == 200 and again.json()["new"] == 0

    rows = api.get(f"/api/v1/history/exposures?site={host}").json()["exposures"]
    assert len(rows) == 1
    row = rows[0]
    assert row["url"] == url and row["host"] == host and row["times_seen"] == 2
    assert row["kind"] == "phone" and row["masked"] == entry["masked"] and row["entry_id"] == entry["id"]
    assert phone not in json.dumps(rows)


def test_exposure_recording_validates(api, own_phone):
    _, entry = own_phone
    assert_error(api.post("/api/v1/history/exposures", json={"url": "https://a.example/"}), 400, "invalid")
    assert_error(api.post("/api/v1/history/exposures", json={"url": "https://a.example/", "entry_ids": []}),
                 400, "invalid")
    assert_error(api.post("/api/v1/history/exposures", json={"url": "https://a.example/", "entry_ids": [True]}),
                 400, "invalid")
    assert_error(api.post("/api/v1/history/exposures", json={"url": 5, "entry_ids": [entry["id"]]}), 400, "invalid")
    assert_error(api.post("/api/v1/history/exposures", json={"url": "https://a.example/", "entry_ids": [987654321]}),
                 404, "not_found")
    assert_error(api.post("/api/v1/history/exposures", body="{"), 400, "bad_json")
    assert_error(api.post("/api/v1/history/exposures", json={"url": "https://a.example/", "entry_ids": [1]}, auth=False),
                 401, "unauthorized")


def test_risk_page_keeps_highest_level_and_all_categories(api):
    host = unique_host("tieba")
    url = f"https://{host}/p/9"
    assert api.post("/api/v1/history/risk-pages", json={"url": url, "level": "medium", "categories": ["INDUCEMENT"]}).status == 201
    assert api.post("/api/v1/history/risk-pages", json={"url": url, "level": "critical", "categories": ["EXPOSURE"]}).status == 200
    assert api.post("/api/v1/history/risk-pages", json={"url": url, "level": "high", "categories": []}).status == 200
    pages = api.get(f"/api/v1/history/risk-pages?site={host}").json()["risk_pages"]
    assert [(p["url"], p["level"], p["categories"]) for p in pages] == [(url, "critical", ["EXPOSURE", "INDUCEMENT"])]
    assert_error(api.post("/api/v1/history/risk-pages", json={"url": url, "level": "low"}), 400, "invalid")
    assert_error(api.post("/api/v1/history/risk-pages", json={"url": url, "level": "high", "categories": ["a b"]}),
                 400, "invalid")


def test_summary_counts_findings_by_type_and_site_without_text(api, own_phone):
    phone, entry = own_phone
    host = unique_host("douban")
    _scan(api, f"https://{host}/group/1", f"楼主电话 {phone}，邮箱 someone.test@example.com")
    _scan(api, f"https://{host}/group/2", "另一个手机号 13800138000")
    api.post("/api/v1/history/exposures", json={"url": f"https://{host}/group/1", "entry_ids": [entry["id"]]})
    api.post("/api/v1/history/risk-pages", json={"url": f"https://{host}/group/1", "level": "high", "categories": ["EXPOSURE"]})

    summary = api.get(f"/api/v1/history/summary?site={host}").json()
    assert summary["findings_by_type"] == {"PHONE_MOBILE": 2, "EMAIL": 1}
    assert summary["findings_by_site"] == [{"host": host, "findings": 3, "pages": 2}]
    assert summary["totals"] == {"exposures": 1, "pages_visited": 2, "findings": 3, "risk_pages": 1,
                                 "reports": summary["totals"]["reports"]}
    today = date.today().isoformat()
    assert summary["exposures_by_day"] == [{"day": today, "n": 1}]
    assert summary["findings_by_day"] == [{"day": today, "findings": 3, "pages": 2}]
    assert summary["risk_by_level"] == {"high": 1}
    assert host in summary["choices"]["sites"] and "phone" in summary["choices"]["kinds"]
    assert summary["type_labels"]["zh_CN"]["PHONE_MOBILE"] == "手机号"
    assert phone not in json.dumps(summary) and "someone.test" not in json.dumps(summary)

    findings = api.get(f"/api/v1/history/findings?site={host}").json()
    assert findings["by_type"] == summary["findings_by_type"] and findings["pages_visited"] == 2


def test_reloading_a_page_does_not_count_its_values_again(api):
    """"发现的个人信息" counts distinct values per page: the same page scanned again (a reload, a
    second batch holding the same text) adds nothing; a new value on it, or another page, does."""
    host = unique_host("douban")
    page = f"https://{host}/group/topic/7"
    text = "联系电话 13800138000，邮箱 someone.test@example.com"
    for _ in range(3):
        _scan(api, page, text)
    _scan(api, page, "电话：138 0013 8000")                       # the same number, written otherwise
    summary = api.get(f"/api/v1/history/summary?site={host}").json()
    assert summary["findings_by_type"] == {"PHONE_MOBILE": 1, "EMAIL": 1}
    assert summary["totals"]["findings"] == 2 and summary["totals"]["pages_visited"] == 1
    _scan(api, page, "新加的一个 13900139000")
    _scan(api, f"https://{host}/group/topic/8", text)
    summary = api.get(f"/api/v1/history/summary?site={host}").json()
    assert summary["findings_by_type"] == {"PHONE_MOBILE": 3, "EMAIL": 2}
    assert summary["findings_by_site"] == [{"host": host, "findings": 5, "pages": 2}]


def test_the_value_fingerprints_hold_no_value(flask_api, app):
    _scan(flask_api, "https://douban.test/group/1", "联系电话 13800138000")
    rows = [dict(r) for r in app.extensions["hegai"].db.execute("SELECT * FROM page_values")]
    assert len(rows) == 1 and rows[0]["type"] == "PHONE_MOBILE"
    assert len(rows[0]["fingerprint"]) == 4 and "13800138000" not in json.dumps(rows)


def test_reports_in_the_history_name_their_platform(api):
    """The dashboard shows 豆瓣 / Douban, not the registry id, from the platform registry."""
    url = f"https://www.douban.com/group/topic/{random.randrange(10**9)}/"
    assert api.post("/api/v1/reports", json={"url": url, "text": "开盒 13800138000"}).status == 201
    rows = [r for r in api.get("/api/v1/history/reports").json()["reports"] if r["url"] == url]
    assert [(r["platform"], r["platform_name"], r["platform_name_en"]) for r in rows] == [("douban", "豆瓣", "Douban")]
    csv_text = api.get("/api/v1/history/export?format=csv&dataset=reports").body.decode("utf-8-sig")
    assert any(r["platform_name"] == "豆瓣" for r in csv.DictReader(io.StringIO(csv_text)))


def test_filters_by_type_and_date(api, own_phone):
    phone, entry = own_phone
    host = unique_host("zhihu")
    _scan(api, f"https://{host}/q/1", f"电话 {phone} 邮箱 a.person@example.com")
    api.post("/api/v1/history/exposures", json={"url": f"https://{host}/q/1", "entry_ids": [entry["id"]]})

    by_phone = api.get(f"/api/v1/history/summary?site={host}&type=phone").json()
    assert by_phone["findings_by_type"] == {"PHONE_MOBILE": 1} and by_phone["totals"]["exposures"] == 1
    assert by_phone["filters"]["kinds"] == ["phone"] and "PHONE_MOBILE" in by_phone["filters"]["types"]
    by_email = api.get(f"/api/v1/history/summary?site={host}&type=EMAIL").json()
    assert by_email["findings_by_type"] == {"EMAIL": 1} and by_email["totals"]["exposures"] == 0

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    later = api.get(f"/api/v1/history/summary?site={host}&from={tomorrow}").json()
    assert later["totals"]["findings"] == 0 and later["totals"]["exposures"] == 0
    window = api.get(f"/api/v1/history/summary?site={host}&from={yesterday}&to={tomorrow}").json()
    assert window["totals"]["findings"] == 2

    assert_error(api.get("/api/v1/history/summary?from=2024-13-01"), 400, "invalid")
    assert_error(api.get(f"/api/v1/history/summary?from={tomorrow}&to={yesterday}"), 400, "invalid")
    assert_error(api.get("/api/v1/history/summary?type=NOPE"), 400, "invalid")
    assert_error(api.get("/api/v1/history/summary?site=a%20b"), 400, "invalid")


def test_export_csv_and_json(api, own_phone):
    phone, entry = own_phone
    host = unique_host("xhs")
    url = f"https://{host}/explore/=cmd"
    api.post("/api/v1/history/exposures", json={"url": url, "entry_ids": [entry["id"]]})
    _scan(api, url, f"手机 {phone}")

    reply = api.get(f"/api/v1/history/export?format=csv&dataset=exposures&site={host}")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/csv")
    assert reply.headers["content-disposition"].startswith('attachment; filename="hegai-history-exposures-')
    rows = list(csv.DictReader(io.StringIO(reply.body.decode("utf-8-sig"))))
    assert [(r["host"], r["kind"], r["masked"], r["url"]) for r in rows] == [(host, "phone", entry["masked"], url)]

    by_site = api.get(f"/api/v1/history/export?format=csv&dataset=findings_by_site&site={host}")
    assert list(csv.DictReader(io.StringIO(by_site.body.decode("utf-8-sig")))) == [
        {"host": host, "findings": "1", "pages": "1"}]

    doc = api.get(f"/api/v1/history/export?format=json&site={host}").json()
    assert doc["exported_by"] == "hegai" and doc["filters"]["site"] == host
    assert set(doc) >= {"exposures", "risk_pages", "findings_by_type", "findings_by_site", "reports"}
    assert doc["exposures"][0]["masked"] == entry["masked"] and doc["findings_by_type"] == {"PHONE_MOBILE": 1}
    for body in (reply.body, by_site.body, json.dumps(doc).encode()):
        assert phone.encode() not in body

    assert_error(api.get("/api/v1/history/export?format=xml"), 400, "invalid")
    assert_error(api.get("/api/v1/history/export?format=csv&dataset=all"), 400, "invalid")


def test_csv_cells_that_look_like_formulas_are_neutralised():
    from hegai.service.dashboard.export import to_csv

    text = to_csv("risk_pages", {"risk_pages": [{"url": "=HYPERLINK(\"x\")", "host": "+a", "level": "high",
                                                  "categories": ["EXPOSURE"], "first_seen": "t", "last_seen": "t"}]})
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert row["url"].startswith("'=") and row["host"] == "'+a" and row["categories"] == "EXPOSURE"


@pytest.fixture
def restore_retention(api):
    saved = api.get("/api/v1/history/retention").json()["retention_days"]
    yield
    assert api.put("/api/v1/settings", json={"retention_days": saved}).status == 200


def test_retention_setting(api, restore_retention):
    assert api.get("/api/v1/history/retention").json() == {"retention_days": 90}
    reply = api.put("/api/v1/history/retention", json={"retention_days": 30})
    assert reply.status == 200 and reply.json()["retention_days"] == 30
    assert set(reply.json()["purged"]) == {"detections", "page_values", "exposures", "risk_pages"}
    assert api.get("/api/v1/settings").json()["retention_days"] == 30
    assert api.put("/api/v1/settings", json={"retention_days": 7}).json()["retention_days"] == 7
    for bad in (0, 3651, "30", True, 1.5):
        assert_error(api.put("/api/v1/history/retention", json={"retention_days": bad}), 400, "invalid")
        assert_error(api.put("/api/v1/settings", json={"retention_days": bad}), 400, "invalid")
    assert api.post("/api/v1/history/purge", json={}).status == 200


def test_reports_are_listed_with_status(flask_api, app):
    from hegai.service.storage.clock import now_iso

    db = app.extensions["hegai"].db
    for status, url in (("drafted", "https://weibo.com/1"), ("content_removed", "https://www.zhihu.com/q/2")):
        db.write("INSERT INTO reports (created_at, updated_at, platform, url, category, status) "
                 "VALUES (?, ?, ?, ?, ?, ?)", (now_iso(), now_iso(), url.split("/")[2], url, "泄露隐私", status))
    listed = flask_api.get("/api/v1/history/reports").json()
    assert listed["available"] is True
    assert {(r["host"], r["status"]) for r in listed["reports"]} == {("weibo.com", "drafted"),
                                                                      ("www.zhihu.com", "content_removed")}
    only = flask_api.get("/api/v1/history/reports?site=weibo.com").json()["reports"]
    assert [r["status"] for r in only] == ["drafted"]
    summary = flask_api.get("/api/v1/history/summary").json()
    assert summary["reports_by_status"] == {"drafted": 1, "content_removed": 1} and summary["totals"]["reports"] == 2


def test_delete_all_history(flask_api, app):
    entry = flask_api.post("/api/v1/vault", json={"kind": "phone", "value": "13912345678"}).json()["entry"]
    flask_api.post("/api/v1/scan", json={"url": "https://weibo.com/1", "chunks": [{"id": 1, "text": "电话13912345678"}]})
    flask_api.post("/api/v1/history/exposures", json={"url": "https://weibo.com/1", "entry_ids": [entry["id"]]})
    flask_api.post("/api/v1/history/risk-pages", json={"url": "https://weibo.com/1", "level": "high"})
    deleted = flask_api.delete("/api/v1/history").json()["deleted"]
    assert deleted == {"detections": 1, "page_values": 1, "exposures": 1, "risk_pages": 1}
    totals = flask_api.get("/api/v1/history/summary").json()["totals"]
    assert totals == {"exposures": 0, "pages_visited": 0, "findings": 0, "risk_pages": 0, "reports": 0}
    assert flask_api.get("/api/v1/vault").json()["entries"], "the vault is not history"


def test_protection_guide_comes_from_the_platform_registry(api):
    reply = api.get("/api/v1/alerts/protection?url=" + "https://m.weibo.cn/status/1")
    assert reply.status == 200 and reply.json()["host"] == "m.weibo.cn"
    platform = reply.json()["platform"]
    assert platform["platform"] == "weibo" and platform["protection"]["name"] == "一键防护"
    assert platform["protection"]["confidence"] == "likely" and platform["protection"]["sources"]
    assert api.get("/api/v1/alerts/protection?url=https://unknown.example/").json()["platform"] is None
    assert_error(api.get("/api/v1/alerts/protection"), 400, "invalid")
