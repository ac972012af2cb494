"""Reasons quote what the text says (谁有她电话, 打电话骂他), not the lexicon's canonical term."""

import re

from hegai.detect.finding import Finding
from hegai.detect import scan
from hegai.risk import assess
from hegai.risk.engine import rule_assessment
from hegai.risk.lexicon import get_lexicon
from hegai.risk.quotes import quotes_by_category
from hegai.risk.textfold import fold


def quoted(reasons: list[str], prefix: str) -> list[str]:
    reason = next(r for r in reasons if r.startswith(prefix))
    return re.findall(r"“([^”]*)”", reason)


def test_the_reason_quotes_the_spelling_the_text_uses():
    a = assess("谁有她电话？求扒这个女的")
    assert quoted(a.reasons, "有人求扒") == ["谁有她电话", "求扒"]


def test_overlapping_hits_quote_as_one_span():
    a = assess("大家都去打电话骂他，人肉他全家！")
    # The pattern (都去 + 打电话 + 他) and the term 打电话骂 + 骂他 quote as the page writes them.
    quotes = quoted(a.reasons, "号召他人")
    assert len(quotes) == 1 and "打电话骂他" in quotes[0], quotes


def test_a_quote_is_trimmed_and_said_once():
    # The rules' reasons (the learned layer may drop the bare rally, and its reason with it).
    text = "开冲！！开冲 开冲，谁有她电话\n\n谁有她电话，求 扒"
    a, _ = rule_assessment(text, scan(text))
    assert quoted(a.reasons, "号召他人") == ["开冲"]
    quotes = quoted(a.reasons, "有人求扒")   # 求 扒 asks for 她电话 too: one pattern, quoted once
    assert len(quotes) == len(set(quotes)) and any("谁有她电话" in q for q in quotes) \
        and any("求 扒" in q for q in quotes), quotes


def test_at_most_three_quotes_per_reason():
    a = assess("兄弟们出征！去她评论区集合刷屏，电话轰炸，挂厕所，打爆她电话")
    assert 1 <= len(quoted(a.reasons, "号召他人")) <= 3


def test_a_span_padded_by_evasion_falls_back_to_the_term():
    text = "求" + "。" * 20 + "扒"
    assert quotes_by_category(text, get_lexicon().find(fold(text)), [])["INDUCEMENT"] == ["求扒"]


def test_a_span_touching_personal_info_falls_back_to_the_term():
    text = "谁有她电话"
    finding = Finding(type="PERSON_NAME", start=2, end=3, text="她", score=0.9, masked="*")
    quotes = quotes_by_category(text, get_lexicon().find(fold(text)), [finding])
    assert quotes["INDUCEMENT"] == ["谁有他电话"]
