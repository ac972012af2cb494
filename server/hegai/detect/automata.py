"""Aho-Corasick automata for the detection passes: ``ahocorasick-rs`` (Rust), or pyahocorasick.

Why two: ahocorasick-rs scanned the trigger and division passes 3.3–4.4× faster than pyahocorasick
with the same output (issue 18), but it ships wheels only for some platforms; pyahocorasick
builds anywhere. Both give code-point offsets; ``tests/unit/test_automata.py`` checks that they
give the same matches.

Two ways of matching, the two the detection passes need:
- ``longest``: leftmost-longest, non-overlapping (division names: 北京市 rather than 北京);
- ``overlapping``: every occurrence of every word (trigger words: 微信 and 微信号 both).
"""

from __future__ import annotations

import os
import re
from typing import Generic, Iterable, TypeVar

V = TypeVar("V")

try:   # HEGAI_AHOCORASICK=py forces the fallback (tests compare the two)
    if os.environ.get("HEGAI_AHOCORASICK") == "py":
        raise ImportError
    import ahocorasick_rs as _rs
except ImportError:   # no wheel for this platform: the portable C extension
    _rs = None

BACKEND = "ahocorasick-rs" if _rs is not None else "pyahocorasick"

# ahocorasick-rs takes the text as UTF-8, which a lone surrogate (JSON lets a client send
# "\ud800") cannot be; one replacement character per surrogate keeps every offset in place.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Automaton(Generic[V]):
    """Literal words, each with a value, matched in one pass over a text."""

    def __init__(self, words: Iterable[tuple[str, V]], overlapping: bool = False, backend: str | None = None):
        pairs = [(w, v) for w, v in dict(words).items() if w]
        self.overlapping = overlapping
        self.backend = backend or BACKEND
        self.empty = not pairs
        self._values = [v for _, v in pairs]
        self._lengths = [len(w) for w, _ in pairs]
        if self.empty:
            return
        if self.backend == "ahocorasick-rs":
            kind = _rs.MatchKind.Standard if overlapping else _rs.MatchKind.LeftmostLongest
            self._rs = _rs.AhoCorasick([w for w, _ in pairs], matchkind=kind)
        else:
            import ahocorasick

            self._py = ahocorasick.Automaton()
            for index, (word, _) in enumerate(pairs):
                self._py.add_word(word, index)
            self._py.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, V]]:
        """(start, end, value) of the matches in ``text``; for ``overlapping`` automata in the
        order the automaton reports them (by end), else by start."""
        if self.empty or not text:
            return []
        values = self._values
        if self.backend == "ahocorasick-rs":
            try:
                found = self._rs.find_matches_as_indexes(text, overlapping=self.overlapping)
            except UnicodeEncodeError:
                found = self._rs.find_matches_as_indexes(
                    _LONE_SURROGATE.sub("\ufffd", text), overlapping=self.overlapping)
            return [(start, end, values[index]) for index, start, end in found]
        lengths = self._lengths
        matches = self._py.iter(text) if self.overlapping else self._py.iter_long(text)
        return [(last + 1 - lengths[index], last + 1, values[index]) for last, index in matches]
