"""Recognizers that try their pattern only where a cheap standard-library ``re`` scan found a
possible start (plate, IPv4, hemisphere coordinates) must find exactly what the pattern finds
run over the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.detect.base import match_at
from hegai.detect.recognizers import geo, ip, plate

PIECES = list("0123456789.:: ,aIPpNSEW北纬东经西南京A沪b°′") + ["192", "255", "256", "IP", "ip", "39.9", "116"]


def _same(pattern, text: str, starts) -> None:
    whole = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in match_at(pattern, text, starts)] == whole


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_prefiltered_patterns_find_what_the_whole_pass_finds(text):
    _same(ip.IPV4, text, ip._ipv4_starts(text))
    _same(geo.HEMISPHERE_PAIR, text, (m.start() for m in geo._HEMISPHERE_START.finditer(text)))
    _same(plate.PATTERN, text, (m.start() for m in plate._PREFIX.finditer(text)))


def test_the_prefilters_do_find_real_values():
    assert list(ip._ipv4_starts("登录IP 192.168.1.20")) == [5, 6, 7]
    assert [m.start() for m in geo._HEMISPHERE_START.finditer("北纬39.9°，东经116.4° N 39")] == [0, 8, 17]
    assert [m.start() for m in plate._PREFIX.finditer("车牌京A12345")] == [2]
