"""Chinese administrative divisions (GB/T 2260) as one Aho-Corasick automaton, built once
(:mod:`hegai.detect.automata`).

Names come from python-stdnum's ``cn/loc.dat`` (provinces, prefectures, counties, including
retired ones) plus ``data/address/extra_divisions.txt``; short forms (浙江 for 浙江省, 朝阳 for
朝阳区) are derived by stripping the suffixes in ``data/address/division_suffixes.txt``.
A full name is an anchor on its own; a short form only counts next to other address parts,
which the address recognizer decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..automata import Automaton
from ._lexicon import pairs, words

# Level of a division in the GB/T 2260 code: XX0000 province, XXXX00 prefecture, else county.
PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"
_LOC_LINE = re.compile(r'^\s*(\d{2}|\d{4})\s+(?:province|county)="([^"]+)"')
_PERIOD = re.compile(r"^\[[^\]]*\]")  # "[1983-1992]" validity period before a name


@dataclass(frozen=True)
class Division:
    name: str
    level: str
    short: bool  # a short form (浙江, 朝阳) rather than the full name (浙江省, 朝阳区)


@dataclass(frozen=True)
class DivisionMatch:
    start: int
    end: int
    division: Division


def _stdnum_names() -> list[tuple[str, str, bool]]:
    """(level, name, current) for every entry of stdnum's GB/T 2260 table, retired names included."""
    text = resources.files("stdnum").joinpath("cn", "loc.dat").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        m = _LOC_LINE.match(line)
        if not m:
            continue
        code, names = m.groups()
        level = PROVINCE if len(code) == 2 or code == "0000" else (PREFECTURE if code.endswith("00") else COUNTY)
        for name in names.split(","):  # renamed divisions list every name they had
            period = _PERIOD.match(name.strip())
            current = period is None or period.group().endswith("-]")   # "[1985-]": still in force
            found.append((level, _PERIOD.sub("", name.strip()), current))
    return found


_RANK = {COUNTY: 0, PREFECTURE: 1, PROVINCE: 2}


def _preferred(names) -> dict[str, str]:
    """name → level. One name can have had several levels (金华市 was a county-level city until
    1985, a prefecture since): the one in force wins, then the higher level."""
    best: dict[str, tuple[bool, int, str]] = {}
    for level, name, current in names:
        key = (current, _RANK[level], level)
        if name not in best or key > best[name]:
            best[name] = key
    return {name: key[2] for name, key in best.items()}


def short_form(name: str) -> str | None:
    """浙江省 → 浙江, 恩施土家族苗族自治州 → 恩施, 朝阳区 → 朝阳; None when too short."""
    for suffix in words("address/division_suffixes.txt"):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            changed = True
            while changed:  # strip trailing nationality names: 恩施土家族苗族 → 恩施
                changed = False
                for group in words("address/ethnic_groups.txt"):
                    if stem.endswith(group) and len(stem) > len(group):
                        stem, changed = stem[: -len(group)], True
            return stem if len(stem) >= 2 else None
    return None


def full_names() -> list[str]:
    """Every full division name (GB/T 2260 and ours), in simplified script."""
    return [name for _, name, _ in _stdnum_names()] + [name for _, name in pairs("address/extra_divisions.txt")]


@lru_cache(maxsize=1)
def automaton() -> Automaton[Division]:
    skip = set(words("address/division_skip.txt"))
    entries: dict[str, Division] = {}
    levels = _preferred(_stdnum_names())
    levels.update((name, kind) for kind, name in pairs("address/extra_divisions.txt"))   # ours win
    for name, level in levels.items():
        if name in skip or len(name) < 2:
            continue
        entries[name] = Division(name, level, short=False)
    for full in list(entries.values()):
        short = short_form(full.name)
        if short and short not in entries and short not in skip:
            entries[short] = Division(short, full.level, short=True)
    return Automaton(entries.items())


def find(text: str, start: int = 0, end: int | None = None) -> list[DivisionMatch]:
    """Leftmost-longest, non-overlapping division names in ``text[start:end]`` (linear in its
    length), with offsets into ``text``."""
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return []     # pyahocorasick raises IndexError on an empty range ("" included)
    # On a slice: pyahocorasick's start/end arguments copy the whole string on every call, so a
    # page with thousands of clauses went quadratic (1 MB of address lines: 18 s).
    return [DivisionMatch(start + s, start + e, division)
            for s, e, division in automaton().find(text[start:end])]
