"""Recognised lines → one text for ``scan``, and back: a span of that text → boxes in the image.

Lines on the same visual row (a label and its value in two boxes, ID-card style) are joined by a
space, rows by a newline, so the detectors see "电话 13912345678" as one context. Each line keeps
its character range in the text; a finding's box is the part of each line it covers, cut in
proportion to the characters' display widths (a CJK character is about twice a digit).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .engine import OcrLine

ROW_GAP = " "
ROW_BREAK = "\n"
SAME_ROW_OVERLAP = 0.5   # share of the shorter line's height two lines must share to be one row
# A value's box, once moved out to its glyphs' edges (``glyphs``), gets a margin in proportion to
# the line height (so the same at any picture scale) for anti-aliased edges and for pictures too
# faint to find the ink in; vertically the recogniser's line box already holds the glyphs.
MARGIN_X = 0.25          # of the line height, on each side
MARGIN_Y = 0.1

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class PlacedLine:
    line: OcrLine
    start: int   # code-point offsets of this line in the page text
    end: int


@dataclass(frozen=True)
class TextLayout:
    text: str
    lines: tuple[PlacedLine, ...]

    def boxes_for(self, start: int, end: int) -> list[Box]:
        """The image boxes covering text[start:end] (one per line it touches)."""
        boxes = []
        for placed in self.lines:
            lo, hi = max(start, placed.start), min(end, placed.end)
            if lo < hi:
                boxes.append(_sub_box(placed, lo - placed.start, hi - placed.start))
        return boxes


def padded(box: Box, width: float, height: float) -> Box:
    """``box`` grown to the glyph edges (a margin in proportion to its line's height), inside
    the picture (``width`` × ``height``)."""
    x0, y0, x1, y1 = box
    line = y1 - y0
    return (max(0.0, x0 - MARGIN_X * line), max(0.0, y0 - MARGIN_Y * line),
            min(float(width), x1 + MARGIN_X * line), min(float(height), y1 + MARGIN_Y * line))


def _vertical_overlap(a: Box, b: Box) -> float:
    shared = min(a[3], b[3]) - max(a[1], b[1])
    shorter = min(a[3] - a[1], b[3] - b[1]) or 1.0
    return shared / shorter


def _rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda l: (l.box[1] + l.box[3]) / 2):
        row = rows[-1] if rows else None
        if row and all(_vertical_overlap(line.box, other.box) >= SAME_ROW_OVERLAP for other in row):
            row.append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda l: l.box[0]) for row in rows]


def build(lines: list[OcrLine]) -> TextLayout:
    parts: list[str] = []
    placed: list[PlacedLine] = []
    pos = 0
    for r, row in enumerate(_rows(lines)):
        if r:
            parts.append(ROW_BREAK)
            pos += len(ROW_BREAK)
        for i, line in enumerate(row):
            if i:
                parts.append(ROW_GAP)
                pos += len(ROW_GAP)
            placed.append(PlacedLine(line, pos, pos + len(line.text)))
            parts.append(line.text)
            pos += len(line.text)
    return TextLayout("".join(parts), tuple(placed))


def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _sub_box(placed: PlacedLine, lo: int, hi: int) -> Box:
    widths = [char_width(ch) for ch in placed.line.text]
    total = sum(widths) or 1
    x0, y0, x1, y1 = placed.line.box
    scale = (x1 - x0) / total
    left = x0 + sum(widths[:lo]) * scale
    right = x0 + sum(widths[:hi]) * scale
    return (left, y0, right, y1)
