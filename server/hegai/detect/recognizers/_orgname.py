"""Shared checks for organisation names found after a cue (WORKPLACE, SCHOOL).

Not a recognizer itself (no ``RECOGNIZER``).
"""

from __future__ import annotations

from functools import lru_cache

from . import _divisions
from ._lexicon import words


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(words("org/generic_places.txt") + words("org/not_org_words.txt"))


def is_named_organisation(value: str) -> bool:
    """False for kinds of place (公司, 一家医院), adverbs (努力), bare place names (北京) and
    names withheld (南宁某物流公司)."""
    if len(value) < 2 or value in _generic() or "某" in value:
        return False
    if any(value.startswith(p) for p in words("org/generic_prefixes.txt")):
        return False
    return not _is_only_divisions(value)


def _is_only_divisions(value: str) -> bool:
    covered = sum(m.end - m.start for m in _divisions.find(value))
    return covered == len(value)


def cut_after_last_suffix(value: str, suffixes) -> tuple[str, bool]:
    """Cut ``value`` after the last organisation suffix in it; (value, found_suffix)."""
    best = -1
    for suffix in suffixes:
        pos = value.rfind(suffix)
        if pos >= 0:
            best = max(best, pos + len(suffix))
    return (value[:best], True) if best > 0 else (value, False)


def trim_to_division(value: str) -> int:
    """Offset of the first province or prefecture name inside ``value`` (words before a
    school's own name: 妹妹杭州第二中学 → 杭州第二中学), or 0."""
    for m in _divisions.find(value):
        if m.division.level != _divisions.COUNTY or not m.division.short:
            return m.start
    return 0
