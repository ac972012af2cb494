"""Agree with other projects' own test vectors (../shared/eval/peer_vectors.jsonl).

- python-stdnum ``cn.ric``: our ID_CARD verdict equals stdnum's on every resident-ID input.
- any-rule: every example of one of our types is found, every counter-example is not, and
  hard negatives (train numbers, stock codes, money, dates, postcodes, USCC) give no finding.
  Cued types (QQ, WECHAT, PASSPORT, a bare local landline) are given their cue word, because a
  bare number is not a QQ number without one (SPEC). "Format-level" ID/bank examples that the
  reference validator rejects (bad checksum, 10-digit "card") must NOT be found.
- JioNLP: money and time expressions give no finding; its phone/email examples are found whole.
- phonenumbers: short codes are not findings; CN example numbers are found.
- Presidio: e-mails at the same positions; cards that fail Luhn are not found.
"""

from __future__ import annotations

import json

import pytest
from stdnum import luhn
from stdnum.cn import ric

from hegai.detect import scan

OUR_TYPE = {
    "CN_RESIDENT_ID": "ID_CARD", "BANK_CARD": "BANK_CARD", "EMAIL": "EMAIL", "QQ": "QQ",
    "WECHAT": "WECHAT", "LICENCE_PLATE": "LICENSE_PLATE", "PASSPORT": "PASSPORT", "IP": "IP_ADDRESS",
    "HK_ID": "PASSPORT", "MO_ID": "PASSPORT", "TW_ID": "PASSPORT", "PHONE": "PHONE",
}
CUES = {"QQ": "QQ：", "WECHAT": "微信：", "PASSPORT": "护照号：", "HK_ID": "香港身份证：",
        "MO_ID": "澳门身份证：", "TW_ID": "台湾身份证："}
NUMERIC = {"ID_CARD", "PHONE_MOBILE", "PHONE_LANDLINE", "BANK_CARD"}


def _records(shared_eval):
    with open(shared_eval / "peer_vectors.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _type_matches(finding_type: str, ours: str) -> bool:
    return finding_type.startswith("PHONE_") if ours == "PHONE" else finding_type == ours


def _whole(findings, text: str, ours: str, offset: int = 0) -> bool:
    return any(_type_matches(f.type, ours) and f.start == offset and f.end == offset + len(text)
               for f in findings)


@pytest.fixture(scope="module")
def records(shared_eval):
    return _records(shared_eval)


def test_stdnum_ric_verdicts_agree(records):
    ric_records = [r for r in records if r["call"].startswith("stdnum.cn.ric")]
    assert len(ric_records) >= 15
    disagreements = []
    for r in ric_records:
        value = r["input"]
        ours = _whole(scan(value), value, "ID_CARD")
        if ours != ric.is_valid(value):
            disagreements.append((r["id"], value, ours))
        if r["expected_kind"] == "invalid":
            assert not ours, r["id"]
    assert not disagreements


def test_stdnum_uscc_is_not_personal(records):
    for r in records:
        if r["call"].startswith("stdnum.cn.uscc"):
            assert not [f for f in scan(r["input"]) if f.type in NUMERIC], r["id"]


def _any_rule(records):
    return [r for r in records if r["source_repo"] == "any86/any-rule"]


def _reference_accepts(r) -> bool:
    """For format-level examples, the verdict of the reference validator."""
    value = r["input"]
    if r["helper_pii_type"] == "CN_RESIDENT_ID":
        if len(value) == 15:
            from hegai.detect.recognizers.id_card import check_18, upgrade_15
            return value.isdigit() and check_18(upgrade_15(value))
        return ric.is_valid(value)
    if r["helper_pii_type"] == "BANK_CARD":
        return 16 <= len(value) <= 19 and luhn.is_valid(value)
    return True


def test_any_rule_examples_found(records):
    checked = 0
    for r in _any_rule(records):
        ours = OUR_TYPE.get(r["helper_pii_type"])
        if r["expected_kind"] != "match" or r["helper_numeric_pii_negative"] or ours is None:
            continue
        value = r["input"]
        cue = CUES.get(r["helper_pii_type"], "")
        if ours == "PHONE" and len(value) <= 8:
            cue = "电话："        # a bare 8-digit local number needs a phone cue
        text = cue + value
        expected = _reference_accepts(r)
        found = _whole(scan(text), value, ours, offset=len(cue))
        assert found == expected, (r["id"], r["call"][:40], value, expected)
        checked += 1
    assert checked >= 40


def test_any_rule_counter_examples_and_negatives_not_found(records):
    checked = 0
    for r in _any_rule(records):
        negative = r["helper_numeric_pii_negative"] or r["expected_kind"] == "no_match"
        if not negative:
            continue
        findings = scan(r["input"])
        assert not findings, (r["id"], r["input"], findings)
        checked += 1
    assert checked >= 25


def test_jionlp_money_and_time_give_no_finding(records):
    checked = 0
    for r in records:
        if "extract_money" in r["call"] or "extract_time" in r["call"]:
            assert scan(r["input"]) == [], (r["id"], r["input"])
            checked += 1
    assert checked >= 50


def test_jionlp_phone_and_email_examples_found_whole(records):
    for r in records:
        spans = r.get("helper_pii_spans") or []
        if r["source_repo"] != "dongrixinyu/JioNLP" or not spans:
            continue
        findings = scan(r["input"])
        for span in spans:
            start = r["input"].index(span["text"])
            assert _whole(findings, span["text"], OUR_TYPE[span["type"]], start), (r["id"], span)
    extract = next(r for r in records if r["call"].startswith("jio.extract_phone_number"))
    got = [(f.text, [f.start, f.end]) for f in scan(extract["input"])]
    assert got == [(e["text"], e["offset"]) for e in extract["expected"]]
    for r in records:
        if r["call"].startswith("jio.remove_email"):
            emails = [f.text for f in scan(r["input"]) if f.type == "EMAIL"]
            assert emails and all(e not in r["expected"] for e in emails), r["id"]


def test_phonenumbers_short_codes_and_examples(records):
    for r in records:
        if r["source_repo"] != "daviddrysdale/python-phonenumbers":
            continue
        call, value = r["call"], r["input"]
        if call.startswith("short number"):
            assert scan(value) == [], (r["id"], value)
        elif "MOBILE" in call or "18912341234" in value:
            assert [f.type for f in scan(value)] == ["PHONE_MOBILE"], r["id"]
        elif "TOLL_FREE" in call or "SHARED_COST" in call:
            assert [f.type for f in scan(value)] == ["PHONE_LANDLINE"], r["id"]


def test_presidio_emails_and_bad_cards(records):
    for r in records:
        if r["source_repo"] != "microsoft/presidio":
            continue
        if r["call"].startswith("EmailRecognizer"):
            got = [[f.start, f.end] for f in scan(r["input"]) if f.type == "EMAIL"]
            assert got == r["expected"]["expected_positions"], r["id"]
        elif r["call"].startswith("CreditCardRecognizer"):
            cards = [f for f in scan(r["input"]) if f.type == "BANK_CARD"]
            if r["expected_kind"] == "no_match":
                assert cards == [], r["id"]
            else:   # 14/15-digit non-CN cards are out of our 16-19 digit scope
                want = [s for s in r["expected"]["expected_res"] if 16 <= s[1] - s[0] - r["input"][s[0]:s[1]].count("-") - r["input"][s[0]:s[1]].count(" ") <= 19]
                assert [[f.start, f.end] for f in cards] == want, r["id"]
