"""The result of :func:`hegai.risk.assess`."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("none", "low", "medium", "high", "critical")
CATEGORIES = ("EXPOSURE", "INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT")


@dataclass
class Assessment:
    """``level`` none…critical, ``score`` 0..1, ``categories`` (SPEC names), ``reasons`` in
    Chinese, ``findings`` the PII findings used, ``terms`` the lexicon terms that matched
    (canonical form, category, original offsets)."""

    level: str
    score: float
    categories: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    findings: list = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "level": self.level,
            "score": round(self.score, 3),
            "categories": list(self.categories),
            "reasons": list(self.reasons),
            "findings": [f.to_dict() for f in self.findings],
            "terms": [dict(t) for t in self.terms],
        }


# The level guide: "an ID or passport number, whoever posts it" is high — the poster's own too
# (a form checked in public, a booking for a friend): the number alone opens every other box.
ID_NUMBER_TYPES = frozenset({"ID_CARD", "PASSPORT"})


def level_for_score(score: float, thresholds: dict[str, float]) -> str:
    level = "none"
    for name in LEVELS[1:]:
        if score >= thresholds[name]:
            level = name
    return level
