"""Cue words (data/detect/cues.json) and small data tables shared by recognizers.

Cue words are written once, in simplified script; :func:`variants` adds their traditional forms
(Taiwan, Hong Kong) with OpenCC, so 電話, 手機號, QQ號, 訂單號 are cues as a class instead of a hand
list that misses some. The normalised text keeps the script it was written in.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import regex


def data_text(name: str) -> str:
    return resources.files("hegai").joinpath("data", "detect", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def data_table(name: str) -> dict[str, str]:
    """A two-column TSV data file (comments start with #) as {key: value}."""
    table = {}
    for line in data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("\t")
            table[key.strip()] = value.strip()
    return table


# OpenCC configurations: character-level traditional, Hong Kong forms (衞), and Taiwan phrasing
# (联系方式 → 聯絡方式, 微信号 → 微訊號).
_OPENCC_CONFIGS = ("s2t", "s2hk", "s2twp")


@lru_cache(maxsize=1)
def _converters():
    import opencc   # loaded once, on the first cue table (≈0.1 s)

    return [opencc.OpenCC(config) for config in _OPENCC_CONFIGS]


def variants(words) -> tuple[str, ...]:
    """``words`` and their traditional forms, deduplicated, longest first (for alternations)."""
    found = set(words)
    for converter in _converters():
        found.update(converter.convert(word) for word in words)
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def cue_words(kind: str) -> tuple[str, ...]:
    return variants(json.loads(data_text("cues.json"))[kind])


@lru_cache(maxsize=None)
def cue_pattern(kind: str) -> regex.Pattern:
    """Alternation of the cue words of ``kind``, longest first, case-insensitive."""
    return regex.compile("|".join(regex.escape(w) for w in cue_words(kind)), regex.IGNORECASE)


def last_cue(text: str, kind: str) -> str | None:
    """The last cue word of ``kind`` in ``text`` (a short window before a value), or None."""
    found = None
    for m in cue_pattern(kind).finditer(text):
        found = m.group()
    return found
