"""ID_CARD: 18-digit resident ID (GB 11643) and 15-digit legacy numbers.

Validated with python-stdnum ``cn.ric``: MOD 11-2 check digit, a real birth date, and a
division code that existed in the birth year (retired codes count for older people); after a cue,
also a real code created after the birth year (see ``check_18_later_code``). The birth
date must not lie in the future. A 15-digit number is converted to 18 digits for the same
checks; one that also passes Luhn with no cue is more likely an IMEI and is left out.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from stdnum import luhn
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from ..base import Document
from ..cues import last_cue
from ..digitruns import Segment, segment, touches_mask


@lru_cache(maxsize=4096)
def check_18(number: str) -> bool:
    """Full GB 11643 check of an 18-character number (upper-case X)."""
    try:
        ric.validate(number)
        return ric.get_birth_date(number) <= datetime.date.today()
    except (ValidationError, ValueError, KeyError):
        # KeyError: stdnum 2.2 raises it for a known province with an unknown county code
        return False


@lru_cache(maxsize=4096)
def check_18_later_code(number: str) -> bool:
    """GB 11643 but for the division code's dates: the check digit and the birth date are right and
    the code is a real county code (python-stdnum's division table), only not one that existed in
    the birth year. GB 11643 codes the place of residence when the number was issued, so people
    born before their district was created carry such numbers; python-stdnum rejects them, so we
    take them only after a cue (身份证…), and agree with it on bare numbers (the reference
    implementations' verdicts, ../shared/eval/peer_vectors, are a regression test). A code
    retired before the birth year was never the person's."""
    from stdnum import numdb

    try:
        if number[-1] != ric.calc_check_digit(number) or ric.get_birth_date(number) > datetime.date.today():
            return False
    except (ValidationError, ValueError):
        return False
    info = {k: v for _, props in numdb.get("cn/loc").info(number[:6]) for k, v in props.items()}
    year = ric.get_birth_date(number).year
    # codes listed as [start-end]name: one still in use in (or after) the birth year; a code
    # retired before the person was born was never theirs
    for county in info.get("county", "").split(","):
        dates = county[1:].split("]")[0] if county.startswith("[") else "-"
        end = dates.split("-")[1] if "-" in dates else ""
        if county and (not end or year <= int(end)):
            return True
    return False


def upgrade_15(number: str) -> str:
    """The 18-digit form of a legacy 15-digit number (born 19YY, check digit computed)."""
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


class IdCardRecognizer:
    name = "id_card"
    needs_digit = True   # every value holds a digit: the registry skips text without one
    types = ("ID_CARD",)

    def analyze(self, doc: Document):
        source = doc.norm.text
        for run in doc.digit_runs:
            if len(run.all_digits) < 15:
                continue   # too few digits for any value (most runs)
            yield from segment(run, source, lambda seg: self._accept(doc, seg), min_digits=15,
                              max_digits=18, first_digits="1234568",
                              quick=lambda digits: len(digits) != 16)

    def _accept(self, doc: Document, seg: Segment):
        source = doc.norm.text
        digits, end = seg.digits, seg.end
        if len(digits) == 17 and source[end:end + 1] in ("X", "x"):
            digits, end = digits + "X", end + 1
        cue = last_cue(doc.before(seg.start, 12), "ID_CARD")
        if len(digits) == 18:
            if check_18(digits):
                score, reasons = 0.97, ["校验位正确", "出生日期有效", "地区码在出生时有效"]
            elif cue and check_18_later_code(digits):
                score, reasons = 0.8, ["校验位正确", "出生日期有效", "地区码在出生后设立"]
            else:
                return None
        elif len(digits) == 15 and check_18(upgrade_15(digits)):
            score, reasons = 0.75, ["15位旧号码", "出生日期有效", "地区码在出生时有效"]
        elif len(digits) == 15 and cue and check_18_later_code(upgrade_15(digits)):
            # as for 18 digits: the code of the district that issued it, created after the birth
            score, reasons = 0.7, ["15位旧号码", "出生日期有效", "地区码在出生后设立"]
        else:
            return None
        following = source[end:end + 1]
        if touches_mask(source, seg.start, end) or (following.isascii() and following.isalnum()):
            return None
        if len(digits) == 15 and luhn.is_valid(digits) and not cue:
            return None   # more likely an IMEI
        if cue:
            score += 0.15
            reasons.append(f"线索词: {cue}")
        return doc.finding("ID_CARD", seg.start, end, score, reasons)


RECOGNIZER = IdCardRecognizer()
