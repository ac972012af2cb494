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


def is_named_organisation(value: str, described: bool = False) -> bool:
    """False for kinds of place (公司, 一家医院), adverbs (努力), bare place names (北京) and
    names withheld (南宁某物流公司)."""
    if len(value) < 2 or value in _generic() or "某" in value:
        return False
    if any(value.startswith(p) for p in words("org/generic_prefixes.txt")):
        return False
    if not described and _a_kind_of_firm(value):
        return False          # (described: a place said before it makes it one — 城西那家装修公司)
    return not _is_only_divisions(value)


_FIRM_KINDS = ("公司", "机构", "工作室", "事务所")


def _a_kind_of_firm(value: str) -> bool:
    """货运公司, 培训机构: a trade and a kind of firm, nothing else (``org/trades.txt``)."""
    kind = next((k for k in _FIRM_KINDS if value.endswith(k)), None)
    return kind is not None and value[:-len(kind)] in _trades()


@lru_cache(maxsize=1)
def _trades() -> frozenset:
    return frozenset(words("org/trades.txt"))


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
