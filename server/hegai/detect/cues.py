"""Cue words (data/detect/cues.json) and small data tables shared by recognizers."""

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


@lru_cache(maxsize=None)
def cue_words(kind: str) -> tuple[str, ...]:
    words = json.loads(data_text("cues.json"))[kind]
    return tuple(sorted(words, key=len, reverse=True))


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
