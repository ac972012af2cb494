"""GEO_COORD: latitude/longitude pairs — decimal ("39.90421, 116.40739"), with hemisphere words
("北纬39.9°, 东经116.4°", "N39°54′ E116°23′"). A bare decimal pair needs a cue (坐标, 定位,
经纬度, GPS…) or at least 5 decimals on both numbers (4 inside China's box); values must be in range."""

from __future__ import annotations

import re

import regex

from ..base import Document, match_at
from ..cues import last_cue

DECIMAL_PAIR = regex.compile(
    r"(?<![0-9.])(?P<a>-?[0-9]{1,3}\.(?P<da>[0-9]{2,10}))\s{0,2}[,，/;；]\s{0,2}"
    r"(?P<b>-?[0-9]{1,3}\.(?P<db>[0-9]{2,10}))(?![0-9.])"
)
_DEG = r"[0-9]{1,3}(?:\.[0-9]{1,8})?\s{0,1}°?(?:\s{0,1}[0-9]{1,2}\s{0,1}['′分])?(?:\s{0,1}[0-9]{1,2}(?:\.[0-9]{1,4})?\s{0,1}[\"″秒])?"
HEMISPHERE_PAIR = regex.compile(
    rf"(?:北纬|南纬|[NS]\s?)(?P<a>{_DEG})\s{{0,2}}[,，、;；]?\s{{0,2}}(?:东经|西经|[EW]\s?)(?P<b>{_DEG})"
    rf"|(?:东经|西经|[EW]\s?)(?P<b>{_DEG})\s{{0,2}}[,，、;；]?\s{{0,2}}(?:北纬|南纬|[NS]\s?)(?P<a>{_DEG})"
)

# Where a hemisphere pair can start (北纬, 东经, N39…). ``HEMISPHERE_PAIR`` tried at every position
# took 9 ms per MB (bench/bench_scan.py); the standard library's ``re`` finds these starts in 3 ms,
# as long as the pattern opens with one character class (it then scans for it in C; the plain
# alternation took 21 ms). re's \s holds every character regex's \s does: a superset, as a
# filter must be.
_HEMISPHERE_START = re.compile(r"[北南东西NSEW](?:(?<=[北南])纬|(?<=[东西])经|(?<=[NSEW])(?=\s?[0-9]))")


def _in_china(lat: float, lon: float) -> bool:
    return 3 <= lat <= 54 and 73 <= lon <= 136


class GeoRecognizer:
    name = "geo"
    needs_digit = True   # every value holds a digit: the registry skips text without one
    types = ("GEO_COORD",)

    def analyze(self, doc: Document):
        text = doc.norm.text
        for m in DECIMAL_PAIR.finditer(text):
            a, b = float(m.group("a")), float(m.group("b"))
            if not (abs(a) <= 90 and abs(b) <= 180 or abs(a) <= 180 and abs(b) <= 90):
                continue
            cue = last_cue(doc.before(m.start(), 12), "GEO_COORD")
            decimals = min(len(m.group("da")), len(m.group("db")))
            # five decimals anywhere; four where the pair falls in China (30.1234,120.5678): a
            # pair of four-decimal numbers in that box is rarely anything but a place
            precise = decimals >= 5 or (decimals >= 4 and (_in_china(a, b) or _in_china(b, a)))
            if not cue and not precise:
                continue
            reasons = ["经纬度格式"] + ([f"线索词: {cue}"] if cue else ["高精度小数"])
            yield doc.finding("GEO_COORD", m.start(), m.end(), 0.9 if cue else 0.7, reasons)
        for m in match_at(HEMISPHERE_PAIR, text, (p.start() for p in _HEMISPHERE_START.finditer(text))):
            lat = float(regex.match(r"[0-9.]+", m.group("a")).group())
            lon = float(regex.match(r"[0-9.]+", m.group("b")).group())
            if lat <= 90 and lon <= 180:
                yield doc.finding("GEO_COORD", m.start(), m.end(), 0.9, ["经纬度格式", "南北纬/东西经"])


RECOGNIZER = GeoRecognizer()
