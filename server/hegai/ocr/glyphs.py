"""A value's box grown to the edges of the glyphs it cuts through.

The box of a value inside a recognised line is cut by estimated character widths (``layout``),
so it can start or end inside a glyph: the leading "1" of a phone number half outside the blur.
Where the line has clear ink (Otsu's threshold over the line's band), each side moves outwards
until a column without ink, at most ``REACH`` line heights; then ``layout.padded`` adds a margin
for anti-aliased edges. Low-contrast pictures (no clear ink) get the margin only.
"""

from __future__ import annotations

import math

from .layout import Box

REACH = 0.6          # of the line height: a glyph is narrower than this past the estimated edge
MIN_CONTRAST = 40    # grey levels between ink and paper below which ink is not told apart


def _ink_columns(gray, lo: int, hi: int, top: int, bottom: int):
    """Per column of ``gray[top:bottom, lo:hi]``: whether it holds ink. Ink is the side of Otsu's
    threshold the paper is not on; the paper is what the line box's top and bottom rows show
    (the recogniser's box has a little paper above and below the glyphs)."""
    import cv2
    import numpy as np

    band = gray[top:bottom, lo:hi]
    if band.shape[0] < 3 or band.shape[1] == 0 or int(band.max()) - int(band.min()) < MIN_CONTRAST:
        return None
    threshold, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = float(np.median(np.concatenate([band[0], band[-1]])))
    ink = band <= threshold if paper > threshold else band > threshold
    return ink.any(axis=0)


def to_glyph_edges(gray, box: Box) -> Box:
    """``box`` (image pixels) with its left and right sides moved out to the glyph edges;
    ``gray`` is the picture as a 2-D uint8 array."""
    x0, y0, x1, y1 = box
    height, width = gray.shape[:2]
    reach = REACH * (y1 - y0)
    lo, hi = max(0, int(x0 - reach)), min(width, math.ceil(x1 + reach))
    top, bottom = max(0, int(y0)), min(height, math.ceil(y1))
    cols = _ink_columns(gray, lo, hi, top, bottom)
    if cols is None:
        return box
    left = min(max(int(x0) - lo, 0), len(cols))
    while left > 0 and cols[left - 1]:
        left -= 1
    right = min(max(math.ceil(x1) - lo, 0), len(cols))
    while right < len(cols) and cols[right]:
        right += 1
    return (float(min(x0, lo + left)), y0, float(max(x1, lo + right)), y1)
