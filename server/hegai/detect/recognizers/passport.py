"""PASSPORT: passports and HK/Macau/Taiwan permits and identity cards, only after a cue
(护照, 港澳通行证, 台胞证, 回乡证, 香港身份证…), for the value the cue points at."""

from __future__ import annotations

import regex

from ..base import Document, match_at
from ..cues import cue_pattern, cue_words

# Up to 8 characters between cue and value ("护照号，我发了E87654321"): the value formats are
# specific enough that a short stretch of words in between is safe.
# (not an order's or a ticket's number: 办了通行证，问下订单C…)
_NOT_ITS_NUMBER = r"(?!订单|单号|编号|运单|快递|票号|座位)"
_LINK = rf"(?:{_NOT_ITS_NUMBER}[^A-Za-z0-9\n]){{0,8}}?"
_VALUE = (
    r"(?P<value>"
    r"[EeGgDdSsPpHhKkLlTt](?: [0-9]){8}"          # any of the eight-digit kinds below, spaced out
    r"|[EeGgDdSsPpHhKk][0-9]{8}"                 # PRC passports (E/G/D/S/P), HK/Macau (H/K)
    r"|(?:E[A-Za-z]|[DdSsPp][Ee]|[Kk][Jj]|[Mm][Aa]|1[45])[0-9]{7}"   # e-passports: EA…EZ series
    r"|[Cc][0-9]{8}|[Cc][A-Za-z][0-9]{7}"        # 往来港澳通行证
    r"|[LlTt][0-9]{8}"                           # 往来台湾通行证
    r"|[HhMm][0-9]{8,10}"                        # 回乡证
    r"|[A-Za-z][0-9]{6}\(?[0-9Aa]\)?"            # 香港身份证 K034169(1)
    r"|[157][0-9]{6}\(?[0-9]\)?"                 # 澳门身份证 5686611(1)
    r"|[A-Za-z][12][0-9]{8}"                     # 台湾身份证 U193683453
    r"|[0-9]{8}(?:[0-9]{2}[A-Z]?)?"              # 台胞证
    r")(?![A-Za-z0-9])"
)


# A passport's or a permit's own format (E/G or C/L/T + eight digits) may come a clause later,
# still in the sentence ("护照丢在酒店了，上面的号码是E12345678", a lost 港澳通行证 and its number
# after the name on it): letter and digits together are specific enough.
_FAR = rf"(?:{_NOT_ITS_NUMBER}[^A-Za-z0-9\n。！？!?]){{9,20}}?"
_PRC_VALUE = r"(?<![A-Za-z0-9])(?P<value>[EeGgCcLlTt][0-9]{8}|[Cc][A-Za-z][0-9]{7})(?![A-Za-z0-9])"


class PassportRecognizer:
    name = "passport"
    types = ("PASSPORT",)

    triggers = {"cue": cue_words("PASSPORT")}   # every match starts with one

    def __init__(self):
        self.pattern = regex.compile(rf"(?P<cue>{cue_pattern('PASSPORT').pattern})(?:{_LINK}{_VALUE}|{_FAR}{_PRC_VALUE})",
                                     regex.IGNORECASE)

    def analyze(self, doc: Document):
        starts = (start for start, _ in doc.hits(self, "cue"))
        for m in match_at(self.pattern, doc.norm.text, starts):
            start, end = m.span("value")
            yield doc.finding("PASSPORT", start, end, 0.9, [f"线索词: {m.group('cue')}", "证件号格式"])


RECOGNIZER = PassportRecognizer()
