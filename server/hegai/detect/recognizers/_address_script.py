"""Traditional script read as simplified, one character for one, for the address recognizer
(and for the names model, :mod:`hegai.detect.ner_model`, which was trained on simplified text).

Not a recognizer itself (no ``RECOGNIZER``); ``address`` folds its working copy with
:func:`fold`. Why: every list the address pass reads (division names, suffixes 路/區/花園, units
號/樓/單元, ordinary words) is written in simplified script, and 東湖花園5號樓 or 臺北市中山區
must read the same. Folding the text once costs one search where there is nothing to fold, and
keeps every list, pattern and automaton as it is (no traditional copy of each to keep in step).
Folding costs little where there is nothing to fold: a text is folded whole only when it holds a
traditional form of a keyword character (號, 樓, 區, 鎮…: :func:`for_clauses`), so that the
prefilter (``_address_clauses``) finds its clauses; otherwise only those clauses are folded
(:func:`fold_spans`: a traditional place name in a simplified text, 臺北市文三路88号).

The table is OpenCC's own t2s (a dependency already: cue words' traditional forms, person
names), asked one character at a time, so no phrase rule can change a length: offsets stay
exact. A character that is simplified in a division name (乾 of 乾县, which t2s would make 干)
is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

# CJK Extension A and the Unified Ideographs: every traditional form t2s knows lies in them.
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[int, str], re.Pattern]:
    import opencc   # loaded once (≈0.03 s to build the table)

    from . import _divisions

    chars = [chr(c) for lo, hi in _RANGES for c in range(lo, hi)]
    # One character a line: t2s's phrase rules never span a line break, so each maps alone.
    folded = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {ord(a): b for a, b in zip(chars, folded) if a != b and len(b) == 1}
    # A character of a division name that is simplified too (乾 of 乾县, whose t2s form 干 goes
    # back to 幹 in s2t, not to 乾) stays as written; 區 of a name (區 → 区 → 區) folds.
    back = opencc.OpenCC("s2t")
    for char in set("".join(_divisions.full_names())):
        if ord(char) in table and back.convert(table[ord(char)]) != char:
            del table[ord(char)]
    runs = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]+")
    return table, runs


def fold(text: str) -> str:
    """``text`` with traditional characters in simplified form, the same length."""
    table, runs = _table()
    first = runs.search(text)
    if first is None:
        return text
    pieces, last = [], 0
    m = first
    while m is not None:   # slices and short translations: str.translate on a whole page is slow
        pieces += [text[last:m.start()], m.group().translate(table)]
        last = m.end()
        m = runs.search(text, last)
    pieces.append(text[last:])
    return "".join(pieces)


@lru_cache(maxsize=1)
def _keyword_forms() -> re.Pattern:
    """The traditional forms of the characters of units and suffixes (號 of 号, 區 of 区…)."""
    from ._address_clauses import suffix_kinds, unit_words

    table, _ = _table()
    chars = set("".join(unit_words()) + "".join(suffix_kinds()))
    return re.compile("[" + "".join(re.escape(chr(c)) for c, s in sorted(table.items()) if s in chars) + "]")


def for_clauses(text: str) -> str:
    """``text`` folded when it holds a traditional keyword character, else as it is (one search
    of a few dozen characters: about 1 ms per MB)."""
    return fold(text) if _keyword_forms().search(text) else text


def fold_spans(text: str, spans) -> str:
    """``text`` with only ``spans`` (sorted, disjoint (start, end) pairs) folded: a page costs
    what its candidate clauses cost, not a search of every character."""
    pieces, last = [], 0
    for start, end in spans:
        part = text[start:end]
        folded = fold(part)
        if folded is not part:
            pieces += [text[last:start], folded]
            last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
