"""PHONE_MOBILE and PHONE_LANDLINE outside the mainland: Taiwan, Hong Kong, Macau, Malaysia, the
US… Chinese-language 开盒 targets people there too. Every number is validated with
``phonenumbers`` (libphonenumber's metadata for every region), not with tables of our own.

Found two ways:

- after an international prefix, any country but China (+86 is :mod:`.phone`'s):
  "+852 9123 4567", "(+886) 912-345-678", "00853 6612 3456", "+1 (415) 555-2671";
- after a phone cue, with no prefix, read as a number of Taiwan, Hong Kong or Macau, or of the
  region a word just before names (马来西亚, 美國…): "手機 0912-345-678", "電話 (02)2771-3388".
  A number the mainland rules read (电话 2771 3388: a mainland local number) stays theirs,
  unless a region word says where it is (香港电话 6123 4567 is a Hong Kong mobile).

Bare numbers (no prefix, no cue) are never findings: 8 digits are order numbers, prices and ids of
things as often as Hong Kong phones. Mobile → PHONE_MOBILE; fixed line, toll-free and shared-cost
numbers → PHONE_LANDLINE; numbers whose metadata cannot tell (US, Canada: FIXED_LINE_OR_MOBILE)
→ PHONE_MOBILE, with the reason saying so.
"""

from __future__ import annotations

import bisect

import phonenumbers
import regex
from phonenumbers import PhoneNumberType as T

from ..base import Document
from ..cues import cue_words, data_table, variants
from ..digitruns import DigitRun, Segment, consistent_grouping, extend_keycaps, touches_mask
from . import phone as mainland

# Regions a cued number without prefix is tried in (in this order) when no word names one.
DEFAULT_REGIONS = ("TW", "HK", "MO")
# Mainland service numbers (95588, 95105105, 96xxx): never read as Hong Kong mobiles without a
# region word.
_MAINLAND_SERVICE = ("95", "96")
HINT_WINDOW = 16        # characters before the number searched for a region word
MAX_DIGITS = 15         # E.164 allows at most 15 digits with the country code

_TYPES = {
    T.MOBILE: ("PHONE_MOBILE", "手机号"),
    T.PAGER: ("PHONE_MOBILE", "寻呼号"),
    T.PERSONAL_NUMBER: ("PHONE_MOBILE", "个人号码"),
    T.FIXED_LINE_OR_MOBILE: ("PHONE_MOBILE", "固话或手机"),
    T.FIXED_LINE: ("PHONE_LANDLINE", "固定电话"),
    T.TOLL_FREE: ("PHONE_LANDLINE", "免费热线"),
    T.SHARED_COST: ("PHONE_LANDLINE", "客服号码"),
    T.UAN: ("PHONE_LANDLINE", "客服号码"),
    T.VOIP: ("PHONE_LANDLINE", "网络电话"),
}


def _region_words() -> dict[str, str]:
    """{region word (simplified and traditional): region code} from data/detect/phone_regions.tsv."""
    table = {}
    for word, region in data_table("phone_regions.tsv").items():
        for form in variants((word,)):
            table[form] = region
    return table


REGION_WORDS = _region_words()
_REGION_PATTERN = regex.compile("|".join(sorted(REGION_WORDS, key=len, reverse=True)))


class IntlPhoneRecognizer:
    name = "intl_phone"
    types = ("PHONE_MOBILE", "PHONE_LANDLINE")
    # Every finding follows a phone cue or an international prefix ("+", "00"); the cue hits
    # also spare the cue search at the ~90 % of digit runs with no cue in reach.
    triggers = {"cue": cue_words("PHONE"), "prefix": ("+", "00")}

    def analyze(self, doc: Document):
        cue_ends = sorted(end for _, end in doc.hits(self, "cue"))   # hits come by start
        source = doc.norm.text
        for run in doc.digit_runs:
            if "+" not in source[max(0, run.start - 2):run.start] and run.all_digits[:2] != "00":
                prefix = None    # most runs: two slices, no call
            else:
                prefix = _prefix_start(source, run)
            if prefix is not None:
                found = self._prefixed(doc, run, prefix)
            elif _cue_in_reach(cue_ends, run.start):
                found = self._cued(doc, run)
            else:
                continue
            if found is not None:
                yield found

    def _prefixed(self, doc: Document, run: DigitRun, start: int):
        """+CC… or 00CC…: the longest stretch of whole groups that is a valid number."""
        source = doc.norm.text
        skip = 2 if source[start] == "0" else 0          # the "00" of 00852
        for last in range(len(run.groups) - 1, -1, -1):
            digits = run.digits(0, last)[skip:]
            if len(digits) > MAX_DIGITS or len(digits) < 7:
                continue
            number = _parse("+" + digits, None)
            if number is None:
                continue                                 # too long, no such country code…
            if number.country_code == 86:
                return None                              # mainland: phone.py's
            kind = _kind(number)
            if kind is None:
                continue
            if not _code_stands_alone(run, skip, number.country_code):
                return None                              # "+8(86…", "+88-6…": no country code
            seg = Segment(run, 0, last, run.digits(0, last))
            if not self._clean(source, seg, start):
                return None
            cue = mainland.PhoneRecognizer._cue(doc, start)
            if cue == "" or (not cue and _needs_cue(source, run, start)):
                return None                              # 订单号 +852…: not a phone
            if start > 0 and source[start - 1] in "(（" and any(b in source[start:seg.end] for b in ")）"):
                start -= 1                               # "(+852) 9123-4567"
            pii_type, label = kind
            reasons = ["号码有效", f"国际区号: +{number.country_code}", label]
            score = 0.88 if pii_type == "PHONE_MOBILE" else 0.85
            if cue:
                score += 0.05
                reasons.append(f"线索词: {cue}")
            return doc.finding(pii_type, start, extend_keycaps(source, seg.end), score, reasons)
        return None

    def _cued(self, doc: Document, run: DigitRun):
        """A number right after a phone cue, read in the region a word names or in TW/HK/MO."""
        source = doc.norm.text
        if len(run.all_digits) < 7:
            return None                                  # shorter than any number read here
        cue = mainland.PhoneRecognizer._cue(doc, run.start)
        if not cue:
            return None
        region = _hinted_region(doc, run.start)
        for last in range(len(run.groups) - 1, -1, -1):
            digits = run.digits(0, last)
            if not 7 <= len(digits) <= 12:
                continue
            seg = Segment(run, 0, last, digits)
            groups = seg.group_digits(source)
            if any(len(g) < 3 for g in groups[1:]):
                continue                                 # "08015559(02": not how numbers are grouped
            if region is None and (digits.startswith(_MAINLAND_SERVICE)
                                   or mainland.RECOGNIZER._classify(groups, cued=True) is not None):
                return None                              # a mainland reading: phone.py's
            found = _in_regions(digits, (region,) if region else DEFAULT_REGIONS)
            if found is None:
                continue
            start = _bracket_start(source, run.start)
            if not self._clean(source, seg, start) or mainland._unit_number(doc, start, seg.end, cue):
                return None
            number, (pii_type, label) = found
            reasons = ["号码有效", f"地区: {phonenumbers.region_code_for_number(number)}", label,
                       f"线索词: {cue}"]
            score = 0.8 if region else 0.75
            return doc.finding(pii_type, start, extend_keycaps(source, seg.end), score, reasons)
        return None

    @staticmethod
    def _clean(source: str, seg: Segment, start: int) -> bool:
        """Not masked, not cut out of a longer number, not glued to a code's letters."""
        if touches_mask(source, start, seg.end) or not consistent_grouping(seg, source):
            return False
        return not mainland._glued_to_letters(source, start, seg.end)


def _cue_in_reach(cue_ends: list[int], start: int) -> bool:
    """A phone cue ends within the cue window before ``start`` (the hits are sorted)."""
    k = bisect.bisect_right(cue_ends, start)
    return k > 0 and cue_ends[k - 1] >= start - mainland.CUE_WINDOW


def _parse(text: str, region: str | None):
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _kind(number) -> tuple[str, str] | None:
    if not phonenumbers.is_valid_number(number):
        return None
    return _TYPES.get(phonenumbers.number_type(number))


def _in_regions(digits: str, regions) -> tuple[object, tuple[str, str]] | None:
    """The first region in which ``digits`` are a valid number as written at home (with the
    trunk 0 where the region dials one: 0912 345 678, not 912 345 678), with its kind."""
    for region in regions:
        number = _parse(digits, region)
        if number is None or number.country_code == 86:
            continue
        if phonenumbers.national_significant_number(number) != digits.lstrip("0") \
                or _national_digits(number) != digits:
            continue
        kind = _kind(number)
        if kind is not None:
            return number, kind
    return None


def _code_stands_alone(run: DigitRun, skip: int, code: int) -> bool:
    """The country code is the start of the first digit group (after "00"): "+852 9123…",
    "+85291234567", "00852-…", "00 852 …"; not split by a separator ("+8(86…")."""
    first = run.digits(0, 0)[skip:] or (run.digits(1, 1) if len(run.groups) > 1 else "")
    return first.startswith(str(code))


def _national_digits(number) -> str:
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in national if ch.isdigit())


def _prefix_start(source: str, run: DigitRun) -> int | None:
    """Where an international prefix starts: the "+" right before the run ("+852", "(+852)",
    "+ 852"), or the run itself when it starts with 00 and a country code (not 0086)."""
    for offset in (1, 2):
        pos = run.start - offset
        if pos >= 0 and source[pos] == "+":
            closes = len(run.groups) > 1 and any(b in run.gap(0, source) for b in ")）")
            opens = pos > 0 and source[pos - 1] in "(（"
            return pos if opens or not closes else None   # "+8)86…" is no country code
        if pos < 0 or source[pos] not in " (":
            break
    digits = run.all_digits
    if digits.startswith("00") and not digits.startswith("000") and not digits.startswith("0086") \
            and not mainland._after_latin_letter(source, run.start):
        return run.start
    return None


def _needs_cue(source: str, run: DigitRun, start: int) -> bool:
    """"0085291234567" in one block reads as a product code as well: only after a phone cue."""
    return source[start] == "0" and len(run.groups) == 1


def _bracket_start(source: str, start: int) -> int:
    """Include the opening bracket of a Taiwan area code: "(02)2771-3388"."""
    return start - 1 if start > 0 and source[start - 1] in "(（" else start


def _hinted_region(doc: Document, start: int) -> str | None:
    """The region named by the last region word in the few characters before the number."""
    found = None
    for m in _REGION_PATTERN.finditer(doc.before(start, HINT_WINDOW)):
        found = REGION_WORDS[m.group()]
    return found


RECOGNIZER = IntlPhoneRecognizer()
