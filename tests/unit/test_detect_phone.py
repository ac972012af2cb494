import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.detect import scan
from hegai.detect.base import Document
from hegai.detect.digitruns import segment
from hegai.detect.recognizers.phone import RECOGNIZER, _no_phone_in_group, _plausible


def found(text):
    return [(f.type, f.text) for f in scan(text)]


@pytest.mark.parametrize("text,value", [
    ("电话13812345678", "13812345678"),
    ("call +86 138 1234 5678 now", "+86 138 1234 5678"),
    ("0086 13812345678", "0086 13812345678"),
    ("+8617888829981", "+8617888829981"),
    ("手机：138-1234-5678", "138-1234-5678"),
    ("138.1234.5678", "138.1234.5678"),
    ("138·1234·5678", "138·1234·5678"),
    ("１３８１２３４５６７８", "１３８１２３４５６７８"),
    ("加我 幺三八 一二三四 五六七八", "幺三八 一二三四 五六七八"),
    ("138幺二三四5678", "138幺二三四5678"),
    ("1😀3😀8😀1😀2😀3😀4😀5😀6😀7😀8", "1😀3😀8😀1😀2😀3😀4😀5😀6😀7😀8"),
    ("19119255642", "19119255642"),
])
def test_mobile_found_whole(text, value):
    assert found(text) == [("PHONE_MOBILE", value)]


@pytest.mark.parametrize("text,value", [
    ("电话：(010)37283893", "(010)37283893"),
    ("联系电话：（0351）89082910", "（0351）89082910"),
    ("0936-4211235", "0936-4211235"),
    ("010-12345678-1234", "010-12345678-1234"),
    ("+86 10 12345678", "+86 10 12345678"),
    ("客服热线400-820-8820", "400-820-8820"),
    ("8001234567", "8001234567"),
    ("请拨打客服电话95588", "95588"),
    # a service word right before or after a 95 number is its cue
    ("电器售后950811，师傅第二天就来了", "950811"),
    ("停电了，打电力公司95598报修一直占线", "95598"),
    ("座机: 89076543", "89076543"),
])
def test_landline_and_service_numbers(text, value):
    assert found(text) == [("PHONE_LANDLINE", value)]


@pytest.mark.parametrize("text", [
    "订单号13812345678",                 # order-number cue
    "运单 1381234 5678 9012",            # grouped tracking number
    "时间戳1700000000000",
    "流水号202310011381234567890",
    "已打码 138****5678",
    "尾号6621",
    "报警请拨110，举报请拨12377",
    "价格 89076543",                     # local number without a cue
    "310-13-146-41-001000",
    "m010.408.11.053.00",
    "款号02023313802",
    "订单95598123到了",                 # a 95 number needs its cue
    "他考了95588分",
])
def test_not_phones(text):
    assert [f for f in scan(text) if f.type.startswith("PHONE")] == []


def test_two_phones_in_a_list():
    assert found("13812345678,13987654321") == [("PHONE_MOBILE", "13812345678"), ("PHONE_MOBILE", "13987654321")]
    assert found("138 1234 5678 139 8765 4321") == [("PHONE_MOBILE", "138 1234 5678"), ("PHONE_MOBILE", "139 8765 4321")]


def test_reasons_and_mask():
    [f] = scan("我的手机号 13812345678")
    assert f.masked == "138****5678"
    assert "号段有效" in f.reasons and "线索词: 手机号" in f.reasons


# Issue 18: a run of one digit group is settled by its digits alone (no Segment, no generator)
# when they cannot be a phone; that shortcut must drop nothing the full path would find.
@settings(max_examples=400, deadline=None)
@given(cue=st.sampled_from(["", "电话", "手机 ", "客服", "订单号"]),
       digits=st.one_of(st.text("0123456789", min_size=5, max_size=40),
                        st.sampled_from(["13812345678" * 2, "13812345678" * 3, "95588", "4008208820",
                                         "02112345678", "8613812345678", "12345678901234567"])))
def test_a_group_ruled_out_by_its_digits_holds_no_phone(cue, digits):
    doc = Document(f"{cue}{digits}")
    [run] = doc.digit_runs
    full = list(segment(run, doc.norm.text, lambda seg: RECOGNIZER._accept(doc, seg), min_digits=5,
                        max_digits=17, quick=_plausible, later_first_digits="1048"))
    full += list(RECOGNIZER._glued_mobiles(doc, run))
    if _no_phone_in_group(digits):
        assert full == []
    assert [(f.start, f.end) for f in RECOGNIZER.analyze(doc)] == [(f.start, f.end) for f in full]


# a landline's extension after a word (转, 分机, ext.) is part of the number: the desk reached
@pytest.mark.parametrize("text,value", [
    ("预约请拨 0571-86671234 转 602，工作日可约", "0571-86671234 转 602"),
    ("办公室座机 010-62751122分机3071", "010-62751122分机3071"),
])
def test_a_landline_keeps_its_extension(text, value):
    assert [f.text for f in scan(text) if f.type == "PHONE_LANDLINE"] == [value]


def test_a_transfer_after_a_landline_is_no_extension():
    assert [f.text for f in scan("打 0571-86671234 转500元定金就行") if f.type == "PHONE_LANDLINE"] == ["0571-86671234"]


# 95 numbers belong to banks, insurers, airlines and carriers: one after such a name is its line
def test_a_95_number_after_a_banks_or_insurers_name_is_its_service_line():
    assert [f.text for f in scan("挂失先打建行95533，理赔找太平洋保险95500")
            if f.type == "PHONE_LANDLINE"] == ["95533", "95500"]
    assert [f for f in scan("这次马拉松我排第95533名") if f.type == "PHONE_LANDLINE"] == []


# a space between the call verb (or the bank) and the number changes nothing
def test_a_95_number_a_space_after_its_cue():
    assert [f.text for f in scan("卡被吞了，赶紧拨打 95566 人工") if f.type == "PHONE_LANDLINE"] == ["95566"]
    assert [f.text for f in scan("农行 95599 转人工要等好久") if f.type == "PHONE_LANDLINE"] == ["95599"]
    assert [f for f in scan("这次期末我考了 95 分，全班第二") if f.type == "PHONE_LANDLINE"] == []


# digits in circles or bullets, written to slip past filters, are digits (a lone ① is a list mark)
def test_circled_digits_make_a_phone_but_a_list_mark_does_not():
    assert found("手机号 ①⑤⑨⑧⑦⑥⑤④③②① 别打太晚") == [("PHONE_MOBILE", "①⑤⑨⑧⑦⑥⑤④③②①")]
    assert found("步骤：①填表②交材料③等通知") == []


# a name ending in a numeral (张三, 李四) is a word, not the head of the number after it
def test_a_name_ending_in_a_numeral_does_not_join_the_phone_after_it():
    assert ("PHONE_MOBILE", "186 5721 0394") in found("李四 186 5721 0394 欠钱不还")


# a phone spaced 3-4-4 right after an ID in a list is a value of its own
def test_a_spaced_phone_after_an_id_in_a_list_is_found():
    text = "吕志强 110101199003077571 186 5721 0394 北京"
    assert found(text)[-2:] == [("ID_CARD", "110101199003077571"), ("PHONE_MOBILE", "186 5721 0394")]


# a mobile regrouped to slip past filters (18613 572 409) is still a mobile; not after an order's label
def test_a_regrouped_mobile_is_found_but_not_an_order_number():
    assert found("那人换号了，新号码 18613 572 409") == [("PHONE_MOBILE", "18613 572 409")]
    assert found("订单号 18613 572 409 请核对") == []


def test_a_birthday_emoji_is_a_birth_date_cue():
    assert ("DATE_OF_BIRTH", "1995.04.18") in found("👤 龚晓岚 🎂 1995.04.18 🏠 合肥")


def test_a_birth_date_ends_at_its_day_not_the_space_after_it():
    assert ("DATE_OF_BIRTH", "1990-07-02") in found("出生日期：1990-07-02 籍贯湖南")
