"""DATE_OF_BIRTH: a date right after a birth cue (出生日期, 生日, 生于, DOB…). Any date in the text
is not a birth date; only the one the cue points at. The date must exist and not be in the future."""

from __future__ import annotations

import datetime

import regex

from ..base import Document, match_at
from ..cues import cue_pattern, cue_words
from ._lexicon import finditer_in_windows

_LINK = r"(?:[\s:：=\-—]|是|为|于|在){0,4}"
_CN = "〇零一二三四五六七八九十"
_DATE = (
    r"(?P<date>"
    r"(?P<y>(?:19|20)[0-9]{2})\s?[年./\-]\s?(?P<m>[0-9]{1,2})\s?[月./\-]\s?(?P<d>[0-9]{1,2})(?:\s?[日号])?"     # (no space taken after the day)
    r"|(?P<y>(?:19|20)[0-9]{2})(?P<m>[01][0-9])(?P<d>[0-3][0-9])(?![0-9])"
    r"|(?P<y>(?:19|20)[0-9]{2})\s?年\s?(?P<m>[0-9]{1,2})\s?月(?!\s?[0-9])"
    rf"|(?P<cy>[{_CN}]{{4}}|[{_CN}]{{2}})\s?年\s?(?P<cm>[{_CN}]{{1,3}})\s?月\s?(?:(?P<cd>[{_CN}]{{1,3}})\s?[日号])?"
    r"|(?P<m>[0-9]{1,2})\s?月\s?(?P<d>[0-9]{1,2})\s?[日号]"
    r")"
)
_CN_DIGIT = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(units, 0) if units else 0)
    return int("".join(str(_CN_DIGIT[ch]) for ch in text))


def _cn_year(text: str) -> int:
    """一九九八 → 1998; 九八 → 1998 and 〇五 → 2005 (two digits: the latest such year not to come)."""
    year = _cn_number(text)
    if len(text) == 2:
        this = datetime.date.today().year
        year += 2000 if 2000 + year <= this else 1900
    return year


# A full date with the cue after it: "1998年7月4日生", "1990-03-07出生".
_AFTER_CUE = regex.compile(
    r"(?<![0-9])(?P<date>(?P<y>(?:19|20)[0-9]{2})\s?[年./\-]\s?(?P<m>[0-9]{1,2})\s?[月./\-]\s?(?P<d>[0-9]{1,2})(?:\s?[日号])?"     # (no space taken after the day)
    r"|(?P<y>(?:19|20)[0-9]{2})(?P<m>[01][0-9])(?P<d>[0-3][0-9])"                  # 19940704 生
    rf"|(?P<cy>[{_CN}]{{4}}|[{_CN}]{{2}})年(?P<cm>[{_CN}]{{1,3}})月(?P<cd>[{_CN}]{{1,3}})[日号])"    # 九八年三月十二号出生
    r"\s?(?P<cue>出生|生人|生)"
)
# An _AFTER_CUE match starts at most 18 characters before its 生 (出 + space + a 16-character
# date) and ends at most 2 after it (生人).
_AFTER_REACH_BEFORE, _AFTER_REACH_AFTER = 18, 2


class BirthDateRecognizer:
    name = "birth_date"
    types = ("DATE_OF_BIRTH",)

    # A cue word starts every match of ``pattern``; 生 ends every match of ``_AFTER_CUE``.
    triggers = {"cue": cue_words("DATE_OF_BIRTH"), "after": ("生",)}

    def __init__(self):
        self.pattern = regex.compile(rf"(?P<cue>{cue_pattern('DATE_OF_BIRTH').pattern}){_LINK}{_DATE}",
                                     regex.IGNORECASE)

    def analyze(self, doc: Document):
        text = doc.norm.text
        for m in match_at(self.pattern, text, (start for start, _ in doc.hits(self, "cue"))):
            yield from self._emit(doc, m)
        windows = [(start - _AFTER_REACH_BEFORE, start + 1 + _AFTER_REACH_AFTER)
                   for start, _ in doc.hits(self, "after")]
        if windows:
            for m in finditer_in_windows(_AFTER_CUE, text, windows):
                if text[m.end():m.end() + 1] in ("日", "活", "产", "意", "成", "效"):
                    continue   # 生日/生活/生产/生意/生成/生效 are other words
                yield from self._emit(doc, m)

    def _emit(self, doc: Document, m):
        parts = self._parts(m)
        if parts is None or not _real_date(*parts):
            return
        start, end = m.span("date")
        score = 0.9 if parts[0] else 0.6
        yield doc.finding("DATE_OF_BIRTH", start, end, score, [f"线索词: {m.group('cue')}", "日期有效"])

    @staticmethod
    def _parts(m):
        try:
            if "cy" in m.re.groupindex and m.group("cy"):
                return (_cn_year(m.group("cy")), _cn_number(m.group("cm")),
                        _cn_number(m.group("cd")) if m.group("cd") else None)
            year = int(m.group("y")) if m.group("y") else None
            return year, int(m.group("m")), int(m.group("d")) if m.group("d") else None
        except (KeyError, ValueError):
            return None


def _real_date(year, month, day) -> bool:
    try:
        date = datetime.date(year or 2000, month, day or 1)
    except ValueError:
        return False
    return year is None or (1900 <= year and date <= datetime.date.today())


RECOGNIZER = BirthDateRecognizer()
