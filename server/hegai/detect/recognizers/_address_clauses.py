"""Where an address can be: the clauses of a text that hold street-level evidence.

Not a recognizer itself (no ``RECOGNIZER``); a prefilter for ``address``. Why it exists: the
chain regex of ``address`` costs about 1 µs per character, and searching it around every suffix,
unit and digit still covered 83% of the bench corpus (bench/bench_scan.py: address took 1.34 s
of 1.87 s per MB). This pass costs one automaton scan and a few calls per hit.

Why it is exact: a chain is made only of Han and Latin letters, digits, separators, the
division placeholder and unit words, so it never crosses any other character (punctuation, line
breaks): every chain lies inside one *clause*. And a chain is accepted (``address._judge``) only
with one of these inside its clause:

- a unit right after a number, numeral or letter (88号, 五组, B栋): a numbered part;
- a road, village, town, estate or zone suffix (路, 村, 镇, 小区, 开发区): a named part of those kinds;
- a digit after any suffix (…广场 88): a bare number after a named part;
- digits with a hyphen right after a name (…华星9-7): a bare number after an unsuffixed name.

Only such clauses are searched, with the same regex and the same verdicts.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from ._lexicon import literal_pattern, pairs, stop_chars, words

BLANK = "\ue000"  # stands in for a full division name in the address recognizer's working copy
# Suffix kinds that give a verdict without any number (see address._judge): 开发区, 工业园 under
# a district too (萧山区…工业园区).
STREET_KINDS = frozenset({"road", "village", "town", "residence", "zone"})
# The last character of a number before its unit (address._chain_pattern ``number``).
NUMBER_END = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz零〇一二三四五六七八九十百千两")
SEPARATORS = " _-—·"   # between address parts: 浙江省-绍兴市, 星星港湾_琴海居


@lru_cache(maxsize=1)
def suffix_kinds() -> dict[str, str]:
    """Suffix → kind of named part (路 road, 村 village, 小区 residence…): data/address/element_suffixes.tsv."""
    return {suffix: kind for kind, suffix in pairs("address/element_suffixes.tsv")}


def unit_words() -> list[str]:
    """The unit words of data/address/units.tsv (号, 栋, 单元, 室…)."""
    return [line.split("\t")[1] for line in words("address/units.tsv")]


@lru_cache(maxsize=1)
def _break_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    """A character no chain can hold, searched forwards and backwards."""
    keyword_chars = set("".join(unit_words() + list(suffix_kinds())))
    extra = "".join(sorted(c for c in keyword_chars if not regex.match(r"[\p{Han}A-Za-z0-9]", c)))
    body = rf"[^\p{{Han}}A-Za-z0-9{BLANK}{regex.escape(SEPARATORS + '~' + extra)}]"
    return regex.compile(body), regex.compile(body, regex.REVERSE)


@lru_cache(maxsize=1)
def _keyword_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Units, street suffixes (路, 村, 镇, 小区) and other suffixes (广场, 大厦, 公司…), as
    ``literal_pattern``s: 6× faster here than iterating every Aho-Corasick hit (bench/bench_scan.py).

    Leftmost-longest matching skips words that overlap a match; that loses no clause, since an
    overlapping word lies in the same clause and ends where no digit or break can be between."""
    kinds = suffix_kinds()
    return (literal_pattern(unit_words()),
            literal_pattern(s for s, kind in kinds.items() if kind in STREET_KINDS),
            literal_pattern(s for s, kind in kinds.items() if kind not in STREET_KINDS))


_DASH_NUMBER = regex.compile(r"[0-9][A-Za-z]?-[0-9]")


@lru_cache(maxsize=1)
def _digit_or_break() -> regex.Pattern:
    forward, _ = _break_patterns()
    return regex.compile(rf"[0-9]|{forward.pattern}")


@lru_cache(maxsize=1)
def _name_char() -> regex.Pattern:
    return regex.compile(rf"[\p{{Han}}A-Za-z--[{regex.escape(stop_chars())}]]", regex.V1)


def _evidence(text: str):
    """Positions of street-level evidence, in no particular order (one per clause is enough)."""
    units, streets, others = _keyword_patterns()
    for m in units.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] in NUMBER_END:
            yield start
    for m in streets.finditer(text):
        yield m.start()
    digit_ahead = (-1, False)   # (position of the next digit or break, is it a digit), reused
    for m in others.finditer(text):
        end = m.end()
        if digit_ahead[0] < end:   # matches come in order: one forward search serves many
            found = _digit_or_break().search(text, end)
            digit_ahead = (found.start(), found.group() in "0123456789") if found else (len(text), False)
        if digit_ahead[1]:
            yield m.start()
    for m in _DASH_NUMBER.finditer(text):
        if _after_name(text, m.start()):
            yield m.start()


def _after_name(text: str, pos: int) -> bool:
    """Does the digit group holding ``pos`` follow a name character (one separator allowed)?"""
    floor = max(0, pos - 6)   # an unsuffixed name is followed by at most 5 digits before "-"
    while pos > floor and text[pos - 1] in "0123456789":
        pos -= 1
    if pos > 0 and text[pos - 1] in SEPARATORS:
        pos -= 1
    return pos > 0 and _name_char().match(text, pos - 1) is not None


def candidate_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause with evidence, in order, disjoint."""
    forward, backward = _break_patterns()
    clauses: list[tuple[int, int]] = []
    covered = -1
    for pos in sorted(_evidence(text)):
        if pos < covered:
            continue
        before = backward.search(text, 0, pos)
        after = forward.search(text, pos)
        start = before.end() if before else 0
        covered = after.start() if after else len(text)
        clauses.append((start, covered))
    return clauses
