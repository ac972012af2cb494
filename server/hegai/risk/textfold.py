"""One normalisation pass for the risk lexicon, with a map back to the original text.

Evasions the lexicon must see through are undone here, once per text:
separators, punctuation, emoji and invisible characters between letters are dropped (开.盒,
查 档, 开🔥盒); full-width and compatibility forms fold to their plain form (ＳＧＫ → sgk);
case folds; traditional characters map to simplified ones (開盒 → 开盒) from a data file.
Currency signs are kept because price patterns need them.

Speed (bench/bench_risk.py): a per-character Python loop was a fifth of the engine's time, so
the common case runs in C: one ``str.translate`` folds each character and marks dropped ones with
NUL, then splitting on the NUL runs gives the folded text and the offset map. (The `regex`
module's \\p{…} classes took twice as long as the translate.) Characters that fold to more than
one character (ﬁ, ⑴) take the exact per-character path.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from itertools import accumulate

_DROPPED_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn", "Mn", "Me", "Sk", "Sm", "So"}
_DROPPED = "\x00"                 # what the translate table writes for a dropped character
_DROPPED_RUN = re.compile("\x00+")


class Folded:
    """``text`` is the folded text. Offsets map back through the runs of dropped characters:
    folded char i sits at original offset i + (characters dropped before it). The map is built
    on first use (most short texts hit no lexicon term and never need it)."""

    __slots__ = ("text", "_marked", "_gap_at", "_shift", "_exact")

    def __init__(self, text: str, marked: str | None = None, exact: list[int] | None = None):
        self.text = text
        self._marked = marked          # the text with dropped characters still in, as _DROPPED
        self._gap_at: list[int] | None = None   # folded offsets where a dropped run sits
        self._shift: list[int] = []             # characters dropped up to that run, inclusive
        self._exact = exact            # per-char origin, when a character folded to several

    def origin(self, i: int) -> int:
        """Offset in the original text of folded char ``i``."""
        if self._exact is not None:
            return self._exact[i]
        if self._marked is None:
            return i
        if self._gap_at is None:
            self._build_map()
        k = bisect_right(self._gap_at, i)
        return i + self._shift[k - 1] if k else i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of folded text[start:end]."""
        return self.origin(start), self.origin(end - 1) + 1

    def _build_map(self) -> None:
        segments = _DROPPED_RUN.split(self._marked)
        self._gap_at = list(accumulate(map(len, segments[:-1])))
        self._shift = list(accumulate(map(len, _DROPPED_RUN.findall(self._marked))))


@lru_cache(maxsize=1)
def trad_to_simp() -> dict[str, str]:
    table = {}
    data = resources.files("hegai.risk").joinpath("data/trad2simp.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[trad] = simp
    return table


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """What one original character becomes: '' when dropped, else one or more folded chars."""
    category = unicodedata.category(ch)
    if category[0] == "P" or category in _DROPPED_CATEGORIES:
        return ""
    folded = unicodedata.normalize("NFKC", ch).lower()
    t2s = trad_to_simp()
    return "".join(t2s.get(c, c) for c in folded if not unicodedata.category(c) in _DROPPED_CATEGORIES)


class _FoldTable(dict):
    """code point → folded character(s), or _DROPPED; filled on first sight by ``str.translate``."""

    def __missing__(self, code: int) -> str:
        self[code] = fold_char(chr(code)) or _DROPPED
        return self[code]


_TABLE = _FoldTable()


def fold(text: str) -> Folded:
    marked = text.translate(_TABLE)
    if len(marked) != len(text):        # a character folded to several: no run-based map
        return _fold_exact(text)
    if _DROPPED not in marked:
        return Folded(marked)
    return Folded(marked.replace(_DROPPED, ""), marked)


def _fold_exact(text: str) -> Folded:
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = fold_char(ch)
        if folded:
            out.append(folded)
            origin.extend([index] * len(folded))
    return Folded("".join(out), exact=origin)
