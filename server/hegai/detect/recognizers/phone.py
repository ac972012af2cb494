"""PHONE_MOBILE and PHONE_LANDLINE.

Mobile: 11 digits in an allocated segment (data/detect/mobile_segments.tsv), optionally with
+86 / 0086, any grouping or separators (emoji, Chinese numerals via the normaliser).
Landline: a real area code (data/detect/landline_area_codes.tsv) + a 7–8 digit local number
(+ an extension); 400/800 hotlines; 95xxx service numbers and bare local numbers only after a
phone cue. Values are whole digit groups of a run, so nothing is cut out of a longer number.
"""

from __future__ import annotations

from ..base import Document
from ..cues import data_table, last_cue
from ..digitruns import Segment, consistent_grouping, segment, touches_mask

MOBILE_SEGMENTS = frozenset(data_table("mobile_segments.tsv"))
AREA_CODES = frozenset(data_table("landline_area_codes.tsv"))
CUE_WINDOW = 10


class PhoneRecognizer:
    name = "phone"
    types = ("PHONE_MOBILE", "PHONE_LANDLINE")

    def analyze(self, doc: Document):
        source = doc.norm.text
        for run in doc.digit_runs:
            if run.end - run.start < 5:
                continue
            yield from segment(run, source, lambda seg: self._accept(doc, seg), max_digits=20)

    def _accept(self, doc: Document, seg: Segment):
        source = doc.norm.text
        if touches_mask(source, seg.start, seg.end) or not consistent_grouping(seg, source):
            return None
        if source[seg.end:seg.end + 1].isascii() and source[seg.end:seg.end + 1].isalpha():
            return None   # part of a code such as 13812345678abc
        cue = self._cue(doc, seg.start)
        if cue == "":
            return None   # an order/tracking/serial number cue
        groups = seg.group_digits(source)
        if _after_latin_letter(source, seg.start) and not cue:
            return None   # model numbers: "m010.408.11.053.00"
        kind = self._classify(groups, bool(cue))
        if kind is None:
            return None
        pii_type, score, reason, prefix_digits = kind
        start = self._with_prefix(source, seg.start, prefix_digits)
        reasons = [reason]
        if cue:
            score += 0.05
            reasons.append(f"线索词: {cue}")
        return doc.finding(pii_type, start, seg.end, score, reasons)

    @staticmethod
    def _cue(doc: Document, start: int) -> str | None:
        """The phone cue before the value; "" when the nearest cue says it is another number."""
        window = doc.before(start, CUE_WINDOW)
        phone = last_cue(window, "PHONE")
        negative = last_cue(window, "NEGATIVE_NUMBER")
        if negative and (not phone or window.rfind(negative) > window.rfind(phone)):
            return ""
        return phone

    def _classify(self, groups: list[str], cued: bool):
        digits = "".join(groups)
        prefix = _country_prefix(groups)
        national = digits[len(prefix):]
        if len(national) == 11 and national[:3] in MOBILE_SEGMENTS and _mobile_grouping(groups, prefix):
            return "PHONE_MOBILE", 0.9, "号段有效", prefix
        if national[:3] in ("400", "800") and len(national) == 10 and not prefix:
            return "PHONE_LANDLINE", 0.88, "服务热线号码", prefix
        if prefix and not national.startswith("0"):
            national = "0" + national           # +86 10 12345678
        landline_groups = groups[len(_split_prefix_groups(groups, prefix)):] if prefix else groups
        if len(landline_groups) == 1 and not cued and not prefix:
            landline_groups = []   # a bare 11–12 digit block is as likely a product code
        if landline_groups and _landline(national, landline_groups):
            return "PHONE_LANDLINE", 0.85, "区号有效", prefix
        if cued and not prefix and len(groups) == 1:
            if len(digits) in (5, 6) and digits.startswith("95"):
                return "PHONE_LANDLINE", 0.7, "客服号码", ""
            if len(digits) in (7, 8) and digits[0] in "2345678":
                return "PHONE_LANDLINE", 0.6, "本地号码", ""
        if cued and not prefix and len(groups) == 2 and len(digits) in (7, 8) and digits[0] in "2345678":
            return "PHONE_LANDLINE", 0.6, "本地号码", ""
        return None

    @staticmethod
    def _with_prefix(source: str, start: int, prefix: str) -> int:
        """Extend the value over a leading "+" (of +86) or an opening bracket of "(010)"."""
        if start > 0 and source[start - 1] in "+(（":
            return start - 1
        return start


def _country_prefix(groups: list[str]) -> str:
    digits = "".join(groups)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) in (10, 11, 12):
            rest = digits[len(prefix):]
            if rest[:3] in MOBILE_SEGMENTS or rest[:3] in ("400", "800") or _area_code("0" + rest):
                if groups[0] == prefix or len(groups) == 1 or len(groups[0]) > len(prefix):
                    return prefix
    return ""


def _split_prefix_groups(groups: list[str], prefix: str) -> list[str]:
    """The groups that the country prefix occupies (only when it is a group of its own)."""
    return groups[:1] if groups and groups[0] == prefix else []


def _after_latin_letter(source: str, start: int) -> bool:
    before = source[start - 1:start]
    return before.isascii() and before.isalpha()


def _mobile_grouping(groups: list[str], prefix: str) -> bool:
    """How people write mobiles: 13812345678, 138 1234 5678, 138-12345678, 1381234-5678,
    or digit by digit between emoji. Not "146-41-001000"."""
    if prefix and groups[0] == prefix:
        groups = groups[1:]
    sizes = tuple(len(g) for g in groups)
    if len(sizes) == 1 or all(size <= 2 for size in sizes):
        return True
    return sizes in {(3, 4, 4), (3, 8), (7, 4), (3, 3, 5), (4, 3, 4), (4, 4, 3), (3, 4, 2, 2)}


def _area_code(national: str) -> str | None:
    for size in (3, 4):
        if national[:size] in AREA_CODES:
            return national[:size]
    return None


def _landline(national: str, groups: list[str]) -> bool:
    """Area code + 7–8 digit local number, optionally a 1–5 digit extension in its own group."""
    area = _area_code(national)
    if not area:
        return False
    rest = national[len(area):]
    local_groups = groups[1:] if len(groups) > 1 else []
    if len(groups) > 1 and not (groups[0].lstrip("0") == area.lstrip("0") or len(groups[0]) > len(area)):
        return False          # the area code is written as its own block ("010-", "(0351)")
    if any(len(g) < 3 for g in local_groups[:-1]):
        return False          # "010.408.11.053.00" is a model number
    if len(rest) in (7, 8) and rest[0] != "0":
        return True
    # extension: the last group, after a complete local number
    if len(groups) >= 2 and 1 <= len(groups[-1]) <= 5:
        local = rest[:len(rest) - len(groups[-1])]
        return len(local) in (7, 8) and local[0] != "0"
    return False


RECOGNIZER = PhoneRecognizer()
