"""Scan collected page text and decide what counts as exposed: allow-lists, ignored types, levels.

Shared by the pytest plugin and ``hegai audit``. Nothing here keeps or returns a raw value:
an :class:`Exposure` carries the masked form and a masked excerpt only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Iterable, Pattern, Union

from hegai.detect.masking import redact

from .page_text import PageText

LEVELS = ("none", "low", "medium", "high", "critical")
AllowEntry = Union[str, Pattern[str]]

_COUNTRY_PREFIX = re.compile(r"^(?:\+?86|0086)(?=1\d{10}$)")
EXCERPT_RADIUS = 24


def level_rank(level: str) -> int:
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown risk level {level!r}; expected one of {', '.join(LEVELS)}") from None


def normalize_value(value: str) -> str:
    """Comparable form of a value: "400-800-1234", "400 800 1234" and "４００８００１２３４" agree.

    Letters and digits of every script are kept (an allowed address stays an address).
    """
    folded = unicodedata.normalize("NFKC", value).lower()
    compact = "".join(c for c in folded if c.isalnum() or c in "@._")
    return _COUNTRY_PREFIX.sub("", compact)


class AllowList:
    """Known public values (a business hotline, a press email) that may appear on a page.

    A string matches a finding whose value is the same once separators are ignored; a compiled
    pattern must match the whole value.
    """

    def __init__(self, entries: Iterable[AllowEntry] = ()):
        entries = list(entries)
        self.values = {normalize_value(e) for e in entries if isinstance(e, str) and normalize_value(e)}
        self.patterns = [e for e in entries if isinstance(e, re.Pattern)]

    def allows(self, value: str) -> bool:
        if normalize_value(value) in self.values:
            return True
        return any(p.fullmatch(value) or p.fullmatch(normalize_value(value)) for p in self.patterns)


@dataclass
class Exposure:
    """One finding on a page, in a form that is safe to print, log or publish."""

    type: str
    label: str
    masked: str
    score: float
    where: str | None
    excerpt: str
    reasons: list[str] = field(default_factory=list)
    # Indexes into the collector's element list (window.__hegaiElements), for marking.
    elements: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("elements")
        return d


@dataclass
class PageExposure:
    url: str
    title: str
    exposures: list[Exposure]
    allowed: list[Exposure]
    ignored: list[Exposure]
    level: str
    score: float
    categories: list[str]
    risk_reasons: list[str]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for e in self.exposures:
            counts[e.type] = counts.get(e.type, 0) + 1
        return counts

    def to_dict(self) -> dict:
        return {
            "url": self.url, "title": self.title, "level": self.level, "score": round(self.score, 3),
            "categories": self.categories, "risk_reasons": self.risk_reasons, "counts": self.counts(),
            "findings": [e.to_dict() for e in self.exposures],
            "allowed": [e.to_dict() for e in self.allowed],
            "ignored": [e.to_dict() for e in self.ignored],
        }


def masked_excerpt(text: str, findings, focus, radius: int = EXCERPT_RADIUS) -> str:
    """Text around ``focus`` with every finding in the window replaced by its masked form."""
    lo, hi = max(0, focus.start - radius), min(len(text), focus.end + radius)
    for f in findings:   # widen to whole findings: none is shown half-unmasked
        if f.start < lo < f.end:
            lo = f.start
        if f.start < hi < f.end:
            hi = f.end
    parts, cursor = [], lo
    for f in sorted(findings, key=lambda f: f.start):
        if f.end <= lo or f.start >= hi or f.start < cursor:
            continue
        parts += [text[cursor:f.start], f.masked]
        cursor = f.end
    parts.append(text[cursor:hi])
    excerpt = " ".join("".join(parts).split())
    return ("…" if lo > 0 else "") + excerpt + ("…" if hi < len(text) else "")


def _exposure(page: PageText, findings, f) -> Exposure:
    return Exposure(type=f.type, label=f.label, masked=f.masked, score=round(f.score, 3),
                    where=page.where(f.start), excerpt=masked_excerpt(page.text, findings, f),
                    reasons=list(f.reasons), elements=page.elements_between(f.start, f.end))


def inspect_page(page: PageText, allow: Iterable[AllowEntry] = (), ignore_types: Iterable[str] = ()) -> PageExposure:
    """Scan a page's text, split the findings into exposed / allowed / ignored, assess the risk.

    The risk level is assessed on the exposed findings only: an allowed hotline or an ignored
    type does not raise it.
    """
    from hegai.detect import scan
    from hegai.risk import assess_findings

    allow_list = AllowList(allow)
    ignored_types = set(ignore_types)
    findings = scan(page.text)
    exposed, allowed, ignored, kept = [], [], [], []
    for f in findings:
        item = _exposure(page, findings, f)
        if f.type in ignored_types:
            ignored.append(item)
        elif allow_list.allows(f.text):
            allowed.append(item)
        else:
            exposed.append(item)
            kept.append(f)
    assessment = assess_findings(page.text, kept)
    return PageExposure(url=page.url, title=redact(page.title), exposures=exposed, allowed=allowed, ignored=ignored,
                        level=assessment.level, score=assessment.score,
                        categories=list(assessment.categories), risk_reasons=list(assessment.reasons))
