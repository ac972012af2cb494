"""Normalised views of a text with a map back to original offsets (owned by the detect work)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Normalized:
    text: str
    starts: list[int]   # starts[i] = original offset of normalised char i
    ends: list[int]     # ends[i] = original end offset of normalised char i

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> Normalized:
    # Full-width ASCII (U+FF01..U+FF5E) and the ideographic space map one-to-one.
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        elif o == 0x3000:
            ch = " "
        out.append(ch)
    n = len(text)
    return Normalized("".join(out), list(range(n)), list(range(1, n + 1)))
