"""Every endpoint's happy path, through Flask's test client and against the real server."""

from __future__ import annotations

import random
import re

import pytest

from helpers.api_asserts import assert_error
from hegai import __version__


def random_mobile() -> str:
    return "139" + "".join(random.choice("0123456789") for _ in range(8))


@pytest.fixture
def vault_entry(api):
    """Add entries through the API; delete them afterwards (the live server is shared)."""
    created = []

    def _add(kind, value, label=""):
        reply = api.post("/api/v1/vault", json={"kind": kind, "value": value, "label": label})
        assert reply.status in (200, 201), reply.body
        created.append(reply.json()["entry"]["id"])
        return reply.json()["entry"]

    yield _add
    for entry_id in created:
        api.delete(f"/api/v1/vault/{entry_id}")


@pytest.fixture
def restore_settings(api):
    saved = api.get("/api/v1/settings").json()
    yield
    saved["sites"] = {**{h: None for h in api.get("/api/v1/settings").json()["sites"]}, **saved["sites"]}
    assert api.put("/api/v1/settings", json=saved).status == 200


def test_health(api):
    body = api.get("/api/v1/health").json()
    assert body == {"status": "ok", "version": __version__, "paired": True}


def test_health_says_unpaired_before_any_token(make_app):
    from helpers.flask_api import FlaskApi

    assert FlaskApi(make_app(), None).get("/api/v1/health").json()["paired"] is False


def test_scan_returns_findings_per_chunk_with_utf16_offsets(api):
    phone = random_mobile()
    text = f"😀😀 电话 {phone}"          # two astral emoji: +2 UTF-16 units before the number
    reply = api.post("/api/v1/scan", json={"url": "https://weibo.com/1/2?x=1",
                                           "chunks": [{"id": "c1", "text": text}, {"id": 7, "text": "没有个人信息"}]})
    assert reply.status == 200, reply.body
    body = reply.json()
    assert body["url"] == "https://weibo.com/1/2?x=1"
    assert [c["id"] for c in body["chunks"]] == ["c1", 7]
    (f,) = [f for f in body["chunks"][0]["findings"] if f["type"] == "PHONE_MOBILE"]
    cp_start = text.index(phone)
    assert (f["start"], f["end"]) == (cp_start + 2, cp_start + 2 + 11)
    assert f["text"] == phone and "****" in f["masked"] and f["label"] == "手机号"
    assert 0 <= f["score"] <= 1 and isinstance(f["reasons"], list)
    assert body["chunks"][1]["findings"] == []
    assert body["counts"]["PHONE_MOBILE"] == 1
    assert "assessment" in body and body["vault_matches"] == []


def test_scan_reports_the_users_own_entries(api, vault_entry):
    phone = random_mobile()
    entry = vault_entry("phone", f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}", "我的手机")
    reply = api.post("/api/v1/scan", json={"url": "https://tieba.baidu.com/p/1",
                                           "chunks": [{"id": "a", "text": "无关"}, {"id": "b", "text": f"🙂手机：{phone}"}]})
    (match,) = reply.json()["vault_matches"]
    assert match == {"chunk_id": "b", "start": 5, "end": 16, "entry_id": entry["id"], "kind": "phone",
                     "masked": entry["masked"], "label": "我的手机"}


def test_check_orders_own_first_and_masks(api, vault_entry, restore_settings):
    own, other = random_mobile(), random_mobile()
    vault_entry("phone", own)
    api.put("/api/v1/settings", json={"sensitivity": "normal", "only_own": False, "language": "zh_CN"})
    text = f"别人的号码 {other}，我的号码 {own}"
    body = api.post("/api/v1/check", json={"text": text, "url": "https://www.zhihu.com/"}).json()
    assert set(body) == {"warnings", "masked_text", "assessment", "own"}
    assert [w["own"] for w in body["warnings"]] == [True, False]
    first = body["warnings"][0]
    assert first["type"] == "PHONE_MOBILE" and first["severity"] == "high"
    assert (first["start"], first["end"]) == (text.index(own), text.index(own) + 11)
    assert "自己" in first["message"] and own not in first["message"]
    assert body["own"] is True
    assert own not in body["masked_text"] and other not in body["masked_text"]
    assert body["masked_text"].startswith("别人的号码 ") and "****" in body["masked_text"]


def test_check_respects_only_own_and_language(api, vault_entry, restore_settings):
    own, other = random_mobile(), random_mobile()
    vault_entry("phone", own)
    api.put("/api/v1/settings", json={"only_own": True, "language": "en"})
    body = api.post("/api/v1/check", json={"text": f"{other} and {own}"}).json()
    assert [w["own"] for w in body["warnings"]] == [True]
    assert body["warnings"][0]["message"].startswith("This is your own")
    assert other in body["masked_text"]


def test_check_without_findings(api):
    body = api.post("/api/v1/check", json={"text": "今天天气不错"}).json()
    assert body["warnings"] == [] and body["masked_text"] == "今天天气不错" and body["own"] is False


def test_vault_add_list_delete_never_shows_the_value(api, vault_entry):
    phone = random_mobile()
    entry = vault_entry("phone", phone, "工作手机")
    assert entry["kind"] == "phone" and entry["label"] == "工作手机"
    listed = api.get("/api/v1/vault")
    assert phone not in listed.body.decode()
    assert entry in listed.json()["entries"]
    assert api.delete(f"/api/v1/vault/{entry['id']}").json() == {"deleted": entry["id"]}
    assert entry not in api.get("/api/v1/vault").json()["entries"]
    assert_error(api.delete(f"/api/v1/vault/{entry['id']}"), 404, "not_found")


def test_vault_same_value_written_differently_is_one_entry(api, vault_entry):
    phone = random_mobile()
    first = vault_entry("phone", phone)
    again = api.post("/api/v1/vault", json={"kind": "phone", "value": f"0086 {phone[:3]} {phone[3:]}"})
    assert again.status == 200 and again.json()["entry"]["id"] == first["id"]


def test_settings_get_put_merge(api, restore_settings):
    defaults = api.get("/api/v1/settings").json()
    assert set(defaults) == {"language", "highlight_style", "sensitivity", "sites", "warn_types", "only_own",
                             "retention_days"}
    merged = api.put("/api/v1/settings", json={"highlight_style": "blur",
                                               "sites": {"weibo.com": {"enabled": False, "style": "mark"}}}).json()
    assert merged["highlight_style"] == "blur" and merged["sites"]["weibo.com"] == {"enabled": False, "style": "mark"}
    merged = api.put("/api/v1/settings", json={"sites": {"zhihu.com": {"enabled": True}}}).json()
    assert set(merged["sites"]) >= {"weibo.com", "zhihu.com"}
    merged = api.put("/api/v1/settings", json={"sites": {"weibo.com": None}}).json()
    assert "weibo.com" not in merged["sites"]
    assert api.get("/api/v1/settings").json() == merged


def test_openapi_documents_every_route_and_utf16(api, app):
    doc = api.get("/api/v1/openapi.json", auth=False).json()
    assert doc["openapi"].startswith("3.1") and doc["info"]["version"] == __version__
    assert "UTF-16" in doc["info"]["description"]
    documented = {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:\w+:)?\w+>", "{id}", rule.rule)   # every route variable is an id
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, (path, method)
    for path, ops in doc["paths"].items():
        for op in ops.values():
            for response in op["responses"].values():
                ref = response.get("$ref") or ""
                assert not ref or ref.split("/")[-1] in doc["components"]["responses"]
