"""The 开盒 lexicon: data files → one Aho-Corasick automaton, built once (lazy singleton).

Every entry has a category and a weight (see data/README.md). Each term is added with its
listed variants (homophones, traditional forms) and, for the risk categories, generated
pinyin spellings (kaihe, 开he, k盒, 社gong库) so a single pass over the folded text finds them.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick

from .textfold import Folded, fold

RISK_CATEGORIES = ("EXPOSURE", "INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT")
# Categories whose terms get pinyin spellings: these are the ones people disguise.
EVADED_CATEGORIES = {"INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT", "TOPIC"}
# A term found inside a longer term of one of these categories is not counted on its own.
SHADOWING_CATEGORIES = {"BENIGN", "TOPIC"}
MAX_PINYIN_EXPANDED_LEN = 4
WORD_CLASS_PREFIX = "W_"


@dataclass(frozen=True)
class Entry:
    term: str          # the canonical form shown to users
    category: str
    weight: float
    # A rallying word that says nothing of 开盒 without someone to rally at (flag ``rally``).
    rally: bool = field(default=False, compare=False)
    # Other flags of the data line (``personal``, ``place``… for word classes; see README).
    flags: frozenset = field(default=frozenset(), compare=False)
    # What a term counts as in the sums when it is not the term itself: a composed pattern's
    # term is the page's own words (谁有…他妈…电话); its key names the classes' canonical words,
    # so one pattern counts once however it is worded (patterns.py).
    key: str = field(default="", compare=False)
    # CUE_*/CTX_* entries describe the context (who, what kind of post), not a risk term; W_*
    # entries are word classes (WHO, WHAT, ASK…) that mean something only in a pattern
    # (patterns.py). Neither is quoted nor listed as a term on its own.
    context: bool = field(init=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "context", self.category.startswith(("CUE_", "CTX_", WORD_CLASS_PREFIX)))


class Hit(NamedTuple):
    """A named tuple, not a dataclass: a long page has tens of thousands of hits (bench_risk)."""

    entry: Entry
    start: int         # original-text offsets
    end: int
    folded_start: int
    folded_end: int


@lru_cache(maxsize=1)
def pinyin_table() -> dict[str, tuple[str, ...]]:
    data = resources.files("hegai.risk").joinpath("data/pinyin.tsv").read_text(encoding="utf-8")
    table = {}
    for line in data.splitlines():
        if line and not line.startswith("#"):
            char, readings = line.split("\t")
            table[char] = tuple(readings.split(","))
    return table


def pinyin_spellings(term: str) -> set[str]:
    """Mixed hanzi/pinyin spellings of a short term: kaihe, 开he, k盒 (not the term itself).

    All-latin spellings must use full syllables (kh would match too much); a lone initial
    letter may not end a spelling (开h), since the next letter could be any word.
    """
    table = pinyin_table()
    if not (1 < len(term) <= MAX_PINYIN_EXPANDED_LEN) or any(c not in table for c in term):
        return set()
    choices = []
    for char in term:
        readings = table[char]
        options = [(char, "hanzi")] + [(r, "full") for r in readings]
        options += [(r[0], "initial") for r in sorted({r[0] for r in readings})]
        choices.append(options)
    spellings = set()
    for combo in itertools.product(*choices):
        kinds = [kind for _, kind in combo]
        if all(k == "hanzi" for k in kinds) or kinds[-1] == "initial":
            continue
        if "hanzi" not in kinds and "initial" in kinds:
            continue
        spellings.add("".join(part for part, _ in combo))
    return spellings


def _data_files():
    return sorted(
        (f for f in resources.files("hegai.risk").joinpath("data/lexicon").iterdir() if f.name.endswith(".tsv")),
        key=lambda f: f.name)


def parse_line(line: str) -> tuple[Entry, list[str], set[str]] | None:
    """``term<TAB>category<TAB>weight[<TAB>variant|variant…[<TAB>flag,flag…]]``."""
    if not line.strip() or line.startswith("#"):
        return None
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 3:
        raise ValueError(f"lexicon line needs term, category and weight: {line!r}")
    term, category, weight = cols[0].strip(), cols[1].strip(), float(cols[2])
    variants = [v.strip() for v in cols[3].split("|")] if len(cols) > 3 and cols[3].strip() else []
    flags = {f.strip() for f in cols[4].split(",")} if len(cols) > 4 else set()
    return Entry(term, category, weight, rally="rally" in flags, flags=frozenset(flags)), variants, flags


def load_entries() -> list[tuple[Entry, list[str], set[str]]]:
    rows = []
    for data_file in _data_files():
        for line in data_file.read_text(encoding="utf-8").splitlines():
            row = parse_line(line)
            if row:
                rows.append(row)
    return rows


class Lexicon:
    def __init__(self, rows: list[tuple[Entry, list[str], set[str]]]):
        self.automaton = ahocorasick.Automaton()
        # form → category → entry: one form may be a risk term and a word class at once
        # (开盒 is TOPIC and a W_SERVICE; 电话 a W_WHAT only).
        forms: dict[str, dict[str, tuple[Entry, bool]]] = {}
        for entry, variants, flags in rows:
            surface = [entry.term, *variants]
            for form in surface:
                self._add(forms, fold(form).text, entry)
            if entry.category in EVADED_CATEGORIES and "nopinyin" not in flags:
                for form in surface:
                    for spelling in pinyin_spellings(fold(form).text):
                        self._add(forms, spelling, entry, generated=True)
        for form, by_category in forms.items():
            latin_edge = _is_latin(form[0]) or _is_latin(form[-1])
            entries = tuple(entry for entry, _ in by_category.values())
            self.automaton.add_word(form, (len(form), entries, latin_edge))
        self.automaton.make_automaton()
        self.size = len(forms)

    @staticmethod
    def _add(forms: dict, form: str, entry: Entry, generated: bool = False) -> None:
        # A form listed by hand wins over a generated spelling of another term (of any category);
        # two hand-listed forms of different categories both stand.
        if not form:
            return
        by_category = forms.setdefault(form, {})
        if generated:
            if by_category:
                return
        else:
            for category, (_, was_generated) in list(by_category.items()):
                if was_generated:
                    del by_category[category]
        by_category[entry.category] = (entry, generated)

    def find(self, folded: Folded) -> list[Hit]:
        """All hits in one automaton pass, minus those shadowed by a longer term (see above)."""
        raw = []
        origin = folded.origin
        for last, (length, entries, latin_edge) in self.automaton.iter(folded.text):
            start = last + 1 - length
            if latin_edge and not _latin_edge_ok(folded, start, last + 1):
                continue
            begin, end = origin(start), origin(last) + 1
            for entry in entries:
                raw.append(Hit(entry, begin, end, start, last + 1))
        return _drop_shadowed(raw)


def _is_latin(ch: str) -> bool:
    return "a" <= ch <= "z"


def _latin_edge_ok(folded: Folded, start: int, end: int) -> bool:
    """A term starting/ending in a latin letter must not continue a latin word (sgk in xsgkx)."""
    text = folded.text
    if _is_latin(text[start]) and start > 0 and _is_latin(text[start - 1]) \
            and folded.origin(start) - folded.origin(start - 1) == 1:
        return False
    if _is_latin(text[end - 1]) and end < len(text) and _is_latin(text[end]) \
            and folded.origin(end) - folded.origin(end - 1) == 1:
        return False
    return True


def _drop_shadowed(hits: list[Hit]) -> list[Hit]:
    """Drops BENIGN hits and hits inside a longer one (same category, or BENIGN/TOPIC), keeping
    text order. Only hits that overlap another can be shadowed; most overlap none, so the
    containment test runs only inside groups of overlapping hits, and stays linear there
    (see _shadowed_in)."""
    if all(a.folded_end <= b.folded_start for a, b in zip(hits, hits[1:])):   # no overlaps at all
        return [h for h in hits if h.entry.category != "BENIGN"]
    shadowed: set[int] = set()
    group: list[int] = []
    group_end = -1
    for i in sorted(range(len(hits)), key=lambda i: hits[i].folded_start):
        if hits[i].folded_start >= group_end:
            if len(group) > 1:
                shadowed.update(_shadowed_in(hits, group))
            group, group_end = [i], hits[i].folded_end
        else:
            group.append(i)
            group_end = max(group_end, hits[i].folded_end)
    if len(group) > 1:
        shadowed.update(_shadowed_in(hits, group))
    return [h for i, h in enumerate(hits) if h.entry.category != "BENIGN" and i not in shadowed]


def _shadowed_in(hits: list[Hit], group: list[int]) -> list[int]:
    """Linear: only hits starting at most one term-length earlier can contain a hit."""
    by_start: dict[int, list[Hit]] = {}
    for i in group:
        by_start.setdefault(hits[i].folded_start, []).append(hits[i])
    longest = max(hits[i].folded_end - hits[i].folded_start for i in group)
    return [i for i in group if _is_shadowed(hits[i], by_start, longest)]


def _is_shadowed(hit: Hit, by_start: dict[int, list[Hit]], longest: int) -> bool:
    length = hit.folded_end - hit.folded_start
    for start in range(max(0, hit.folded_end - longest), hit.folded_start + 1):
        for other in by_start.get(start, ()):
            if (other.folded_end >= hit.folded_end and other.folded_end - other.folded_start > length
                    and (other.entry.category == hit.entry.category
                         or other.entry.category in SHADOWING_CATEGORIES)):
                return True
    return False


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = Lexicon(load_entries())
    return _lexicon
