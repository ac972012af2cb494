"""Posts written in traditional script or with spaces between words or characters, read as they
would be in simplified script without them.

Short-video comments put a space between words (实验中学 初一（7）班 的 钱某某), and people split a
name to slip past filters (方 文 杰, 富 士 康 龙 华 园 区). The names model and the rules read
adjacency (X的Y, 在X上班, 方文杰/PER), so such a post is read through a *compact view*: the spaces
between two Chinese characters removed, every offset mapped back. Findings keep the original
text (方 文 杰, 陳家樂) and offsets; only the reading changes.

Only a space beside a character split off (方 文 杰) or beside a one-character joining word
(初一（7）班 的 钱某某) goes, and only in a post that has at least ``MIN_GAPS`` of them: a space
between two words is a list's separator (冯某 济南历下区人社局, 新郎X 新娘Y), which the rules read
as a list and must keep.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..finding import Finding
from ..masking import mask
from ..recognizers._address_script import fold as fold_script

MIN_GAPS = 2
_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


# Words of one character that join the words around them (X 的 Y, 在 X 上班, 叫 X).
_JOINING = frozenset("的在是了和跟给叫去当从被把对到")


def _lone_characters(text: str) -> set[int]:
    """Offsets of the characters that stand alone between spaces and are to be joined: a joining
    word, or one of two or more lone characters in a row (方 文 杰; not 柯基 公, a dog's sex)."""
    runs = [(m.start(), m.end()) for m in _HAN_RUN.finditer(text)]
    single = [start for start, end in runs if end - start == 1]
    chained = set()
    for a, b in zip(single, single[1:]):
        if b - a == 2 and text[a + 1] in " \u3000":
            chained.update((a, b))
    return chained | {i for i in single if text[i] in _JOINING}


@dataclass(frozen=True)
class CompactView:
    text: str
    origin: list[int]       # per character of ``text``, its offset in the original
    position: list[int]     # per original offset (and its end), the offset in ``text``

    def to_view(self, f: Finding) -> Finding:
        start, end = self.position[f.start], self.position[f.end - 1] + 1
        return dataclasses.replace(f, start=start, end=end, text=self.text[start:end])

    def span_back(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def view_of(text: str) -> CompactView | None:
    """How the names model and the rules read ``text``: traditional characters in simplified form
    (every list is written in simplified script: 護士, 醫院), spaced posts compacted; None when
    that is the text itself."""
    folded = fold_script(text)
    view = compact(folded)
    if view is None and folded != text:
        view = CompactView(folded, list(range(len(text))), list(range(len(text) + 1)))
    return view


def compact(text: str) -> CompactView | None:
    """The compact view of a spaced post, or None (the common case: nothing to change)."""
    gaps = [m.start() for m in _GAP.finditer(text)]
    if len(gaps) < MIN_GAPS:
        return None
    lone = _lone_characters(text)
    gaps = [g for g in gaps if g - 1 in lone or g + 1 in lone]
    if len(gaps) < MIN_GAPS:
        return None
    dropped = set(gaps)
    origin, position, kept = [], [], 0
    for i in range(len(text)):
        position.append(kept)       # a dropped space maps to the character after it
        if i not in dropped:
            origin.append(i)
            kept += 1
    position.append(kept)
    return CompactView("".join(text[i] for i in origin), origin, position)


class Reading:
    """The findings given, moved onto the view (``moved``), and the way back: a finding given comes
    back as it was, one made on the view with the original offsets and text (:func:`back`)."""

    def __init__(self, view: CompactView, text: str, findings: list[Finding]):
        self.view, self.text = view, text
        self.moved = [view.to_view(f) for f in findings]
        self._given = {id(m): f for m, f in zip(self.moved, findings)}

    def back(self, found: list[Finding]) -> list[Finding]:
        return [self._given.get(id(g)) or back(self.view, self.text, g) for g in found]


def back(view: CompactView, text: str, f: Finding) -> Finding:
    """A finding made on the view, on the original text (its value with the spaces as written)."""
    start, end = view.span_back(f.start, f.end)
    value = text[start:end]
    return dataclasses.replace(f, start=start, end=end, text=value, masked=mask(f.type, value))
