import pytest

from hegai.detect import scan


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
