"""PHONE_MOBILE and PHONE_LANDLINE.

Mobile: 11 digits in an allocated segment (data/detect/mobile_segments.tsv), optionally with
+86 / 0086, any grouping or separators (emoji, Chinese numerals via the normaliser).
Landline: a real area code (data/detect/landline_area_codes.tsv) + a 7–8 digit local number
(+ an extension); 400/800 hotlines; 95xxx service numbers and bare local numbers only after a
phone cue. Values are whole digit groups of a run, so nothing is cut out of a longer number.

Boundaries with Latin letters: a number glued to letters is part of a code (SF1234…, m010.408…)
unless the letters are a label (13812345678E-mail, …QQ), the end of an e-mail address
(x@qq.com13812345678), or a lowercase nickname before a mobile (kitty13812345678, dh138…).
Two mobiles glued into one 22-digit group are two findings. A cued local number is not a phone
when estate or address words come between the cue and it (联系地址：阳光花园252-2503).
Numbers outside the mainland are :mod:`.intl_phone`'s.
"""

from __future__ import annotations

import regex

from ..base import Document
from ..cues import cue_words, data_table, last_cue
from ..digitruns import DigitRun, Segment, consistent_grouping, extend_keycaps, segment, touches_mask
from .email import after_email

MOBILE_SEGMENTS = frozenset(data_table("mobile_segments.tsv"))
AREA_CODES = frozenset(data_table("landline_area_codes.tsv"))
CUE_WINDOW = 10


class PhoneRecognizer:
    name = "phone"
    needs_digit = True   # every value holds a digit: the registry skips text without one
    types = ("PHONE_MOBILE", "PHONE_LANDLINE")

    def analyze(self, doc: Document):
        source = doc.norm.text
        for run in doc.digit_runs:
            if run.end - run.start < 5:
                continue
            if len(run.groups) == 1 and _no_phone_in_group(run.all_digits):
                continue    # most runs: one group, settled by its digits without a Segment
            yield from segment(run, source, lambda seg: self._accept(doc, seg), min_digits=5,
                               max_digits=17, quick=_plausible,
                               later_first_digits="1048")   # cue-only kinds start a run
            yield from self._glued_mobiles(doc, run)

    def _accept(self, doc: Document, seg: Segment):
        source = doc.norm.text
        groups = seg.group_digits(source)
        kind = self._classify(groups, cued=True)
        if kind is None:
            return None
        pii_type, score, reason, prefix_digits, needs_cue = kind
        if needs_cue and seg.first != 0:
            return None   # a cue only speaks for the number right after it
        if touches_mask(source, seg.start, seg.end) or not consistent_grouping(seg, source):
            return None
        if _before_latin_letter(source, seg.end) and not _label_at(source, seg.end):
            return None   # part of a code such as 13812345678abc
        cue = self._cue(doc, seg.start)
        if needs_cue and cue and _unit_number(doc, seg.start, seg.end, cue):
            return None   # 联系地址：阳光花园252-2503 is a flat, not a phone
        if cue is None and reason == "客服号码":
            # (a space may stand between: 打 95555 挂失, 建行 95533 报修)
            before = doc.before(seg.start, 6).rstrip(" \t\u3000")
            after = source[seg.end:seg.end + 6].lstrip(" \t\u3000")
            cue = next((v for v in _CALL_VERBS if before.endswith(v)), None) or \
                next((w for w in _SERVICE_WORDS if after.startswith(w) or before.endswith(w)), None) \
                or _service_provider(before[-4:])
        if cue == "" or (needs_cue and not cue):
            return None   # an order/tracking/serial number cue, or a local number without cue
        if _after_latin_letter(source, seg.start) and not cue \
                and not _letters_end_a_label(source, seg.start, reason == "号段有效"):
            return None   # model numbers: "m010.408.11.053.00"
        if reason == "区号有效" and len(groups) == 1 and not cue \
                and not prefix_digits and not _after_bracket(source, seg.start):
            return None   # a bare 11–12 digit block starting with 0 is as likely a product code
        start = self._with_prefix(source, seg.start, prefix_digits, seg.end)
        reasons = [reason]
        if cue:
            score += 0.05
            reasons.append(f"线索词: {cue}")
        end = extend_keycaps(source, seg.end)
        if pii_type == "PHONE_LANDLINE" and reason == "区号有效":
            extension = _EXTENSION.match(source, end)
            end = extension.end() if extension else end     # 010-12345678 转 123: the desk reached
        return doc.finding(pii_type, start, end, score, reasons)

    def _glued_mobiles(self, doc: Document, run: DigitRun):
        """Two or three mobiles written without a gap (1381234567813912345678): each digit
        group of exactly 22 or 33 digits that splits into valid mobiles is that many findings."""
        source = doc.norm.text
        for start, end in run.groups:
            digits = source[start:end]
            if len(digits) not in (22, 33) or touches_mask(source, start, end):
                continue
            pieces = [digits[k:k + 11] for k in range(0, len(digits), 11)]
            if not all(p[:3] in MOBILE_SEGMENTS for p in pieces) or self._cue(doc, start) == "":
                continue
            if _glued_to_letters(source, start, end):
                continue
            for k in range(len(pieces)):
                yield doc.finding("PHONE_MOBILE", start + 11 * k, start + 11 * (k + 1), 0.85,
                                  ["号段有效", "相连的手机号"])

    @staticmethod
    def _cue(doc: Document, start: int) -> str | None:
        """The phone cue before the value; "" when the nearest cue says it is another number."""
        window = doc.before(start, CUE_WINDOW)
        phone = last_cue(window, "PHONE")
        negative = last_cue(window, "NEGATIVE_NUMBER")
        # By where they end: "发票号码" (an invoice number) holds the phone cue "号码".
        if negative and (not phone or _end_of(window, negative) >= _end_of(window, phone)):
            return ""
        return phone

    def _classify(self, groups: list[str], cued: bool):
        """(type, score, reason, country prefix, needs a cue) for a digits-only reading."""
        digits = "".join(groups)
        prefix = _country_prefix(groups)
        national = digits[len(prefix):]
        if len(national) == 11 and national[:3] in MOBILE_SEGMENTS and _mobile_grouping(groups, prefix):
            return "PHONE_MOBILE", 0.9, "号段有效", prefix, False
        if national[:3] in ("400", "800") and len(national) == 10 and not prefix:
            return "PHONE_LANDLINE", 0.88, "服务热线号码", prefix, False
        if prefix and not national.startswith("0"):
            national = "0" + national           # +86 10 12345678
        landline_groups = groups[len(_split_prefix_groups(groups, prefix)):] if prefix else groups
        if _landline(national, landline_groups):
            return "PHONE_LANDLINE", 0.85, "区号有效", prefix, False
        if cued and not prefix and len(groups) == 1 and 5 <= len(digits) <= 8 and digits.startswith("95"):
            return "PHONE_LANDLINE", 0.7, "客服号码", "", True
        if cued and not prefix and len(groups) <= 2 and len(digits) in (7, 8) and digits[0] in "2345678":
            return "PHONE_LANDLINE", 0.6, "本地号码", "", True
        return None

    @staticmethod
    def _with_prefix(source: str, start: int, prefix: str, end: int) -> int:
        """Extend the value over a leading "+" (of +86) or the opening bracket of "(010)…"."""
        before = source[start - 1:start]
        if before == "+" and prefix:
            return start - 1
        if before in ("(", "（") and (")" in source[start:end] or "）" in source[start:end]):
            return start - 1
        return start


# "打95588问了": a call verb right before a 95 service number is its cue (no digits follow 打 in
# other senses often enough to matter: 打了3次 has no 95 number of 5–8 digits).
_CALL_VERBS = ("拨打", "致电", "呼叫", "打", "拨")   # longest first


# "售后950800", "国家电网95598报修": a service word right before or after a 95 number is its cue
_SERVICE_WORDS = ("售后", "报修", "客服", "热线", "人工", "投诉", "服务台")


# An extension after a landline, introduced by a word (转 8021, 分机 306, ext. 12).
_EXTENSION = regex.compile(r"[ \t]?(?:转|轉|分机|分機|ext\.?|Ext\.?|EXT\.?)[ \t]?[0-9]{1,5}(?![0-9元块万千百角])")

# "建行95533、平安95511": 95 numbers are given to banks, insurers, airlines and carriers; one right
# after such a provider's name is its service line.
_SERVICE_PROVIDER = regex.compile(r"(?:银行|[招工建农中交邮兴浦民光]行|保险|人寿|财险|证券|航空|电网|电信|移动|联通)$")


def _service_provider(before: str) -> str | None:
    m = _SERVICE_PROVIDER.search(before)
    return m.group() if m else None


def _no_phone_in_group(digits: str) -> bool:
    """A run of one digit group holds no phone when ``segment`` would try only the whole group
    (its one candidate) and ``_plausible`` rejects it, and it is no glued pair or triple of
    mobiles (22 or 33 digits): the same answer as segmenting it, without the generator."""
    return len(digits) not in (22, 33) and (len(digits) > 17 or not _plausible(digits))


def _plausible(digits: str) -> bool:
    """Digits-only pre-check: could this be any phone number at all?"""
    size = len(digits)
    if size == 11:
        return digits[:3] in MOBILE_SEGMENTS or digits[0] == "0"
    if size in (5, 6):
        return digits.startswith("95")
    if size in (7, 8):
        return digits[0] in "2345678" or digits.startswith("95")   # 95105105 (12306)
    if digits[0] == "0":
        return 10 <= size <= 17
    if digits[0] == "8":
        return 12 <= size <= 17 or (size == 10 and digits.startswith("800"))
    return size == 10 and digits[:3] == "400"


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


def _end_of(window: str, word: str) -> int:
    return window.lower().rfind(word.lower()) + len(word)


def _after_bracket(source: str, start: int) -> bool:
    return start > 0 and source[start - 1] in "(（"


def _after_latin_letter(source: str, start: int) -> bool:
    before = source[start - 1:start]
    return before.isascii() and before.isalpha()


def _before_latin_letter(source: str, end: int) -> bool:
    following = source[end:end + 1]
    return following.isascii() and following.isalpha()


def _glued_to_letters(source: str, start: int, end: int) -> bool:
    return (_after_latin_letter(source, start) and not _letters_end_a_label(source, start, True)) \
        or (_before_latin_letter(source, end) and not _label_at(source, end))


_LABELS = regex.compile("|".join(regex.escape(w) for w in cue_words("LATIN_LABELS")), regex.IGNORECASE)
_LABEL_BEFORE = regex.compile(rf"(?:{_LABELS.pattern})$", regex.IGNORECASE)
# A nickname glued before a mobile: lowercase letters (or one capital first), not after a digit,
# a word character or the punctuation of codes and links (SF…, item/abc…, id=abc…).
_NICKNAME_BEFORE = regex.compile(r"(?<![0-9A-Za-z_./=&?#%+\-])[A-Z]?[a-z]{1,20}$")


def _label_at(source: str, pos: int) -> bool:
    """A label (E-mail, QQ, tel…) starts at ``pos``: the value ended where the label begins."""
    return _LABELS.match(source, pos) is not None


def _letters_end_a_label(source: str, start: int, mobile: bool) -> bool:
    """The Latin letters right before ``start`` are a label, an e-mail's domain, or (for an
    11-digit mobile) a nickname: the value starts at ``start`` anyway."""
    window = source[max(0, start - 24):start]
    if _LABEL_BEFORE.search(window) or after_email(source, start):
        return True
    return mobile and _NICKNAME_BEFORE.search(window) is not None


_UNIT_WORDS = regex.compile("|".join(regex.escape(w) for w in cue_words("UNIT_CONTEXT")))
# Not "号": "电话：22706316号" is written too, and 8-1-2503号 is no local number anyway.
_UNIT_AFTER = ("室", "栋", "幢", "楼", "单元", "房")


def _unit_number(doc: Document, start: int, end: int, cue: str) -> bool:
    """A short cued number that is a flat's number: estate or address words between the phone
    cue and the number (联系地址：阳光花园252-2503), or a unit word right after it (…-1502室)."""
    window = doc.before(start, CUE_WINDOW)
    if _UNIT_WORDS.search(window, window.rfind(cue) + len(cue)) is not None:
        return True
    return doc.after(end, 2).startswith(_UNIT_AFTER)


def _mobile_grouping(groups: list[str], prefix: str) -> bool:
    """How people write mobiles: 13812345678, 138 1234 5678, 138-12345678, 1381234-5678,
    or digit by digit between emoji. Not "146-41-001000"."""
    if prefix and groups[0] == prefix:
        groups = groups[1:]
    sizes = tuple(len(g) for g in groups)
    if len(sizes) == 1 or all(size <= 4 for size in sizes):
        return True           # 138 1234 5678, 187 00 66 77 88, digit by digit between emoji
    if sizes in {(3, 4, 4), (3, 8), (7, 4), (3, 3, 5), (4, 3, 4), (4, 4, 3), (3, 4, 2, 2)}:
        return True
    # regrouped to slip past filters (13812 345 678, 13812 3456 78): the segment whole in the first
    # group, at most four groups
    return 3 <= sizes[0] <= 6 and len(sizes) <= 4


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
