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
