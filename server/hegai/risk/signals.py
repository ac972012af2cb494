"""Text signals for the risk engine: one fold, one automaton pass, price patterns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .lexicon import Hit, get_lexicon
from .prices import amount_follows, find_prices
from .textfold import fold


@dataclass
class Signals:
    hits: list[Hit]
    sums: dict[str, float] = field(default_factory=dict)     # category → summed weight
    rallying: dict[str, float] = field(default_factory=dict)  # category → the part of it from rally words
    priced: bool = False

    def total(self, category: str) -> float:
        return self.sums.get(category, 0.0)


def read_signals(text: str, price_weight: float, price_needs: float) -> Signals:
    folded = fold(text)
    hits = get_lexicon().find(folded)
    signals = Signals(hits)
    _sum_distinct_terms(signals, folded.text)
    if signals.total("TRADE") >= price_needs and _has_price(folded.text, hits):
        signals.priced = True
        signals.sums["TRADE"] += price_weight
    return signals


def _sum_distinct_terms(signals: Signals, folded_text: str) -> None:
    """Each risk term counts once, whatever its spelling: repeating 开盒 ten times is not ten
    signals. Context cues count once per distinct word (记者 and 报道 are two cues)."""
    seen: dict[str, dict[str, float]] = defaultdict(dict)
    rallying: dict[str, dict[str, float]] = defaultdict(dict)
    for entry, _, _, folded_start, folded_end in signals.hits:
        category = entry.category
        key = folded_text[folded_start:folded_end] if entry.context else entry.term
        seen[category][key] = entry.weight
        if entry.rally:
            rallying[category][key] = entry.weight
    for category, weights in seen.items():
        signals.sums[category] = sum(weights.values())
    for category, weights in rallying.items():
        signals.rallying[category] = sum(weights.values())


def _has_price(folded_text: str, hits: list[Hit]) -> bool:
    if find_prices(folded_text):
        return True
    return any(h.entry.category == "TRADE" and amount_follows(folded_text, h.folded_end) for h in hits)
