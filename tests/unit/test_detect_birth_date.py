import pytest

from hegai.detect import scan


def found(text):
    return [(f.type, f.text) for f in scan(text)]


def test_cued_birth_dates():
    assert found("出生日期：1990年3月7日") == [("DATE_OF_BIRTH", "1990年3月7日")]
    assert found("生于一九九〇年三月七日") == [("DATE_OF_BIRTH", "一九九〇年三月七日")]
    assert found("生日 1990-03-07") == [("DATE_OF_BIRTH", "1990-03-07")]
    assert found("DOB: 19900307") == [("DATE_OF_BIRTH", "19900307")]


def test_dates_without_cue_or_impossible_are_not_birth_dates():
    assert found("2021-09-21 热度 578") == []
    assert found("他在10月22出生") == []
    assert found("出生日期：1990年2月30日") == []
    assert found("生日 2999-01-01") == []


def test_mask_keeps_year():
    [f] = scan("出生日期：1990年3月7日")
    assert f.masked == "1990年*月*日"


@pytest.mark.parametrize("text,value", [
    ("她生日是 一九九六年 五月 二十号", "一九九六年 五月 二十号"),    # Chinese numerals, spaced
    ("九七年八月三号出生的，属牛", "九七年八月三号"),                # a two-digit year, the cue after
    ("林某 男 19880512 生", "19880512"),                             # eight digits, the cue after
])
def test_birth_dates_in_chinese_numerals_or_eight_digits(text, value):
    assert found(text) == [("DATE_OF_BIRTH", value)]


def test_a_date_before_a_word_starting_with_sheng_is_no_birth_date():
    assert found("订单20240704生成，请留意") == []
