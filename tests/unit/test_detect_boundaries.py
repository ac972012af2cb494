"""Boundaries, traditional script and odd dashes (issue 19): values glued to Latin letters or to
each other, e-mails that must end before the next value, cue words in traditional script, dash
variants inside numbers, unit numbers after an estate name, QQ group numbers."""

import pytest

from hegai.detect import scan
from hegai.detect.base import Document
from hegai.detect.recognizers import intl_phone, phone
from hegai.detect.cues import cue_words
from hegai.detect.normalize import normalize


def found(text, types=("PHONE_MOBILE", "PHONE_LANDLINE", "EMAIL", "QQ", "WECHAT")):
    return [(f.type, f.text) for f in scan(text) if f.type in types]


@pytest.mark.parametrize("text,expected", [
    ("手机13812345678E-mail：kitty@163.com", [("PHONE_MOBILE", "13812345678"), ("EMAIL", "kitty@163.com")]),
    ("13812345678QQ:123456", [("PHONE_MOBILE", "13812345678"), ("QQ", "123456")]),
    ("个签 kitty13812345678 常在", [("PHONE_MOBILE", "13812345678")]),
    ("dh15900112233 本人", [("PHONE_MOBILE", "15900112233")]),
    ("1381234567813912345678", [("PHONE_MOBILE", "13812345678"), ("PHONE_MOBILE", "13912345678")]),
    ("邮箱lisi@qq.com18611112222", [("EMAIL", "lisi@qq.com"), ("PHONE_MOBILE", "18611112222")]),
    ("a@gmail.com123456", [("EMAIL", "a@gmail.com")]),
    ("zhang@gmail.comQQ2345678", [("EMAIL", "zhang@gmail.com"), ("QQ", "2345678")]),
    ("zhang@gmail.comqq：2345678", [("EMAIL", "zhang@gmail.com"), ("QQ", "2345678")]),
    ("zhang@gmail.comwx: kaoyan_helper", [("EMAIL", "zhang@gmail.com"), ("WECHAT", "kaoyan_helper")]),
])
def test_glued_values_are_split(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "13812345678abc",            # part of a code
    "型号SF13812345678",          # uppercase code prefix
    "item/abc13812345678",       # inside a link path
    "订单号1381234567813912345678",
    "货号ABC13812345678",
])
def test_codes_with_letters_stay_codes(text):
    assert found(text, ("PHONE_MOBILE", "PHONE_LANDLINE")) == []


def test_email_keeps_real_long_domains():
    assert found("x@163.com.cn") == [("EMAIL", "x@163.com.cn")]
    assert found("a@b.co1.com") == [("EMAIL", "a@b.co1.com")]
    assert found("abc@gmail.comabc") == [("EMAIL", "abc@gmail.comabc")]   # no label: cannot tell


@pytest.mark.parametrize("text,expected", [
    ("QQ號：12345678", [("QQ", "12345678")]),
    ("扣扣號 12345678", [("QQ", "12345678")]),
    ("QQ號碼 12345678", [("QQ", "12345678")]),
    ("微信號碼: kaoyan_helper01", [("WECHAT", "kaoyan_helper01")]),
    ("聯絡電話：13812345678", [("PHONE_MOBILE", "13812345678")]),
    ("座機 89076543", [("PHONE_LANDLINE", "89076543")]),
])
def test_traditional_cues(text, expected):
    assert found(text) == expected


def test_traditional_forms_come_from_opencc_for_every_kind():
    assert {"電話", "手機號", "聯繫方式", "聯絡方式", "號碼"} <= set(cue_words("PHONE"))
    assert {"訂單號", "快遞", "發票"} <= set(cue_words("NEGATIVE_NUMBER"))
    assert "QQ號" in cue_words("QQ")
    assert found("訂單號 27713388") == []              # a traditional negative cue holds too


@pytest.mark.parametrize("dash", ["﹣", "‐", "‑", "‒", "–", "—", "―", "﹘", "－"])
def test_dash_variants_inside_a_landline(dash):
    text = f"电话010{dash}62751234"
    assert found(text) == [("PHONE_LANDLINE", f"010{dash}62751234")]
    assert normalize(text).text == "电话010-62751234"


def test_dashes_in_prose_are_left_alone():
    assert normalize("他说——好的").text == "他说——好的"


@pytest.mark.parametrize("text", [
    "联系地址：阳光花园252-2503",       # estate words between the cue and the number
    "聯繫地址：東湖花園25-2503",         # the same in traditional script
    "东湖花园8-1-2503，电话联系",
    "电话 2520-2503室",                 # a unit word right after
    "发票号码27713388",                  # a negative cue holding the phone cue 号码
])
def test_unit_and_invoice_numbers_are_not_phones(text):
    # The phone recognizers themselves, not the scan: an ADDRESS finding would hide their error.
    doc = Document(text)
    assert [f.text for rec in (phone.RECOGNIZER, intl_phone.RECOGNIZER) for f in rec.analyze(doc)] == []


def test_cued_local_numbers_still_found():
    assert found("电话 252-2503") == [("PHONE_LANDLINE", "252-2503")]
    assert found("电话：22706316号") == [("PHONE_LANDLINE", "22706316")]


@pytest.mark.parametrize("text", ["QQ群 123456789", "QQ群：123456789", "QQ羣 123456789", "加QQ群123456789"])
def test_qq_group_numbers_are_not_findings(text):
    assert found(text, ("QQ", "PHONE_MOBILE", "PHONE_LANDLINE")) == []


def test_qq_after_a_group_number_is_found():
    assert found("大家加QQ群123456789一起讨论，群主QQ87654321") == [("QQ", "87654321")]
