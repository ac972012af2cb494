"""Finds the user's own vault entries in a text.

Two ways: a detected finding whose match key equals an entry's key (phones, IDs, emails…), and,
for names and addresses, Aho-Corasick substring search over the folded, space-free page text.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import ahocorasick

from .storage.vault_repo import VaultEntry, VaultRepo
from .vault_guard import NEAR_MISS_LIMITS, NearMissBudget, shape, visible_prefix
from .vault_keys import kind_for_type, kinds, match_key, page_view

MIN_SUBSTRING_KEY = {"name": 2, "address": 4}


@dataclass(frozen=True)
class VaultHit:
    start: int          # code-point offsets into the scanned text
    end: int
    entry: VaultEntry

    def public(self) -> dict:
        e = self.entry
        return {"entry_id": e.id, "kind": e.kind, "masked": e.masked, "label": e.label}


class VaultIndex:
    """The vault's keys, rebuilt only when the vault changes."""

    def __init__(self, entries: list[VaultEntry]):
        self.by_key: dict[tuple[str, str], VaultEntry] = {(e.kind, e.match_key): e for e in entries}
        self.automaton = None
        substring_entries = [e for e in entries if kinds()[e.kind]["substring"]
                             and len(e.match_key) >= MIN_SUBSTRING_KEY.get(e.kind, 2)]
        if substring_entries:
            automaton = ahocorasick.Automaton()
            for e in substring_entries:
                automaton.add_word(e.match_key, e)
            automaton.make_automaton()
            self.automaton = automaton
        # Near misses (see ``vault_guard``): keys that share an entry's masked shape.
        self.shapes = {e.id: shape(e.kind, e.match_key) for e in entries}
        self.prefixes = {e.id: p for e in entries if kinds()[e.kind]["substring"]
                         and 2 <= len(p := visible_prefix(self.shapes[e.id])) < len(e.match_key)}
        self.entries = entries

    def substring_hits(self, text: str) -> list[VaultHit]:
        if self.automaton is None:
            return []
        view, origin = page_view(text)
        hits = []
        for last, entry in self.automaton.iter(view):
            first = last - len(entry.match_key) + 1
            hits.append(VaultHit(origin[first], origin[last] + 1, entry))
        return hits

    def finding_hit(self, pii_type: str, start: int, end: int, text: str) -> VaultHit | None:
        kind = kind_for_type(pii_type)
        if kind is None:
            return None
        entry = self.by_key.get((kind, match_key(kind, text)))
        return VaultHit(start, end, entry) if entry else None

    def near_misses(self, text: str, findings) -> dict[int, set[str]]:
        """Entry id → candidate keys in ``text`` that look like the entry under its mask but are not it."""
        out: dict[int, set[str]] = {}
        for f in findings:
            kind = kind_for_type(f.type)
            if kind is None or kinds()[kind]["substring"]:
                continue          # names show nothing to narrow; addresses are counted below
            key = match_key(kind, f.text)
            for e in self.entries:
                if e.kind == kind and key != e.match_key and shape(kind, key) == self.shapes[e.id]:
                    out.setdefault(e.id, set()).add(key)
        if self.prefixes:
            view, _ = page_view(text)
            for e in self.entries:
                prefix = self.prefixes.get(e.id)
                start = view.find(prefix) if prefix else -1
                while start >= 0:
                    candidate = view[start:start + len(e.match_key)]
                    if candidate != e.match_key:
                        out.setdefault(e.id, set()).add(candidate)
                    start = view.find(prefix, start + 1)
        return out


def _drop_overlaps(hits: list[VaultHit]) -> list[VaultHit]:
    """Longest hit wins where hits overlap (an address contains a name, a key appears twice…)."""
    kept: list[VaultHit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


class VaultMatcher:
    def __init__(self, repo: VaultRepo, budget: NearMissBudget | None = None):
        self.repo = repo
        self.budget = budget or NearMissBudget()
        self._lock = threading.Lock()
        self._version = None
        self._index = VaultIndex([])

    def index(self) -> VaultIndex:
        version = self.repo.version()
        with self._lock:
            if version != self._version:
                self._index = VaultIndex(self.repo.list())
                self._version = version
            return self._index

    def find(self, text: str, findings) -> list[VaultHit]:
        return self.find_many([(text, findings)])[0]

    def find_many(self, texts: list[tuple[str, list]]) -> list[list[VaultHit]]:
        """The hits in each (text, findings), one request's worth: near misses are counted over
        all of them before any hit is answered, and an entry over its budget answers none."""
        index = self.index()
        if not index.by_key:
            return [[] for _ in texts]
        found, misses = [], {}
        for text, findings in texts:
            hits = [h for f in findings if (h := index.finding_hit(f.type, f.start, f.end, f.text))]
            hits.extend(index.substring_hits(text))
            found.append(hits)
            for entry_id, keys in index.near_misses(text, findings).items():
                misses.setdefault(entry_id, set()).update(keys)
        hit_ids = {h.entry.id for hits in found for h in hits}
        kind_of = {e.id: e.kind for e in index.entries}
        blocked = {i for i in hit_ids | set(misses)
                   if not self.budget.allows(i, misses.get(i, set()), NEAR_MISS_LIMITS.get(kind_of.get(i)))}
        return [_drop_overlaps([h for h in hits if h.entry.id not in blocked]) for hits in found]
