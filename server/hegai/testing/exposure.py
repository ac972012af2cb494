"""Scan collected page text and decide what counts as exposed: allow-lists, ignored types, levels.

Shared by the pytest plugin and ``hegai audit``. Nothing here keeps or returns a raw value:
an :class:`Exposure` carries the masked form and a masked excerpt only.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Iterable, Pattern, Union
from urllib.parse import unquote, urlsplit

from hegai.detect.registry import redact
from hegai.risk.assessment import LEVELS   # the one definition (re-exported by hegai.testing)

from .page_text import PageText

AllowEntry = Union[str, Pattern[str]]

_COUNTRY_PREFIX = re.compile(r"^(?:\+?86|0086)(?=1\d{10}$)")
EXCERPT_RADIUS = 24
URL_WHERE = "(page URL)"


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


class FindingIndex:
    """A page's findings, indexed once so that each printed text costs what it holds, not the
    page's whole list (issue 22: every excerpt, title, URL and CSS path sorted and walked every
    finding; a page with thousands of them spent its time masking): sorted by start for the
    findings near an offset, and one Aho-Corasick automaton of their values (longest first) for
    the values found elsewhere on the page."""

    def __init__(self, findings):
        self.findings = sorted(findings, key=lambda f: (f.start, f.end))
        self.starts = [f.start for f in self.findings]
        self.longest = max((f.end - f.start for f in self.findings), default=0)
        self._values = None

    def overlapping(self, lo: int, hi: int) -> list:
        """The findings with a character in ``[lo, hi)``, by start."""
        first = bisect.bisect_left(self.starts, lo - self.longest)
        last = bisect.bisect_left(self.starts, hi)
        return [f for f in self.findings[first:last] if f.end > lo]

    def values(self):
        if self._values is None:
            from hegai.detect.automata import Automaton

            words = [(f.text, f.masked) for f in self.findings if len(f.text) >= 2]
            self._values = Automaton(words)   # leftmost-longest: 李明华 rather than 李明
        return self._values


def _index(findings) -> FindingIndex:
    return findings if isinstance(findings, FindingIndex) else FindingIndex(findings)


def masked_excerpt(text: str, findings, focus, radius: int = EXCERPT_RADIUS) -> str:
    """Text around ``focus`` with every finding in the window replaced by its masked form."""
    index = _index(findings)
    lo, hi = max(0, focus.start - radius), min(len(text), focus.end + radius)
    near = index.overlapping(lo, hi)
    for f in near:   # widen to whole findings: none is shown half-unmasked
        if f.start < lo < f.end:
            lo = f.start
        if f.start < hi < f.end:
            hi = f.end
    parts, cursor = [], lo
    for f in near:
        if f.end <= lo or f.start >= hi or f.start < cursor:
            continue
        parts += [text[cursor:f.start], f.masked]
        cursor = f.end
    parts.append(text[cursor:hi])
    excerpt = " ".join("".join(parts).split())
    return ("…" if lo > 0 else "") + excerpt + ("…" if hi < len(text) else "")


def _exposure(page: PageText, index: FindingIndex, f) -> Exposure:
    return Exposure(type=f.type, label=f.label, masked=f.masked, score=round(f.score, 3),
                    where=page.where(f.start), excerpt=masked_excerpt(page.text, index, f),
                    reasons=list(f.reasons), elements=page.elements_between(f.start, f.end))


def mask_range(text: str, findings, lo: int, hi: int) -> str:
    """``text[lo:hi]`` with every finding in it masked, then anything ``redact`` finds on its own
    (a title is printed apart from its page: no value in it may be left in clear)."""
    parts, cursor = [], lo
    for f in _index(findings).overlapping(lo, hi):
        if f.end <= cursor or f.start >= hi:
            continue
        start, end = max(f.start, cursor), min(f.end, hi)
        parts += [text[cursor:start], f.masked if (start, end) == (f.start, f.end) else "*" * (end - start)]
        cursor = end
    parts.append(text[cursor:hi])
    return redact("".join(parts))


def mask_known(text: str, findings) -> str:
    """``text`` with every value found elsewhere on the page masked wherever it appears: a name
    the detector saw in the body ("我是李明") is masked in the title too ("李明的个人主页")."""
    parts, cursor = [], 0
    for start, end, masked in _index(findings).values().find(text):
        parts += [text[cursor:start], masked]
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


# A CSS path that may hold a value of its own: a non-ASCII letter (a name), an "@" or a long
# number. The others ("body > ul > li:nth-of-type(12)") are not scanned again: a page has
# thousands of paths, and a scan of each doubled the time to report a 5 MB page.
_PATH_MAY_HOLD_VALUE = re.compile(r"[^\x00-\x7f]|@|\d{5,}")


def mask_path(path: str | None, findings) -> str | None:
    """A CSS path as a report prints it: a page's ids and classes can hold the very value found
    (``#tel-13712340000``, ``li.member-李明``), so found values are masked in it and whatever
    else ``redact`` finds there too (the path still says where to look: ``#tel-137****0000``)."""
    if not path:
        return path
    path = mask_known(path, findings)
    return redact(path) if _PATH_MAY_HOLD_VALUE.search(path) else path


def _url_parts(url: str) -> tuple[str, str]:
    """(scheme://host, the rest decoded): a phone in ``?tel=`` or a name in a %-encoded path is text."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return "", unquote(url)
    head = f"{parts.scheme}://{parts.netloc}"
    return head, unquote(url[len(head):])


def mask_url(url: str, findings=None) -> str:
    """The URL as a report may print it: every value in its path, query or fragment masked."""
    from hegai.detect import scan

    head, rest = _url_parts(url)
    findings = scan(rest) if findings is None else findings
    return head + mask_range(rest, findings, 0, len(rest))


def _url_exposures(url: str) -> tuple[list, list[Exposure], str]:
    """Findings in the page's own URL (counted like text on the page) and the masked URL."""
    from hegai.detect import scan

    head, rest = _url_parts(url)
    findings = scan(rest) if rest else []
    masked = head + mask_range(rest, findings, 0, len(rest)) if rest else url
    items = [Exposure(type=f.type, label=f.label, masked=f.masked, score=round(f.score, 3), where=URL_WHERE,
                      excerpt=masked, reasons=list(f.reasons)) for f in findings]
    return findings, items, masked


def inspect_page(page: PageText, allow: Iterable[AllowEntry] = (), ignore_types: Iterable[str] = ()) -> PageExposure:
    """Scan a page's text (title, alt/aria-label/placeholder/value lines included) and its URL,
    split the findings into exposed / allowed / ignored, assess the risk.

    The risk level is assessed on the exposed findings of the text only: an allowed hotline or
    an ignored type does not raise it. Title and URL come back masked.
    """
    from hegai.detect import scan
    from hegai.risk import assess_findings

    allow_list = AllowList(allow)
    ignored_types = set(ignore_types)
    findings = scan(page.text)
    url_findings, url_items, masked_url = _url_exposures(page.url)
    exposed, allowed, ignored, kept = [], [], [], []
    index = FindingIndex(findings)
    candidates = [(f, _exposure(page, index, f)) for f in findings]
    candidates += list(zip(url_findings, url_items))
    text_findings = set(map(id, findings))
    for f, item in candidates:
        if f.type in ignored_types:
            ignored.append(item)
        elif allow_list.allows(f.text):
            allowed.append(item)
        else:
            exposed.append(item)
            if id(f) in text_findings:
                kept.append(f)
    assessment = assess_findings(page.text, kept)
    title = mask_range(page.text, index, *page.title_range) if page.title_range else redact(page.title)
    everything = FindingIndex(findings + url_findings)
    title, masked_url = mask_known(title, everything), mask_known(masked_url, everything)
    for item in exposed + allowed + ignored:
        item.excerpt = mask_known(item.excerpt, everything)
        item.where = mask_path(item.where, everything)
    return PageExposure(url=masked_url, title=title, exposures=exposed, allowed=allowed, ignored=ignored,
                        level=assessment.level, score=assessment.score,
                        categories=list(assessment.categories), risk_reasons=list(assessment.reasons))
