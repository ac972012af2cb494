"""Where an address chain can start inside a clause: the chain pattern is tried only there.

Not a recognizer itself (no ``RECOGNIZER``); ``address`` calls :func:`chains`. Why: the chain
pattern (``address._chain_pattern``) costs ~2.5 µs per character it is tried at (55 µs for a
22-character clause), and in prose most tries fail: the address recognizer took 171 µs of the
~300 µs a short post costs (issue 18). A chain starts with one of:

- a division placeholder;
- a numbered part: digits (at most 6), numerals (at most 4) or a letter, with a unit after the
  number, perhaps past a letter and dash groups (88号, 五组, B栋, 12-3号, 5-2-301室, 318国道);
- a name (Han or Latin letters, no stop character) that reaches a suffix within 12 characters
  (建国路, 幸福小区: a named part);
- a name that reaches digits within 13 characters, perhaps over one more Han character and a
  letter, with a building unit, a dash or a road after them (建设3路; 星河国际7-5-1320).

Those stretches are found with stdlib ``re`` passes and an automaton (C and Rust speed); trying
the pattern only there, in order, skipping what the last match covered, gives exactly the
matches of ``finditer``
(``tests/unit/test_address_anchors.py`` checks it on generated text and every data set's
clauses are compared by ``bench/diff_scan.py``).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import regex

from ..automata import Automaton
from ._address_clauses import BLANK, suffix_kinds, unit_words
from ._lexicon import stop_chars

MAX_NAME_TO_SUFFIX = 12     # name{1,12}? before a suffix
MAX_NAME_TO_DIGIT = 13      # name{1,11} + a Han character + an optional letter before a digit
MAX_DIGITS = 6              # [0-9]{1,6} of a door number
MAX_NUMERALS = 4            # [零〇一二…]{1,4} of a numbered part (五组, 三栋)
_NUMERALS = "零〇一二三四五六七八九十百千两"
# After the digits that a name reaches: a building unit (…国际5号楼, B12栋), a dash of a
# building-unit-room code (7-5-1320) or a numbered road (建设3路).
_AFTER_NAME_DIGITS = frozenset("号栋幢单-路街大巷")
_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1)
def _passes():
    names = regex.compile(rf"[\p{{Han}}A-Za-z--[{regex.escape(stop_chars())}]]+", regex.V1)
    # Every start of a suffix, overlapping ones too: an overlapping automaton gives the same
    # positions as a zero-width ``re`` lookahead tried at every character, 3× faster (issue 18).
    suffix_starts = Automaton(((s, None) for s in suffix_kinds()), overlapping=True)
    # What ends a numbered part: a unit (号, 栋, 单元…) or 国道/省道 (318国道).
    unit_first = frozenset(w[0] for w in unit_words()) | frozenset("国省")
    numbered = re.compile(f"{BLANK}+|[0-9]+|[{_NUMERALS}]+|[A-Za-z甲乙丙丁](?=[0-9]|[{re.escape(''.join(unit_first))}])")
    return names, suffix_starts, unit_first, numbered


def _unit_follows(work: str, x: int, unit_first) -> bool:
    """Does a unit follow at ``x``, after an optional letter and up to three dash groups of at
    most six letters or digits (12B栋, 12-3号, 5-2-301室)? The tail of the pattern's ``number``."""
    n = len(work)
    if x < n and work[x].isascii() and work[x].isalpha():
        x += 1
    for _ in range(3):
        if x >= n or work[x] not in "-—~":
            break
        y = x + 1
        while y < n and y - x <= MAX_DIGITS + 1 and work[y].isascii() and work[y].isalnum():
            y += 1
        if y == x + 1 or y - x > MAX_DIGITS + 1:
            return False    # an empty or too long group: no unit can follow the number
        x = y
    return x < n and work[x] in unit_first


def _numbered(work: str, start: int, end: int, numbered, unit_first):
    """(from, to) stretches where a division or a numbered part can start."""
    for m in numbered.finditer(work, start, end):
        a, b = m.span()
        first = work[a]
        if first == BLANK:
            yield a, a + 1          # BLANK+ takes the whole run
        elif "0" <= first <= "9":
            if _unit_follows(work, b, unit_first):
                yield max(a, b - MAX_DIGITS), b
        elif first in _NUMERALS:
            if _unit_follows(work, b, unit_first):
                yield max(a, b - MAX_NUMERALS), b
        elif work[b] in unit_first:
            yield a, a + 1          # B栋, A座
        else:                       # B12栋, G318国道, 甲28号: the letter's digits, then a unit
            digits = b
            while digits < len(work) and "0" <= work[digits] <= "9":
                digits += 1
            if _unit_follows(work, digits, unit_first):
                yield a, a + 1


def _digits_after(work: str, r: int) -> bool:
    """Digits at ``r`` (or after one more Han character of any kind and/or one letter: a name
    before a building code ends in any Han character, …乡了2单元) with a building unit, a dash
    or a road after them."""
    n = len(work)
    if r < n and _HAN.match(work, r):
        r += 1
    if r < n and work[r].isascii() and work[r].isalpha():
        r += 1
    if not (r < n and "0" <= work[r] <= "9"):
        return False
    while r < n and "0" <= work[r] <= "9":
        r += 1
    if r < n and work[r].isascii() and work[r].isalpha():
        r += 1
    return r < n and work[r] in _AFTER_NAME_DIGITS


def stretches(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """(from, to) stretches of ``work[start:end]`` holding every position where a chain can
    start (a superset), sorted by ``from``."""
    names, suffix_starts, unit_first, numbered = _passes()
    found = list(_numbered(work, start, end, numbered, unit_first))
    suffix_at = sorted({start + a for a, _, _ in suffix_starts.find(work[start:end])})
    for run in names.finditer(work, start, end):
        a, r = run.span()
        if _digits_after(work, r):
            found.append((max(a, r - MAX_NAME_TO_DIGIT), r))
        for k in range(bisect.bisect_right(suffix_at, a), bisect.bisect_right(suffix_at, r)):
            q = suffix_at[k]   # a < q <= r: a suffix right after a name of this run
            found.append((max(a, q - MAX_NAME_TO_SUFFIX), q))
    found.sort()
    return found


def chains(pattern: regex.Pattern, work: str, start: int, end: int, limit: int):
    """``pattern.finditer(work, start, limit)`` for the chain pattern, tried only inside the
    :func:`stretches` of ``[start, end)``, in order."""
    match = pattern.match
    # finditer's first try, at the clause's start: on a page of addresses the chain found there
    # covers the whole clause, and then the stretches are not worth finding.
    first = match(work, start, limit)
    if first:
        yield first
    resume = first.end() if first else start + 1
    if resume >= end:
        return
    for lo, hi in stretches(work, resume, end):
        pos = max(lo, resume)
        while pos < hi:
            m = match(work, pos, limit)
            if m:
                yield m
                resume = pos = m.end() if m.end() > pos else pos + 1
            else:
                pos += 1
