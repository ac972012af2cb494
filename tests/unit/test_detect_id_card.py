from stdnum.cn import ric

from hegai.detect import scan


def _id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def found(text):
    return [(f.type, f.text) for f in scan(text)]


def test_valid_18_digit_with_cue_and_reasons():
    value = _id("36042619910101007")
    [f] = scan(f"身份证号：{value}，请核实")
    assert (f.type, f.text, f.masked) == ("ID_CARD", value, value[:4] + "*" * 10 + value[-4:])
    assert "校验位正确" in f.reasons and any(r.startswith("线索词") for r in f.reasons)
    assert f.score > 0.95


def test_lower_case_x_and_grouped_digits():
    assert found("44011320141005001x") == [("ID_CARD", "44011320141005001x")]
    value = _id("11010119900307123")
    spaced = f"{value[:6]} {value[6:14]} {value[14:]}"
    assert found(f"号码 {spaced} 谢谢") == [("ID_CARD", spaced)]


def test_bad_checksum_date_or_division_is_not_an_id():
    assert found("36042619910102009X") == []            # checksum
    assert found(_id("36042619911301007")) == []         # month 13
    assert found(_id("99042619911201007")) == []         # no such division
    assert found(_id("11020119931201007")) == []         # 110201 retired before 1993
    assert found(_id("11010120990101001")) == []         # born in the future


def test_retired_division_counts_for_older_people():
    assert found("120110198012010073") == [("ID_CARD", "120110198012010073")]


def test_15_digit_legacy_number():
    assert found("老身份证 110101900307123") == [("ID_CARD", "110101900307123")]


def test_not_inside_longer_digit_runs():
    value = _id("11010119900307123")
    assert [f.type for f in scan("订单" + value + "88")] == []
    assert [f.type for f in scan("1" + value)] == []


def test_fullwidth_id():
    value = _id("11010119900307123")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in value)
    assert found(wide) == [("ID_CARD", wide)]


def test_after_a_cue_a_district_created_after_the_birth_year_still_counts():
    # GB 11643 codes the place of residence at issue: someone born in 1975 in a district created
    # later carries its code. python-stdnum rejects the number, so we take it only after a cue.
    from hegai.detect import scan

    number = "610113197503120016"
    assert [f.type for f in scan(f"失主身份证号：{number}，请联系我")] == ["ID_CARD"]
    # a code retired before the birth year was never the person's, even after a cue
    assert [f for f in scan("身份证号：" + _id("11020119931201007")) if f.type == "ID_CARD"] == []
    assert [f for f in scan(f"编号 {number}") if f.type == "ID_CARD"] == []
    assert [f for f in scan("身份证号：999999199001010016") if f.type == "ID_CARD"] == []   # no such county


def test_a_15_digit_number_after_a_cue_may_carry_a_district_created_after_the_birth():
    # the same rule as for 18 digits: 371302 (兰山区) was created after 1978, and a 1990s card
    # carried the code of the district that issued it
    assert found("他的老身份证 371302780412153 也被翻出来了") == [("ID_CARD", "371302780412153")]
    assert found("编号 371302780412153") == []
