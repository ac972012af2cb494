"""One shared trigger pass per document: where each recognizer's cue words and anchors occur.

A recognizer may declare ``triggers``: ``{kind: words}``, literal words of which every match it
can make holds at least one (a cue word before a value, an "@", a school suffix…). ASCII letters
in a trigger match case-insensitively, like the recognizers' ``regex.IGNORECASE`` patterns
(including the two non-ASCII simple case folds, K for k and ſ for s).

The registry compiles the words of every recognizer into ONE Aho-Corasick automaton
(:mod:`hegai.detect.automata`: ahocorasick-rs, else pyahocorasick; a single native scan); ``Document.hits(name, kind)`` gives each recognizer the
(start, end) of its words, overlapping ones included. A recognizer none of whose triggers occur
is not run at all, and the others try their patterns only at or around their hits.

Why: each recognizer scanning the whole text with its own ``regex`` cost 10–25 ms per MB of the
bench corpus (bench/bench_scan.py), ~0.15 s for the cue-based ones together; this pass costs
one scan plus a few hundred nanoseconds per hit.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Iterable, Mapping

from .automata import Automaton

# Characters that ``regex.IGNORECASE`` (simple case folding) equates with an ASCII letter.
_EXTRA_FOLDS = {"k": "\u212a", "s": "\u017f"}
Hits = dict[tuple[str, str], list[tuple[int, int]]]


def case_variants(word: str) -> Iterable[str]:
    """Every spelling of ``word`` that a case-insensitive pattern matches."""
    options = []
    for ch in word:
        if ch.isascii() and ch.isalpha():
            low = ch.lower()
            options.append({low, ch.upper()} | ({_EXTRA_FOLDS[low]} if low in _EXTRA_FOLDS else set()))
        else:
            options.append({ch})
    return ("".join(chars) for chars in itertools.product(*options))


class TriggerIndex:
    """The automaton of every declared trigger word, mapped back to (recognizer, kind)."""

    def __init__(self, recognizers):
        owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for rec in recognizers:
            for kind, words in getattr(rec, "triggers", {}).items():
                for word in words:
                    for spelling in case_variants(word):
                        owners[spelling].add((rec.name, kind))
        self.automaton = Automaton(((spelling, tuple(sorted(keys))) for spelling, keys in owners.items()),
                                   overlapping=True)
        self.empty = self.automaton.empty

    def find(self, text: str) -> Hits:
        hits: Hits = defaultdict(list)
        for start, end, keys in self.automaton.find(text):
            span = (start, end)
            for key in keys:
                hits[key].append(span)
        for spans in hits.values():
            spans.sort()          # hits come by end position; users want them by start
        return hits


_OWN: dict[str, TriggerIndex] = {}


def own_index(rec) -> TriggerIndex:
    """The index of one recognizer's triggers alone (built once per recognizer)."""
    if rec.name not in _OWN:
        _OWN[rec.name] = TriggerIndex([rec])
    return _OWN[rec.name]


def declared(rec) -> Mapping[str, Iterable[str]]:
    return getattr(rec, "triggers", {})
