"""BANK_CARD: 16–19 digit card numbers with a valid Luhn check digit (python-stdnum).

Grouped ("6222 0260 0670 5354 000") or not. Without a bank cue only the common lengths (16, 19)
and card prefixes (3–6) count; an order/serial cue before the number rules it out.
"""

from __future__ import annotations

from stdnum import luhn

from ..base import Document
from ..cues import last_cue
from ..digitruns import Segment, consistent_grouping, segment, touches_mask

CUE_WINDOW = 12


class BankCardRecognizer:
    name = "bank_card"
    needs_digit = True   # every value holds a digit: the registry skips text without one
    types = ("BANK_CARD",)

    def analyze(self, doc: Document):
        source = doc.norm.text
        for run in doc.digit_runs:
            if len(run.all_digits) < 16:
                continue   # too few digits for any value (most runs)
            yield from segment(run, source, lambda seg: self._accept(doc, seg), min_digits=16,
                              max_digits=19, first_digits="3456", quick=luhn.is_valid)

    def _accept(self, doc: Document, seg: Segment):
        digits = seg.digits
        source = doc.norm.text
        if not 16 <= len(digits) <= 19 or digits[0] not in "3456" or len(set(digits)) < 2:
            return None
        if not _card_grouping(seg.group_digits(source)) or not consistent_grouping(seg, source):
            return None
        if touches_mask(source, seg.start, seg.end) or not luhn.is_valid(digits):
            return None
        nxt = source[seg.end:seg.end + 1]
        if nxt.isascii() and nxt.isalnum():
            return None
        window = doc.before(seg.start, CUE_WINDOW)
        cue = last_cue(window, "BANK_CARD")
        negative = last_cue(window, "NEGATIVE_NUMBER")
        if negative and (not cue or window.rfind(negative) > window.rfind(cue)):
            return None
        reasons = ["Luhn校验通过"]
        if cue:
            score = 0.95
            reasons.append(f"线索词: {cue}")
        elif len(digits) in (16, 19):
            score = 0.85 if digits.startswith("62") else 0.7
            if digits.startswith("62"):
                reasons.append("银联卡号段")
        else:
            return None
        return doc.finding("BANK_CARD", seg.start, seg.end, score, reasons)


def _card_grouping(groups: list[str]) -> bool:
    """One block, or blocks of 4 (the first may be 6) with a shorter tail: how cards are written."""
    if len(groups) == 1:
        return True
    head, tail = groups[:-1], groups[-1]
    return (all(len(g) == 4 for g in head[1:]) and len(head[0]) in (4, 6)
            and 1 <= len(tail) <= 4 + 3)


RECOGNIZER = BankCardRecognizer()
