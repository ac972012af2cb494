import pytest

from hegai.detect import scan


@pytest.mark.parametrize("value", ["京A12345", "京AD92035", "甘G23459F", "京A19203D", "黑D23908", "京A0001警",
                                   "粤B1234学", "粤Z1234港", "京AA92035"])
def test_plates(value):
    assert [(f.type, f.text) for f in scan(f"车牌{value}，")] == [("LICENSE_PLATE", value)]


def test_plate_with_separator_and_mask():
    [f] = scan("车牌号 京A·12345")
    assert (f.text, f.masked) == ("京A·12345", "京A***45")


@pytest.mark.parametrize("text", ["宁AD1234555555", "浙苏H6F681", "京ABCDEF", "北京A座1号"])
def test_not_plates(text):
    assert [f for f in scan(text) if f.type == "LICENSE_PLATE"] == []


def test_a_plate_spaced_out_character_by_character_is_found_as_written():
    assert [(f.type, f.text) for f in scan("楼下那辆 浙A 3 K 8 P 2 天天占消防通道")] == [("LICENSE_PLATE", "浙A 3 K 8 P 2")]
    assert [f for f in scan("他是京A 1 2 3 人") if f.type == "LICENSE_PLATE"] == []     # too short for a plate
