"""``POST /api/v1/assess`` with ``posts``: a page judged by its worst post (SPEC, "Risk levels").

Each post is assessed alone and each thread's posts joined; the page is the worst unit, with that
unit's reasons and a quote of its own words only. Through Flask's test client and the real server.
"""

from __future__ import annotations

import json
import re

import pytest

from helpers.api_asserts import assert_error
from hegai.service import engines

URL = "https://zhihu.test/question/1"
LEVELS = ["none", "low", "medium", "high", "critical"]

# A question page: a general question, a lawyer's explainer, a comment that doxes a third person.
QUESTION = "网上说的开盒到底是什么意思？被开盒以后能做什么？"
LAWYER = ("从法律上讲，未经同意公布他人的姓名、住址、电话，可能侵犯隐私权和个人信息权益，"
          "情节严重的还涉嫌犯罪。建议受害人先固定证据，再向平台投诉或报警。")
DOX = ("楼上说的那个骗子我查到了，他叫韩志坤，电话18751236604，在苏州启明电子科技有限公司做销售，"
       "公司总机0512-66823105。大家明天一起打过去找他领导，让公司开除他！")
HOTLINE = "本站客服热线 400-690-5858，工作日 9:00-18:00 为您服务。"
NEWS = "据报道，网信部门近日开展专项行动，集中整治网络开盒、人肉搜索等乱象。"

# A thread: one person's details spread over three floors, each harmless-looking alone.
FLOOR_1 = "说的就是那个在菜市场卖鱼的，大名叫宋德彪。"
FLOOR_5 = "他手机好像是15298736610，不信自己打。"
FLOOR_9 = "人住在杭州市拱墅区和睦路街道和睦新村12幢3单元401。"


def needs_risk_engine():
    # The risk engine ships in the package and is imported directly: a broken import fails here.
    assert engines.assess("", [])["level"] == "none"


def post(pid, text, thread=None):
    return {"id": pid, "text": text, **({"thread": thread} if thread is not None else {})}


def assess(api, posts, url=URL):
    # As JSON.stringify sends it (UTF-8, not \u escapes): what the 2 MB body limit sees.
    body = json.dumps({"url": url, "posts": posts}, ensure_ascii=False).encode("utf-8")
    reply = api.post("/api/v1/assess", body=body, headers={"Content-Type": "application/json"})
    assert reply.status == 200, reply.body[:300]
    body = reply.json()
    assert body["url"] == url
    return body["assessment"]


def rank(level: str) -> int:
    return LEVELS.index(level)


def quoted_words(quote: str) -> list[str]:
    """The quote's own words: split where values are masked (*) or the text was cut (…)."""
    return [w for w in re.split(r"[*…\n]+", quote) if w.strip()]


def assert_quotes_only(quote_text: str, source: str):
    for words in quoted_words(quote_text):
        assert words.strip() in " ".join(source.split()), (words, source)


def test_the_worst_post_sets_the_level_reasons_and_quote(api):
    needs_risk_engine()
    alone = assess(api, [post("c9", DOX)])
    assert rank(alone["level"]) >= rank("high"), alone
    page = assess(api, [post("q", QUESTION, "q"), post("a1", LAWYER, "a1"), post("c9", DOX, "a1"),
                        post("h", HOTLINE)])
    assert page["level"] == alone["level"] and page["reasons"] == alone["reasons"]
    assert page["unit"] == "post" and page["post_id"] == "c9" and page["thread"] == "a1"
    assert [q["post_id"] for q in page["quotes"]] == ["c9"]
    assert "大家明天一起打过去找他领导" in page["quote"]
    assert_quotes_only(page["quote"], DOX)
    for other in ("开盒", "律师", "客服", "法律", "隐私权"):
        assert other not in page["quote"], other


@pytest.mark.parametrize("extra", [HOTLINE, LAWYER, NEWS, QUESTION])
@pytest.mark.parametrize("same_thread", [True, False])
def test_a_harmless_line_never_lowers_the_comment(api, extra, same_thread):
    needs_risk_engine()
    alone = assess(api, [post(1, DOX, "t")])
    page = assess(api, [post(0, extra, "t" if same_thread else "other"), post(1, DOX, "t")])
    assert rank(page["level"]) >= rank(alone["level"]) >= rank("high")
    assert page["post_id"] == 1 and [q["post_id"] for q in page["quotes"]] == [1]
    assert_quotes_only(page["quote"], DOX)


def test_a_dossier_spread_over_replies_is_one(api):
    needs_risk_engine()
    floors = [post("1L", FLOOR_1, "p1"), post("2L", "顶一下", "p1"), post("5L", FLOOR_5, "p1"),
              post("7L", "吃瓜", "p1"), post("9L", FLOOR_9, "p1")]
    for floor in (FLOOR_1, FLOOR_5, FLOOR_9):
        assert rank(assess(api, [post("x", floor)])["level"]) <= rank("medium"), floor
    page = assess(api, floors)
    assert page["level"] == "critical", page
    assert page["unit"] == "thread" and page["thread"] == "p1" and page["post_id"] == "1L"
    assert [q["post_id"] for q in page["quotes"]] == ["1L", "5L", "9L"]
    for q, source in zip(page["quotes"], (FLOOR_1, FLOOR_5, FLOOR_9)):
        assert_quotes_only(q["text"], source)
    assert page["quote"] == "\n".join(q["text"] for q in page["quotes"])


def test_the_same_floors_in_separate_threads_are_not_a_dossier(api):
    needs_risk_engine()
    page = assess(api, [post(1, FLOOR_1, "a"), post(5, FLOOR_5, "b"), post(9, FLOOR_9, "c")])
    assert rank(page["level"]) <= rank("medium"), page


def test_a_threads_quote_and_reasons_leave_out_a_hotline_reply(api):
    needs_risk_engine()
    floors = assess(api, [post(1, FLOOR_1, "t"), post(5, FLOOR_5, "t"), post(9, FLOOR_9, "t")])
    page = assess(api, [post(1, FLOOR_1, "t"), post(3, HOTLINE, "t"), post(5, FLOOR_5, "t"),
                        post(9, FLOOR_9, "t")])
    assert rank(page["level"]) >= rank(floors["level"]) >= rank("high") and page["unit"] == "thread"
    assert [q["post_id"] for q in page["quotes"]] == [1, 5, 9]
    assert "客服" not in page["quote"] and "400" not in page["quote"]
    assert not any("固定电话" in r for r in page["reasons"]), page["reasons"]


def test_quotes_mask_values_and_count_utf16_in_their_own_post(api):
    needs_risk_engine()
    text = "😡😡 " + DOX
    page = assess(api, [post("a", LAWYER, "t"), post("b", text, "t")])
    (q,) = page["quotes"]
    assert q["post_id"] == "b"
    window = text.encode("utf-16-le")[2 * q["start"]:2 * q["end"]].decode("utf-16-le")
    assert window == text[:len(window)] and "韩志坤" in window          # offsets into post b's own text
    assert "18751236604" not in page["quote"] and "187****6604" in page["quote"]   # values masked
    assert "韩志坤" not in page["quote"]


def test_a_long_post_is_quoted_around_its_evidence(api):
    needs_risk_engine()
    filler = "今天下班路上看到一只很可爱的橘猫，拍了好多照片。" * 12
    text = filler + DOX + filler
    page = assess(api, [post(1, text)])
    assert rank(page["level"]) >= rank("high")
    assert page["quote"].startswith("…") and page["quote"].endswith("…")
    assert len(page["quote"]) <= 130 and "187****6604" in page["quote"]
    assert_quotes_only(page["quote"], text)


def test_no_posts_or_harmless_posts(api):
    needs_risk_engine()
    empty = assess(api, [])
    assert empty == {"level": "none", "score": 0.0, "categories": [], "reasons": [], "unit": None,
                     "post_id": None, "thread": None, "quote": "", "quotes": []}
    calm = assess(api, [post(1, "今天天气不错😀", "t"), post(2, "是啊，适合去爬山", "t")])
    assert calm["level"] == "none" and calm["quotes"] == []


def test_reasons_follow_the_users_language_and_quotes_keep_the_pages_words(api):
    needs_risk_engine()
    assert api.put("/api/v1/settings", json={"language": "en"}).status == 200
    try:
        page = assess(api, [post(1, FLOOR_1, "t"), post(5, FLOOR_5, "t"), post(9, FLOOR_9, "t")])
        assert page["reasons"] and all(r.isascii() for r in page["reasons"]), page["reasons"]
        assert "宋" in page["quote"] and "卖鱼" in page["quote"]
    finally:
        api.put("/api/v1/settings", json={"language": "zh_CN"})


def test_text_still_works_for_older_callers(api):
    needs_risk_engine()
    reply = api.post("/api/v1/assess", json={"url": URL, "text": FLOOR_1 + "\n" + FLOOR_5 + "\n" + FLOOR_9})
    assert reply.status == 200 and set(reply.json()["assessment"]) == {"level", "score", "categories", "reasons"}


def _posts(n, text="x"):
    return [post(i, text) for i in range(n)]


@pytest.mark.parametrize("body", [
    {"url": URL, "posts": "not a list"},
    {"url": URL, "posts": {"id": 1, "text": "x"}},
    {"url": URL, "posts": ["x"]},
    {"url": URL, "posts": [{"text": "x"}]},
    {"url": URL, "posts": [{"id": True, "text": "x"}]},
    {"url": URL, "posts": [{"id": 1.5, "text": "x"}]},
    {"url": URL, "posts": [{"id": "", "text": "x"}]},
    {"url": URL, "posts": [{"id": "i" * 129, "text": "x"}]},
    {"url": URL, "posts": [{"id": 2**60, "text": "x"}]},
    {"url": URL, "posts": [{"id": 1}]},
    {"url": URL, "posts": [{"id": 1, "text": 5}]},
    {"url": URL, "posts": [{"id": 1, "text": "x", "thread": ["t"]}]},
    {"url": URL, "posts": [{"id": 1, "text": "x", "thread": False}]},
    {"url": URL, "posts": [{"id": 1, "text": "x"}, {"id": 1, "text": "y"}]},
    {"url": URL, "posts": _posts(5001)},
    {"url": URL, "posts": [{"id": 1, "text": "x"}], "text": "x"},
    {"posts": [{"id": 1, "text": "x"}]},
    {"url": URL},
])
def test_bad_posts_are_400(api, body):
    body = assert_error(api.post("/api/v1/assess", json=body), 400, "invalid")
    assert len(body["error"]["message"]) < 200


def test_too_much_text_in_posts_is_413(api):
    posts = [post(1, "a" * 600_000), post(2, "b" * 400_001)]
    assert_error(api.post("/api/v1/assess", json={"url": URL, "posts": posts}), 413, "too_large")


def test_the_most_the_extension_sends_is_answered(api):
    """content/page-assessor.js sends at most 3,000 posts and 500,000 characters."""
    needs_risk_engine()
    posts = [post(f"p{i}", "今天天气不错，去公园散步了。" * 11, f"t{i // 10}") for i in range(3000)]
    page = assess(api, posts)
    assert page["level"] in ("none", "low")


def test_openapi_documents_posts(api):
    doc = api.get("/api/v1/openapi.json", auth=False).json()
    schemas = doc["components"]["schemas"]
    request = schemas["AssessRequest"]
    assert request["required"] == ["url"] and {"posts", "text"} <= set(request["properties"])
    assert set(schemas["PagePost"]["required"]) == {"id", "text"} and "thread" in schemas["PagePost"]["properties"]
    page = schemas["PageAssessment"]["properties"]
    assert {"unit", "post_id", "thread", "quote", "quotes"} <= set(page)
    assert "UTF-16" in page["quotes"]["items"]["properties"]["start"]["description"]
