"""One normalisation pass for the risk lexicon, with a map back to the original text.

Evasions the lexicon must see through are undone here, once per text:
separators, punctuation, emoji and invisible characters between letters are dropped (开.盒,
查 档, 开🔥盒); full-width and compatibility forms fold to their plain form (ＳＧＫ → sgk);
case folds; traditional characters map to simplified ones (開盒 → 开盒) from a data file.
Currency signs are kept because price patterns need them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_DROPPED_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn", "Mn", "Me", "Sk", "Sm", "So"}


@dataclass(frozen=True)
class Folded:
    text: str
    origin: list[int]   # origin[i] = offset in the original text of folded char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of folded text[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1


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


def fold(text: str) -> Folded:
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = fold_char(ch)
        if folded:
            out.append(folded)
            origin.extend([index] * len(folded))
    return Folded("".join(out), origin)
