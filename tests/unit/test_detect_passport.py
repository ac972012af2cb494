import pytest

from hegai.detect import scan


@pytest.mark.parametrize("text,value", [
    ("护照号 E12345678", "E12345678"),
    ("passport: MA1234567", "MA1234567"),
    ("港澳通行证：C12345678", "C12345678"),
    ("往来台湾通行证 L12345678", "L12345678"),
    ("香港身份证 K034169(1)", "K034169(1)"),
    ("澳门身份证 5686611(1)", "5686611(1)"),
    ("台湾身份证 U193683453", "U193683453"),
])
def test_cued_passports_and_permits(text, value):
    assert [(f.type, f.text) for f in scan(text)] == [("PASSPORT", value)]


def test_needs_a_cue():
    assert scan("型号 E12345678") == []


def test_a_number_spaced_out_after_its_cue_is_found_as_written():
    assert [(f.type, f.text) for f in scan("护照号 G 3 8 1 2 7 4 5 9 这样填对吗")] == [("PASSPORT", "G 3 8 1 2 7 4 5 9")]
    assert scan("型号 E 1 2 3 4 5 6 7 8") == []
