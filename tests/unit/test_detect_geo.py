from hegai.detect import scan


def found(text):
    return [(f.type, f.text) for f in scan(text)]


def test_coordinates():
    assert found("坐标 39.9042, 116.4074") == [("GEO_COORD", "39.9042, 116.4074")]
    assert found("北纬39.9°，东经116.4°") == [("GEO_COORD", "北纬39.9°，东经116.4°")]
    assert found("31.230416,121.473701") == [("GEO_COORD", "31.230416,121.473701")]


def test_not_coordinates():
    assert found("价格 12.50, 13.20") == []
    assert found("坐标 139.9, 216.4") == []
