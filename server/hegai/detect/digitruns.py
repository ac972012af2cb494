"""Digit runs: the numbers of a text, with the separators people put inside them.

A *group* is a stretch of ASCII digits in the normalised text. Groups joined by a short gap of
separator characters (space, - . · / brackets, emoji, symbols; at most ``MAX_GAP`` code points)
form a *run*: "138 1234 5678", "010-8888 6666", "1😀3😀8…". Commas, colons and line breaks end a
run, so lists ("13812345678,13987654321") and times ("10:30") stay apart.

Numeric recognizers (ID card, phones, bank card) split a run into values with
:func:`segment`: a value is a whole number of consecutive groups, so a value is never cut out of
the middle of a longer digit group (order numbers, timestamps, tracking numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional, TypeVar

import regex

MAX_GAP = 3
_JOINER = r"[ \t\u00a0\u2000-\u200f\u202f\u205f\-‐‑‒–—_.·•・/\\|~()（）\[\]【】\ufe0f\u20e3\p{So}\p{Sk}\p{Cf}\p{Mn}\p{Me}]"
RUN_PATTERN = regex.compile(rf"[0-9]+(?:{_JOINER}{{1,{MAX_GAP}}}[0-9]+)*")
GROUP_PATTERN = regex.compile(r"[0-9]+")
# Characters that mark a value as already masked (138****5678) when they touch a run.
MASK_CHARS = frozenset("*＊×●")


@dataclass(frozen=True)
class DigitRun:
    start: int                             # offset of the first digit (normalised == original)
    end: int                               # offset after the last digit
    groups: tuple[tuple[int, int], ...]    # (start, end) of each digit group
    text: str                              # the normalised text of the run

    def digits(self, first: int, last: int, source: str) -> str:
        return "".join(source[s:e] for s, e in self.groups[first:last + 1])

    def gap(self, index: int, source: str) -> str:
        """The separator text between group ``index`` and group ``index + 1``."""
        return source[self.groups[index][1]:self.groups[index + 1][0]]


def find_runs(norm_text: str) -> list[DigitRun]:
    runs = []
    for m in RUN_PATTERN.finditer(norm_text):
        groups = tuple((g.start(), g.end()) for g in GROUP_PATTERN.finditer(norm_text, m.start(), m.end()))
        runs.append(DigitRun(m.start(), m.end(), groups, m.group()))
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
            max_digits: int) -> Iterator[T]:
    """Split ``run`` greedily, left to right, into values that ``accept`` takes.

    At each group, the longest acceptable stretch of whole groups (up to ``max_digits`` digits)
    wins; groups that start no value are skipped. Work per run is bounded by
    groups × (groups within ``max_digits``), i.e. linear in the text.
    """
    groups = run.groups
    i = 0
    n = len(groups)
    prev_taken = -1
    while i < n:
        ends = []
        total = 0
        for j in range(i, n):
            total += groups[j][1] - groups[j][0]
            if total > max_digits:
                break
            ends.append(j)
        taken = None
        for j in reversed(ends):
            seg = Segment(run, i, j, run.digits(i, j, source), prev_taken)
            result = accept(seg)
            if result is not None:
                taken = (j, result)
                break
        if taken is None:
            i += 1
            continue
        yield taken[1]
        prev_taken = taken[0]
        i = taken[0] + 1


def consistent_grouping(seg: Segment, source: str) -> bool:
    """False when a multi-group value is glued, by the same separator it uses inside, to a
    short leftover of digits: "1381234 5678 9012" is one longer number, not a phone + 9012.
    Neighbouring values ("138 1234 5678 139 8765 4321") do not count as leftovers."""
    run = seg.run
    if seg.first == seg.last:
        return True           # a whole digit group: its neighbours are other values
    inner = {run.gap(k, source) for k in range(seg.first, seg.last)}

    def digits_in(first: int, last: int) -> int:
        return sum(e - s for s, e in run.groups[first:last + 1])

    if seg.first - 1 > seg.prev_taken and run.gap(seg.first - 1, source) in inner:
        return False          # "310-13-146-41-001000": the value would start mid-number
    if seg.last + 1 < len(run.groups) and run.gap(seg.last, source) in inner:
        if digits_in(seg.last + 1, len(run.groups) - 1) < 5:
            return False
    return True


def touches_mask(source: str, start: int, end: int) -> bool:
    """True when the value sits next to masking characters (138****5678, 138xx5678)."""
    before = source[max(0, start - 2):start]
    after = source[end:end + 2]
    return (before[-1:] in MASK_CHARS or before in ("xx", "XX")
            or after[:1] in MASK_CHARS or after in ("xx", "XX"))
