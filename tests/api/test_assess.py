"""``POST /api/v1/assess``: the risk engine's assessment of a whole page's text, through Flask's
test client and against the real server; its error paths; it records nothing."""

from __future__ import annotations

import json

import pytest

from helpers.api_asserts import assert_error
from hegai.service import engines

# One person's dossier, split the way two scan batches of a thread would split it.
FIRST_LOAD = "楼主说的那个人，身份证110105199003072514"
SECOND_LOAD = "他手机13812345678，家住北京市朝阳区望京西园三区312号楼2单元501"
URL = "https://tieba.test/p/1"


def assess(api, text, url=URL):
    return api.post("/api/v1/assess", json={"url": url, "text": text})


def needs_risk_engine():
    # The risk engine ships in the package and is imported directly: a broken import fails here.
    assert engines.assess("", [])["level"] == "none"


def test_the_page_as_a_whole_sees_a_split_dossier(api):
    needs_risk_engine()
    reply = assess(api, FIRST_LOAD + "\n" + SECOND_LOAD)
    assert reply.status == 200, reply.body
    body = reply.json()
    assert body["url"] == URL
    # ID + phone + address of someone else: high at least (a dossier by the SPEC's guide)
    assert body["assessment"]["level"] in ("high", "critical")
    assert body["assessment"]["categories"] == ["EXPOSURE"]
    assert body["assessment"]["reasons"] == ["包含他人身份证号、手机号和家庭住址"]
    assert 0 <= body["assessment"]["score"] <= 1
    # Each load scanned on its own (what the batches said) never rates it higher, and each gives
    # only its part of the reasons; an ID number alone is already high by the SPEC's guide.
    batches = [api.post("/api/v1/scan", json={"url": URL, "chunks": [{"id": 1, "text": t}]}).json()["assessment"]
               for t in (FIRST_LOAD, SECOND_LOAD)]
    levels = ["none", "low", "medium", "high", "critical"]
    assert batches[0]["level"] == "high"
    assert all(levels.index(b["level"]) <= levels.index(body["assessment"]["level"]) for b in batches)
    assert [b["reasons"] for b in batches] == [["包含他人身份证号"], ["包含他人手机号和家庭住址"]]


def test_reasons_are_the_engines_own_and_never_repeat(api):
    needs_risk_engine()
    feed = "\n".join(["开盒了！手机号13800138000，身份证 44030519900101123X，家住深圳市南山区科技园路1号。大家都去打电话骂他！",
                      "有人把我朋友的电话 15800001111 挂出来了"] * 20)
    reasons = assess(api, feed).json()["assessment"]["reasons"]
    assert len(reasons) == len(set(reasons))
    assert sum(r.startswith("号召他人") for r in reasons) == 1
    assert sum(r.startswith("包含他人") for r in reasons) == 1
    assert not any("13800138000" in r or "44030519900101123X" in r for r in reasons)


def test_reasons_follow_the_users_language(api):
    """With the UI in English the banner's reasons are English too (the words the page uses stay)."""
    needs_risk_engine()
    assert api.put("/api/v1/settings", json={"language": "en"}).status == 200
    try:
        page = assess(api, FIRST_LOAD + "\n" + SECOND_LOAD).json()["assessment"]
        assert page["reasons"] == ["Contains someone else's ID number, mobile number and home address"]
        batch = api.post("/api/v1/scan", json={"url": URL, "chunks": [{"id": 1, "text": "求扒这个人，谁有她电话"}]})
        (reason,) = batch.json()["assessment"]["reasons"]
        assert reason.startswith("Asks others to dig up someone's personal information (") and "谁有她电话" in reason
        phone = api.post("/api/v1/scan", json={"url": URL, "chunks": [{"id": 1, "text": "手机13812345678"}]})
        (finding,) = phone.json()["chunks"][0]["findings"]
        assert finding["reasons"] == ["valid mobile prefix", "cue: 手机"]     # the hover text, too
    finally:
        api.put("/api/v1/settings", json={"language": "zh_CN"})
    assert assess(api, FIRST_LOAD + "\n" + SECOND_LOAD).json()["assessment"]["reasons"] == ["包含他人身份证号、手机号和家庭住址"]


def test_empty_and_harmless_text(api):
    needs_risk_engine()
    assert assess(api, "").json()["assessment"]["level"] == "none"
    assert assess(api, "今天天气不错😀").json()["assessment"] == {"level": "none", "score": 0.0,
                                                                "categories": [], "reasons": []}


@pytest.mark.parametrize("body,code", [
    ({"url": URL}, "invalid"),
    ({"text": "x"}, "invalid"),
    ({"url": URL, "text": ["x"]}, "invalid"),
    ({"url": 7, "text": "x"}, "invalid"),
    ({"url": "u" * 9000, "text": "x"}, "invalid"),
])
def test_bad_bodies_are_400(api, body, code):
    assert_error(api.post("/api/v1/assess", json=body), 400, code)


def test_not_json_is_400(api):
    assert_error(api.post("/api/v1/assess", body="{nope", headers={"Content-Type": "application/json"}),
                 400, "bad_json")
    assert_error(api.post("/api/v1/assess", body="[]", headers={"Content-Type": "application/json"}),
                 400, "bad_json")


def test_needs_the_token(api):
    assert_error(api.post("/api/v1/assess", json={"url": URL, "text": "x"}, auth=False), 401, "unauthorized")
    reply = api.request("POST", "/api/v1/assess", json={"url": URL, "text": "x"}, auth=False,
                        headers={"Authorization": "Bearer not-a-token"})
    assert_error(reply, 401, "unauthorized")


def test_too_much_text_is_413(api):
    # Over the 2 MB body limit, and (in a smaller body) over the 1,000,000-character text limit.
    big = '{"url": "u", "text": "' + "开" * (800 * 1024) + '"}'
    assert_error(api.post("/api/v1/assess", body=big, headers={"Content-Type": "application/json"}), 413, "too_large")
    assert_error(assess(api, "a" * 1_000_001), 413, "too_large")


def test_the_longest_text_the_extension_sends_is_answered(api):
    """content/page-assessor.js sends at most the newest 500,000 characters (≤ 1.5 MB as UTF-8)."""
    needs_risk_engine()
    text = ("今天天气不错，去公园散步了。" * 40_000)[:500_000]
    body = json.dumps({"url": URL, "text": text}, ensure_ascii=False)   # as JSON.stringify sends it
    reply = api.post("/api/v1/assess", body=body.encode("utf-8"), headers={"Content-Type": "application/json"})
    assert reply.status == 200 and reply.json()["assessment"]["level"] in ("none", "low")


def test_assessing_records_nothing(api):
    """The extension records risk pages (background/alerts.js) with the level it shows; the
    assessment itself has no side effect, so nothing is recorded twice."""
    url = "https://assess-only.test/p/2"
    assert assess(api, FIRST_LOAD + "\n" + SECOND_LOAD, url=url).status == 200
    pages = api.get("/api/v1/history/risk-pages?site=assess-only.test").json()["risk_pages"]
    assert pages == []
    summary = api.get("/api/v1/history/summary?site=assess-only.test").json()
    assert summary["totals"]["pages_visited"] == 0


def test_openapi_documents_assess(api):
    doc = api.get("/api/v1/openapi.json", auth=False).json()
    route = doc["paths"]["/api/v1/assess"]["post"]
    assert {"200", "400", "401", "403", "413", "429"} <= set(route["responses"])
    request = doc["components"]["schemas"]["AssessRequest"]
    assert request["required"] == ["url"] and "text" in request["properties"]   # or posts (test_assess_posts.py)
