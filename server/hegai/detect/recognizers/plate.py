"""LICENSE_PLATE: mainland plates — 7 characters (province + letter + 5), 8-character new-energy
plates (D/F or, since 2022, other letters + 5; or 5 digits + D/F), and 警/学/挂/港/澳 suffixes. Letters I and O are never used.
A separator after the city letter ("京A·12345") is allowed."""

from __future__ import annotations

import re

import regex

from ..base import Document, match_at

# (with the traditional forms posts from Hong Kong and Taiwan write: 粵A·3F7K2)
_PROVINCE = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼" + "滬雲遼魯蘇贛晉陝閩貴粵寧瓊"
_L = "A-HJ-NP-Z"
# A plate may be written spaced out, character by character, to slip past filters (粤A·F 5 2 1 8 D):
# one space may stand between any two characters of the tail (_S).
_S = " ?"
PATTERN = regex.compile(
    rf"(?<![A-Za-z0-9{_PROVINCE}])[{_PROVINCE}]{_S}[{_L}a-hj-np-z][·•.\- ]?"
    rf"(?P<tail>[{_L}]{_S}[{_L}0-9](?:{_S}[0-9]){{4}}"       # small new-energy: D/F (now also A–K) + 5
    rf"|[0-9](?:{_S}[0-9]){{4}}{_S}[DF]"                     # large new-energy: 5 digits + D/F
    rf"|[{_L}0-9](?:{_S}[{_L}0-9]){{3}}{_S}[警学挂港澳]"         # special suffix
    rf"|[{_L}0-9](?:{_S}[{_L}0-9]){{4}})"                    # ordinary
    rf"(?![A-Za-z0-9])"
)


# Every plate starts with a province and a city letter (京A), rare in prose. The standard
# library's ``re`` finds them in 2 ms per MB (it scans for a leading character class in C);
# ``PATTERN`` over the whole text took 14 ms (bench/bench_scan.py), and the same prefixes as
# shared trigger words 8 ms more there (pyahocorasick scans a node's children one by one,
# so each first character added to the automaton slows every character of the text).
_PREFIX = re.compile(f"[{_PROVINCE}] ?[{_L}a-hj-np-z]")


class PlateRecognizer:
    name = "plate"
    types = ("LICENSE_PLATE",)

    def analyze(self, doc: Document):
        text = doc.norm.text
        for m in match_at(PATTERN, text, (p.start() for p in _PREFIX.finditer(text))):
            tail = m.group("tail").replace(" ", "")
            digits = sum(ch.isdigit() for ch in tail)
            if digits < 3 and tail[-1] not in "警学挂港澳":
                continue   # "新GT5X…" in product names; real plates carry mostly digits
            kind = "新能源号牌" if len(tail) == 6 else "号牌格式"
            yield doc.finding("LICENSE_PLATE", m.start(), m.end(), 0.9, [kind, "省份简称"])


RECOGNIZER = PlateRecognizer()
