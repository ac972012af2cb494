"""Where an accepted address starts: the left edge of a chain, then the divisions before it.

Not a recognizer itself (no ``RECOGNIZER``); ``address`` calls :func:`chain_start` once per
chain. The right edge is ``_address_tail``'s job.
"""

from __future__ import annotations

from . import _divisions
from ._address_clauses import SEPARATORS, suffix_kinds

_COUNTRY = "中国"
# GB/T 2260's "city districts", as address forms export it (上海市-市辖区-浦东新区).
_PLACEHOLDER = "市辖区"


def chain_start(parts, starts_at, ends_at, text: str) -> tuple[int, list]:
    """(start, the division matches taken in before the chain)."""
    start, prefix = _extend_left(_trim_left(parts, starts_at, text), ends_at, text)
    return _country_before(start, starts_at, text), prefix


def _trim_left(parts: list, starts_at, text: str) -> int:
    """A chain can start with words before the place ("昨天杭州文三路…" → 杭州文三路…):
    cut the first part back to a province or prefecture name inside it."""
    first = parts[0]
    if first.kind in ("div", "strong", "weak"):
        return first.start
    for pos in range(first.start + 1, first.end - 1):
        d = starts_at.get(pos)
        if d and d.end < first.end and d.division.level != _divisions.COUNTY:
            if pos == first.start + 1 and text[d.end:first.end] in suffix_kinds():
                return first.start   # one character + a place + a suffix: 府山西路, 艮山东路
            return pos
    return first.start


def _extend_left(start: int, ends_at, text: str) -> tuple[int, list]:
    """Take in division names right before the chain (浙江 杭州 西湖区 …), separators allowed."""
    prefix = []
    while True:
        d = ends_at.get(start)
        if d is None and start > 0 and text[start - 1] in SEPARATORS:
            d = ends_at.get(start - 1)
        if d is None:
            placeholder = _placeholder_before(start, ends_at, text)
            if placeholder is None:
                return start, prefix
            d = placeholder
        prefix.append(d)
        start = d.start


def _country_before(start: int, starts_at, text: str) -> int:
    """中国 right before a province (中国浙江省…) belongs to the address."""
    d = starts_at.get(start)
    if d is not None and d.division.level == _divisions.PROVINCE:
        gap = 1 if start > 0 and text[start - 1] in SEPARATORS else 0
        if text[max(0, start - gap - len(_COUNTRY)):start - gap] == _COUNTRY:
            return start - gap - len(_COUNTRY)
    return start


def _placeholder_before(start: int, ends_at, text: str):
    """The division before a 市辖区 placeholder that sits right before ``start``, if any."""
    end = start - 1 if start > 0 and text[start - 1] in SEPARATORS else start
    if text[max(0, end - len(_PLACEHOLDER)):end] != _PLACEHOLDER:
        return None
    end -= len(_PLACEHOLDER)
    d = ends_at.get(end) or (ends_at.get(end - 1) if end > 0 and text[end - 1] in SEPARATORS else None)
    return d
