"""Phones outside the mainland (issue 19): after an international prefix or a phone cue, validated
with libphonenumber's metadata; bare numbers without either stay non-findings."""

import pytest

from hegai.detect import scan
from hegai.detect.masking import mask


def phones(text):
    return [(f.type, f.text) for f in scan(text) if f.type.startswith("PHONE")]


@pytest.mark.parametrize("text,kind,value", [
    ("台灣手機0912-345-678，有事找她", "PHONE_MOBILE", "0912-345-678"),
    ("電話：0912345678", "PHONE_MOBILE", "0912345678"),
    ("联系电话 +886 912 345 678", "PHONE_MOBILE", "+886 912 345 678"),
    ("香港電話：+852 9123 4567", "PHONE_MOBILE", "+852 9123 4567"),
    ("(+852) 5432-1098 一直打來", "PHONE_MOBILE", "(+852) 5432-1098"),
    ("00852 9234 5678", "PHONE_MOBILE", "00852 9234 5678"),
    ("澳門 +853 6612 3456", "PHONE_MOBILE", "+853 6612 3456"),
    ("手机 +60 12-345 6789", "PHONE_MOBILE", "+60 12-345 6789"),
    ("tel +1 (415) 555-2671", "PHONE_MOBILE", "+1 (415) 555-2671"),
    ("手機 9123 4567", "PHONE_MOBILE", "9123 4567"),            # HK mobile after a cue
    ("我在香港，手提6123 4567", "PHONE_MOBILE", "6123 4567"),    # region word + cue
    ("台北公司電話(02)2771-3388", "PHONE_LANDLINE", "(02)2771-3388"),
    ("聯絡電話：+886-2-2771-3388", "PHONE_LANDLINE", "+886-2-2771-3388"),
])
def test_numbers_outside_the_mainland(text, kind, value):
    assert phones(text) == [(kind, value)]


@pytest.mark.parametrize("text", [
    "价格 91234567 元",                  # bare 8 digits: no cue, no prefix
    "订单号 91234567",
    "订单号 +852 9123 4567",             # an order-number cue wins over the prefix
    "商品编号00852912345",
    "0085291234567",                     # one block starting 00, no cue: a code as often
    "快递单号0912345678查不到",
    "電話：912345678",                   # Taiwan mobile without its trunk 0: not as written there
    "手机95—003568",                     # mainland service range, never a HK mobile by default
    "+8(8689940877",                     # a bracket inside the country code
])
def test_not_phones_outside_the_mainland(text):
    assert phones(text) == []


def test_mainland_readings_stay_mainland():
    # A cued 8-digit number the mainland rules read stays theirs without a region word...
    assert phones("電話 2771 3388") == [("PHONE_LANDLINE", "2771 3388")]
    assert phones("电话 6123 4567") == [("PHONE_LANDLINE", "6123 4567")]
    # ... and +86 is never read as another country.
    assert phones("电话+86 138 1234 5678") == [("PHONE_MOBILE", "+86 138 1234 5678")]


def test_reasons_and_masks():
    [f] = scan("香港電話：+852 9123 4567")
    assert "国际区号: +852" in f.reasons and f.masked == "+852 ****4567"
    assert mask("PHONE_MOBILE", "0912-345-678") == "******5678"
    assert mask("PHONE_LANDLINE", "(02)2771-3388") == "******3388"
    assert mask("PHONE_MOBILE", "00852 9123 4567") == "+852 ****4567"
    assert mask("PHONE_MOBILE", "+86 138 1234 5678") == "+86 138****5678"     # unchanged
    assert mask("PHONE_MOBILE", "8613812345678") == "+86 138****5678"
    assert mask("PHONE_LANDLINE", "(010)37283893") == "010-****3893"
