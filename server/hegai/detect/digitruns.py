"""Digit runs: the numbers of a text, with the separators people put inside them.

A *group* is a stretch of ASCII digits in the normalised text. Groups joined by a short gap of
separator characters (space, - . · / brackets, emoji, symbols; at most ``MAX_GAP`` code points)
form a *run*: "138 1234 5678", "010-8888 6666", "1😀3😀8…" (only runs of 5+ digits are kept:
no numeric value is shorter). Commas, colons and line breaks end a
run, so lists ("13812345678,13987654321") and times ("10:30") stay apart.

Numeric recognizers (ID card, phones, bank card) split a run into values with
:func:`segment`: a value is a whole number of consecutive groups, so a value is never cut out of
the middle of a longer digit group (order numbers, timestamps, tracking numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional, TypeVar

import re

import regex

MAX_GAP = 3
_JOINER = r"[ \t\u00a0\u2000-\u200f\u202f\u205f\-‐‑‒–—_.·•・/\\|~()（）\[\]【】\ufe0f\u20e3\p{So}\p{Sk}\p{Cf}\p{Mn}\p{Me}]"
# Only runs of 5+ digits matter (no numeric type is shorter); each repetition eats one digit.
# A run starts at the start of a digit group (the lookbehind spares an attempt at every other
# digit; the matches are the same, since a later start reaches fewer digits).
RUN_PATTERN = regex.compile(rf"(?<![0-9])[0-9](?:{_JOINER}{{0,{MAX_GAP}}}[0-9]){{4,}}")
GROUP_PATTERN = regex.compile(r"[0-9]+")
_GROUP = re.compile(r"[0-9]+")
# Characters that mark a value as already masked (138****5678) when they touch a run.
MASK_CHARS = frozenset("*＊×●")


class DigitRun:
    """One run. A plain slotted class, not a frozen dataclass: a corpus holds a run every ~90
    characters and the dataclass constructor alone took 15 ms per MB (bench/bench_scan.py)."""

    __slots__ = ("start", "end", "groups", "text", "all_digits", "cum")

    def __init__(self, start: int, end: int, groups: tuple[tuple[int, int], ...], text: str,
                 all_digits: str, cum: tuple[int, ...]):
        self.start = start            # offset of the first digit (normalised == original)
        self.end = end                # offset after the last digit
        self.groups = groups          # (start, end) of each digit group
        self.text = text              # the normalised text of the run
        self.all_digits = all_digits  # the digits of every group, concatenated
        self.cum = cum                # cum[k] = digits in groups[:k]

    def digits(self, first: int, last: int, source: str = "") -> str:
        return self.all_digits[self.cum[first]:self.cum[last + 1]]

    def gap(self, index: int, source: str) -> str:
        """The separator text between group ``index`` and group ``index + 1``."""
        return source[self.groups[index][1]:self.groups[index + 1][0]]


def find_runs(norm_text: str) -> list[DigitRun]:
    runs = []
    for m in RUN_PATTERN.finditer(norm_text):
        start, end = m.span()
        run_text = m.group()
        if run_text.isdigit():
            runs.append(DigitRun(start, end, ((start, end),), run_text, run_text, (0, end - start)))
            continue
        groups = tuple((start + g.start(), start + g.end()) for g in _GROUP.finditer(run_text))
        cum = [0]
        for g_start, g_end in groups:
            cum.append(cum[-1] + g_end - g_start)
        runs.append(DigitRun(start, end, groups, run_text, "".join(_GROUP.findall(run_text)), tuple(cum)))
    return runs


@dataclass(frozen=True)
class Segment:
    """Groups ``first..last`` of a run read as one value."""

    run: DigitRun
    first: int
    last: int
    digits: str
    prev_taken: int = -1     # last group of the value accepted before this one in the run

    @property
    def start(self) -> int:
        return self.run.groups[self.first][0]

    @property
    def end(self) -> int:
        return self.run.groups[self.last][1]

    def group_digits(self, source: str) -> list[str]:
        return [source[s:e] for s, e in self.run.groups[self.first:self.last + 1]]


T = TypeVar("T")


def segment(run: DigitRun, source: str, accept: Callable[[Segment], Optional[T]],
            min_digits: int, max_digits: int, quick: Callable[[str], bool] | None = None,
            first_digits: str = "0123456789", later_first_digits: str | None = None) -> Iterator[T]:
    """Split ``run`` greedily, left to right, into values that ``accept`` takes.

    At each group, the longest acceptable stretch of whole groups holding ``min_digits`` to
    ``max_digits`` digits wins; groups that start no value are skipped. ``quick(digits)`` is a
    cheap digits-only pre-check that spares ``accept`` most candidates; a value starts with one
    of ``first_digits`` (``later_first_digits`` after the first group). Two pointers over the
    digit counts keep the work per group bounded: linear in the text.
    """
    cum, all_digits = run.cum, run.all_digits
    n = len(run.groups)
    i, lo, hi = 0, 0, 0          # candidate last groups: lo..hi (inclusive) for start group i
    prev_taken = -1
    while i < n:
        lo = max(lo, i)
        while lo < n and cum[lo + 1] - cum[i] < min_digits:
            lo += 1
        hi = max(hi, lo)
        while hi + 1 < n and cum[hi + 2] - cum[i] <= max_digits:
            hi += 1
        taken = None
        starts = first_digits if i == 0 or later_first_digits is None else later_first_digits
        if lo < n and all_digits[cum[i]] in starts:
            for j in range(min(hi, n - 1), lo - 1, -1):
                digits = all_digits[cum[i]:cum[j + 1]]
                if len(digits) > max_digits or (quick is not None and not quick(digits)):
                    continue
                result = accept(Segment(run, i, j, digits, prev_taken))
                if result is not None:
                    taken = (j, result)
                    break
        if taken is None:
            i += 1
            continue
        yield taken[1]
        prev_taken = taken[0]
        i = taken[0] + 1


# A group this long is a value of its own (an ID, a card), never the head of a phone.
_WHOLE_VALUE = 15


def consistent_grouping(seg: Segment, source: str) -> bool:
    """False when a multi-group value is glued, by the same separator it uses inside, to a
    short leftover of digits: "1381234 5678 9012" is one longer number, not a phone + 9012.
    Neighbouring values ("138 1234 5678 139 8765 4321") do not count as leftovers."""
    run = seg.run
    if seg.first == seg.last:
        return True           # a whole digit group: its neighbours are other values
    inner = {run.gap(k, source) for k in range(seg.first, seg.last)}

    def at_least_5_digits(first: int) -> bool:
        total = 0
        for s, e in run.groups[first:first + 5]:
            total += e - s
        return total >= 5

    before = run.groups[seg.first - 1] if seg.first > 0 else None
    if seg.first - 1 > seg.prev_taken and run.gap(seg.first - 1, source) in inner \
            and before[1] - before[0] < _WHOLE_VALUE:
        return False          # "310-13-146-41-001000": the value would start mid-number
                              # (not after an ID or card of its own: "<ID> 139 1234 5678")
    if seg.last + 1 < len(run.groups) and run.gap(seg.last, source) in inner:
        if not at_least_5_digits(seg.last + 1):
            return False
    return True


def touches_mask(source: str, start: int, end: int) -> bool:
    """True when the value sits next to masking characters (138****5678, 138xx5678)."""
    before = source[max(0, start - 2):start]
    after = source[end:end + 2]
    return (before[-1:] in MASK_CHARS or before in ("xx", "XX")
            or after[:1] in MASK_CHARS or after in ("xx", "XX"))


def extend_keycaps(source: str, end: int) -> int:
    """Include the variation selector / keycap mark after the last digit (1️⃣ … 8️⃣)."""
    while end < len(source) and end - 1 >= 0 and source[end] in "\ufe0f\u20e3":
        end += 1
    return end
