"""Word lists under ``hegai/data`` shared by the text recognizers (address, name, workplace, school).

Not a recognizer itself (no ``RECOGNIZER``); loads each list once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import regex


def _lines(path: str) -> list[str]:
    text = resources.files("hegai").joinpath("data", *path.split("/")).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def words(path: str) -> tuple[str, ...]:
    """A one-word-per-line data file, comments (#) and blanks dropped."""
    return tuple(_lines(path))


@lru_cache(maxsize=None)
def pairs(path: str) -> tuple[tuple[str, str], ...]:
    """A ``key<TAB>value`` data file as (key, value) pairs, in file order."""
    return tuple(tuple(ln.split("\t", 1)) for ln in _lines(path))  # type: ignore[misc]


def alternation(items) -> str:
    """A regex alternation of literal words, longest first (so 街道 wins over 街)."""
    return "|".join(regex.escape(w) for w in sorted(set(items), key=len, reverse=True))


def literal_pattern(words_) -> re.Pattern:
    """Literal words as one stdlib ``re`` alternation, longest first: its first-character skip
    runs in C, much faster than walking an Aho-Corasick trie for a few dozen words (see
    LiteralIndex). Leftmost-longest and non-overlapping, like ``re`` always is."""
    return re.compile("|".join(sorted(map(re.escape, set(words_)), key=len, reverse=True)))


class LiteralIndex:
    """Every occurrence of a few dozen literal words, overlapping ones included, like an
    Aho-Corasick pass: a stdlib ``re`` alternation skips ahead on the words' first characters
    in C, while pyahocorasick walks its trie at every character (16 ms per MB of the bench
    corpus for the 54 person cue words, against 3 ms; bench/bench_scan.py). For a few thousand
    words (triggers.py) the alternation is the slower one: keep the automaton there."""

    def __init__(self, words_):
        unique = sorted(set(words_), key=len, reverse=True)
        self._pattern = literal_pattern(unique)
        # The longest word found at a position, and every shorter word that also starts there.
        self._at_same_start = {w: [v for v in unique if w.startswith(v)] for w in unique}

    def finditer(self, text: str):
        """(start, word) of every occurrence, by start (longest first at one start)."""
        search, pos = self._pattern.search, 0
        while (m := search(text, pos)) is not None:
            start = m.start()
            for word in self._at_same_start[m.group()]:
                yield start, word
            pos = start + 1


@lru_cache(maxsize=None)
def stop_chars() -> str:
    """Characters that end a place/organisation/person name (see data/zh/stop_chars.txt)."""
    return "".join(words("zh/stop_chars.txt"))


def name_char_class() -> str:
    """Regex class body for a character of a place or organisation name: Han or Latin letter,
    not a stop character."""
    return r"\p{Han}A-Za-z--[" + regex.escape(stop_chars()) + "]"


def finditer_in_windows(pattern: regex.Pattern, text: str, windows):
    """``pattern.finditer`` restricted to the (start, end) windows where a match can be.

    Recognizers whose matches must contain some keyword (a suffix, a unit, a digit) pass the
    windows around those keywords: plain prose then costs one keyword pass instead of a regex
    attempt at every character. Windows that overlap or touch are merged, so a match that
    spans several keywords is never cut; each window must reach from the earliest possible
    start of a match to its latest possible end.
    """
    seg_start = seg_end = None
    for start, end in sorted(windows):
        start, end = max(start, 0), min(end, len(text))
        if seg_end is not None and start <= seg_end + 1:
            seg_end = max(seg_end, end)
            continue
        if seg_end is not None:
            yield from pattern.finditer(text, seg_start, seg_end)
        seg_start, seg_end = start, end
    if seg_end is not None:
        yield from pattern.finditer(text, seg_start, seg_end)


def original_slice(doc, span: tuple[int, int]) -> str:
    """The original text under a span of the normalised view (cue words as the user wrote them)."""
    start, end = doc.norm.to_original(*span)
    return doc.text[start:end]
