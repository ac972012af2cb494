"""The risk engine's reasons read once: one reason per category, each term quoted once."""

import re

from hegai.risk import assess
from hegai.risk.reasons import distinct_terms

# Three posts of one feed: a dossier with calls to harass, then a victim's question.
FEED = "\n".join([
    "#今日话题# 今天天气不错，去公园散步了，分享几张照片",
    "开盒了！这个人就是那个网暴别人的，手机号13800138000，身份证 44030519900101123X，"
    "家住深圳市南山区科技园路1号。大家都去打电话骂他，人肉他全家！",
    "有人把我朋友的电话 15800001111 挂出来了，这样合法吗？",
])


def quoted(reason: str) -> list[str]:
    return re.findall(r"“([^”]*)”", reason)


def test_distinct_terms_drops_repeats_and_terms_inside_longer_ones():
    assert distinct_terms(["价格私聊", "接开盒", "私聊", "接开盒"]) == ["价格私聊", "接开盒"]
    assert distinct_terms(["人肉"]) == ["人肉"]


def test_a_term_inside_a_longer_quoted_term_is_not_quoted_again():
    a = assess("需要开盒的私聊我，只接大单，价格面议")   # matches 价格私聊 (as 价格面议) and 私聊
    assert any("“价格面议”" in r for r in a.reasons), a.reasons   # the page's words, not the term
    for reason in a.reasons:
        terms = quoted(reason)
        assert not any(t != u and t in u for t in terms for u in terms), reason


def test_a_whole_feed_gets_one_reason_per_category():
    a = assess(FEED)
    assert a.level == "critical"
    assert len(a.reasons) == len(set(a.reasons))
    kinds = [re.sub(r"（.*", "", r) for r in a.reasons]
    assert len(kinds) == len(set(kinds)), a.reasons
    incitement = [r for r in a.reasons if r.startswith("号召他人")]
    # Overlapping hits (打电话骂 + 骂他) quote as the page writes them; the victim's 挂出来 is no call.
    assert len(incitement) == 1 and len(quoted(incitement[0])) == 1 and "打电话骂他" in quoted(incitement[0])[0], \
        a.reasons
    exposure = [r for r in a.reasons if r.startswith("包含他人")]
    assert exposure == ["包含他人身份证号、手机号和家庭住址"]


def test_reasons_in_english_say_the_same_things():
    from hegai.detect import scan
    from hegai.risk import assess_findings

    zh = assess(FEED)
    en = assess_findings(FEED, scan(FEED), language="en")
    assert (en.level, en.score, en.categories) == (zh.level, zh.score, zh.categories)
    assert len(en.reasons) == len(zh.reasons)
    assert en.reasons[0].startswith("Contains someone else's") and "mobile number" in en.reasons[0]
    assert any(r.startswith("Calls on others to harass") for r in en.reasons)
    for zh_reason, en_reason in zip(zh.reasons, en.reasons):
        assert quoted(zh_reason) == quoted(en_reason)        # the page's own words, quoted alike
        assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”|开盒", "", en_reason)), en_reason
    news = "据新华社报道，网信办部署开盒问题专项整治，严厉打击人肉搜索、社工库等违法行为。"
    (reason,) = assess_findings(news, scan(news), language="en").reasons
    assert reason.startswith("Mentions ") and "nobody's personal information is exposed" in reason
    assert assess_findings(news, scan(news), language="zh_CN").reasons == assess(news).reasons


def test_an_unknown_language_is_refused():
    import pytest

    from hegai.risk import assess_findings

    with pytest.raises(ValueError):
        assess_findings("求扒", [], language="fr")


def test_every_language_has_every_reason():
    from hegai.risk.reasons import LANGUAGES, _texts

    texts = _texts()
    assert set(texts) == set(LANGUAGES)
    assert set(texts["zh"]) == set(texts["en"])
