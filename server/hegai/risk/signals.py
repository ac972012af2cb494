"""Text signals for the risk engine: one fold, one automaton pass, price patterns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from bisect import bisect_right

from .lexicon import WORD_CLASS_PREFIX, Hit, get_lexicon
from .patterns import compose, config as pattern_config, words
from .prices import amount_follows, find_prices
from .textfold import fold


@dataclass
class Signals:
    hits: list[Hit]
    sums: dict[str, float] = field(default_factory=dict)     # category → summed weight
    rallying: dict[str, float] = field(default_factory=dict)  # category → the part of it from rally words
    priced: bool = False
    calls: bool = False      # a crowd or an act word (大家, 一起, 打电话, 投诉…): someone is called to do something

    def total(self, category: str) -> float:
        return self.sums.get(category, 0.0)


_CALLING_CLASSES = frozenset({"W_ACT", "W_CROWD", "INCITEMENT"})


def read_signals(text: str, price_weight: float, price_needs: float, names: list[tuple[int, int]] = ()) -> Signals:
    """The lexicon's signals in ``text``; ``names``: the spans of the names, workplaces and schools
    found in it, whose characters say nothing of 开盒 (求是中学 asks nobody for anything)."""
    folded = fold(text)
    found = get_lexicon().find(folded)
    if names:
        found = _outside(found, names)
    hits = _with_patterns(text, found)
    signals = Signals(hits, calls=any(h.entry.category in _CALLING_CLASSES for h in found))
    _sum_distinct_terms(signals, folded.text)
    if signals.total("TRADE") >= price_needs and _has_price(folded.text, hits):
        signals.priced = True
        signals.sums["TRADE"] += price_weight
    return signals


def _outside(hits: list[Hit], names) -> list[Hit]:
    """The hits not inside one of the ``names`` spans. The spans do not nest (findings are
    resolved): the one starting last at or before a hit is the only one that can hold it — a
    bisect, not a walk over every name for every hit (a page has thousands of both)."""
    spans = sorted(names)
    starts = [a for a, _ in spans]
    out = []
    for hit in hits:
        k = bisect_right(starts, hit.start) - 1
        if k >= 0 and hit.end <= spans[k][1]:
            continue
        out.append(hit)
    return out


def _sum_distinct_terms(signals: Signals, folded_text: str) -> None:
    """Each risk term counts once, whatever its spelling: repeating 开盒 ten times is not ten
    signals. Context cues count once per distinct word (记者 and 报道 are two cues)."""
    seen: dict[str, dict[str, float]] = defaultdict(dict)
    rallying: dict[str, dict[str, float]] = defaultdict(dict)
    insults: dict[str, float] = {}
    for entry, _, _, folded_start, folded_end in signals.hits:
        category = entry.category
        key = folded_text[folded_start:folded_end] if entry.context else (entry.key or entry.term)
        if "insult" in entry.flags:
            insults[key] = max(insults.get(key, 0.0), entry.weight)
            continue
        seen[category][key] = max(seen[category].get(key, 0.0), entry.weight)
        if entry.rally:
            rallying[category][key] = entry.weight
    for category, weights in seen.items():
        signals.sums[category] = sum(weights.values())
    if insults:
        # Insults make ABUSE only next to another 开盒 signal: their share stays under the bar
        # where ABUSE stands alone (a flame war full of 傻逼 is not a threat).
        share = min(sum(insults.values()), pattern_config()["insult"]["insult_cap"])
        signals.sums["ABUSE"] = signals.sums.get("ABUSE", 0.0) + share
    for category, weights in rallying.items():
        signals.rallying[category] = sum(weights.values())


# How many words of a pattern a risk term must share with it to be the same reading. One for
# most: 求扒皮 and the pattern 求…主播…真实身份 are one ask. Two for TRADE: 查档 names the
# service, 接单…查档 the offer of it — both count (and a price after 查档 still reads).
_SPANNED_PARTS = {"TRADE": 2}


def _with_patterns(text: str, found: list[Hit]) -> list[Hit]:
    """The lexicon's hits with the word-class hits replaced by what they compose into
    (patterns.py). A risk term that spans two words of a pattern of its own category is the
    same reading (谁有他电话 the term, 谁有…他…电话 the pattern): only the heavier counts."""
    composed = compose(text, found)
    kept = [h for h in found if not h.entry.category.startswith(WORD_CLASS_PREFIX)]
    if not composed:
        return kept
    composed.sort(key=lambda c: c.hit.folded_start)
    starts = [c.hit.folded_start for c in composed]
    longest = max(c.hit.folded_end - c.hit.folded_start for c in composed)
    dropped: set[int] = set()
    merged: dict[int, list[tuple[int, int]]] = {}   # composed index → risk terms it stands for
    out = []
    for hit in kept:
        covered = False
        if not hit.entry.context:
            # Only composed hits starting at most one pattern-length earlier can overlap it.
            lo = bisect_right(starts, hit.folded_start - longest - 1)
            hi = bisect_right(starts, hit.folded_end - 1)
            for i in range(lo, hi):
                c = composed[i]
                if c.hit.entry.category != hit.entry.category:
                    continue
                spanned = sum(1 for a, b in c.parts if a < hit.folded_end and hit.folded_start < b)
                if spanned >= _SPANNED_PARTS.get(hit.entry.category, 1):
                    if hit.entry.weight <= c.hit.entry.weight:
                        covered = True
                        merged.setdefault(i, []).append((hit.start, hit.end))
                    else:
                        dropped.add(i)
        if not covered:
            out.append(hit)
    for i, c in enumerate(composed):
        if i in dropped:
            continue
        if i in merged:   # quote the term's words too: 都去打电话骂他, not 都去打电话…他
            spans = [*c.spans, *merged[i]]
            c = c._replace(hit=c.hit._replace(
                entry=replace(c.hit.entry, term=words(text, spans)),
                start=min(a for a, _ in spans), end=max(b for _, b in spans)))
        out.append(c.hit)
    return sorted(out, key=lambda h: (h.start, h.end))


def _has_price(folded_text: str, hits: list[Hit]) -> bool:
    if find_prices(folded_text):
        return True
    return any(h.entry.category == "TRADE" and amount_follows(folded_text, h.folded_end) for h in hits)
