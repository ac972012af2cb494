"""Small text helpers shared by the API and the extension-facing code."""

from __future__ import annotations


def utf16_offsets(text: str) -> list[int]:
    """Map each code-point offset 0..len(text) to its UTF-16 code-unit offset.

    JavaScript strings index by UTF-16 units; an emoji outside the BMP is one code point
    but two units, so every offset after it shifts by one.
    """
    table = [0] * (len(text) + 1)
    units = 0
    for i, ch in enumerate(text):
        table[i] = units
        units += 2 if ord(ch) > 0xFFFF else 1
    table[len(text)] = units
    return table


def codepoint_offsets_from_utf16(text: str) -> dict[int, int]:
    """Inverse of :func:`utf16_offsets` for offsets that fall on code-point boundaries."""
    return {u: i for i, u in enumerate(utf16_offsets(text))}
