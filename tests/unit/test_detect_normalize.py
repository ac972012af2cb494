"""Normalisation, digit runs and masking: the framework the recognizers share."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.detect.base import Document
from hegai.detect.masking import mask
from hegai.detect.normalize import _fold_width, normalize


def test_normalised_view_keeps_offsets():
    for text in ["１３８１２３４５６７８", "幺三八 一二三四 五六七八", "电话:138幺二三四5678!", "😀一个人"]:
        norm = normalize(text)
        assert len(norm.text) == len(text)
        assert norm.to_original(0, len(text)) == (0, len(text))


def test_full_width_and_chinese_numerals():
    assert normalize("１３８１２３４５６７８").text == "13812345678"
    assert normalize("幺三八 一二三四 五六七八").text == "138 1234 5678"
    assert normalize("壹贰叁肆伍陆").text == "123456"


def test_words_with_numerals_stay_words():
    for text in ["一个人", "三五成群", "一二三", "二〇二三年", "十一点", "一万二千三百四十五元"]:
        assert normalize(text).text == text


def test_digit_runs_group_across_separators_but_not_commas():
    doc = Document("电话 138 1234 5678，另一个13987654321; 时间10:30")
    runs = [(r.all_digits, len(r.groups)) for r in doc.digit_runs]
    assert runs == [("13812345678", 3), ("13987654321", 1)]   # 10:30 holds no 5-digit run


def test_emoji_split_digits_form_one_run():
    doc = Document("1️⃣3️⃣8️⃣ 1😀2😀3😀4 5678")
    assert [r.all_digits for r in doc.digit_runs] == ["13812345678"]


def test_masks():
    assert mask("PHONE_MOBILE", "13812345678") == "138****5678"
    assert mask("PHONE_MOBILE", "+86 138-1234-5678") == "+86 138****5678"
    assert mask("ID_CARD", "11010119900307123x") == "1101**********123X"
    assert mask("PHONE_LANDLINE", "(010)37283893") == "010-****3893"
    assert mask("BANK_CARD", "6222 0260 0670 5354 000") == "6222***********4000"
    assert mask("EMAIL", "abc at qq dot com") == "a***@qq.com"
    assert mask("LICENSE_PLATE", "京A·12345") == "京A***45"
    assert mask("ADDRESS", "北京市朝阳区建国路88号") == "北京市朝阳区***"
    assert mask("PERSON_NAME", "张三丰") == "张**"
    assert mask("DATE_OF_BIRTH", "1990年3月7日") == "1990年*月*日"
    assert mask("IP_ADDRESS", "192.168.1.20:8080") == "192.168.*.*"


def test_mask_never_returns_the_whole_value():
    samples = {"PHONE_MOBILE": "13812345678", "ID_CARD": "110101199003071233", "QQ": "903013545",
               "WECHAT": "github666", "PASSPORT": "E12345678", "BANK_CARD": "6222026006705354000",
               "EMAIL": "someone@example.com", "GEO_COORD": "39.9042, 116.4074"}
    for pii_type, value in samples.items():
        assert mask(pii_type, value) != value and "*" in mask(pii_type, value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="１２３ＡＢｃ，：（）　！＠電话138 abc一二三", max_size=40))
def test_width_folding_is_the_plain_per_character_mapping(text):
    expected = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else (" " if c == "\u3000" else c)
                       for c in text)
    assert _fold_width(text) == expected
