"""What a reason quotes: the words the page actually says, not the lexicon's canonical term.

A hit's span in the original text is a lexicon term (谁有她电话, 挂出来), never personal info,
but a span that touches a PII finding, or one stretched by evasion padding (开……………盒), falls
back to the canonical term so a reason can never carry personal info or a wall of text.
"""

from __future__ import annotations

import re

from .lexicon import Hit

_PADDING = 4          # original chars a quote may have beyond its folded length
_WHITESPACE = re.compile(r"\s+")


def quotes_by_category(text: str, hits: list[Hit], findings: list) -> dict[str, list[str]]:
    """category → quotes, heaviest term first; one quote per term, overlapping hits joined."""
    by_category: dict[str, list[Hit]] = {}
    for hit in hits:
        by_category.setdefault(hit.entry.category, []).append(hit)
    pii = [(f.start, f.end) for f in findings]
    return {category: _quotes(text, group, pii) for category, group in by_category.items()}


def _quotes(text: str, hits: list[Hit], pii: list[tuple[int, int]]) -> list[str]:
    weighted: dict[str, float] = {}
    for span, weight in _joined_spans(hits):
        quote = _quote(text, span, pii)
        weighted[quote] = max(weight, weighted.get(quote, 0.0))
    return sorted(weighted, key=lambda q: -weighted[q])


def _joined_spans(hits: list[Hit]) -> list[tuple[tuple[Hit, ...], float]]:
    """Hits that overlap in the text (打电话骂 + 骂他) become one span: 打电话骂他."""
    spans: list[list[Hit]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if spans and hit.start < max(h.end for h in spans[-1]):
            spans[-1].append(hit)
        else:
            spans.append([hit])
    return [(tuple(group), max(h.entry.weight for h in group)) for group in spans]


def _quote(text: str, span: tuple[Hit, ...], pii: list[tuple[int, int]]) -> str:
    heaviest = max(span, key=lambda h: h.entry.weight).entry.term
    start, end = min(h.start for h in span), max(h.end for h in span)
    folded_len = max(h.folded_end for h in span) - min(h.folded_start for h in span)
    if end - start > folded_len + _PADDING or any(s < end and start < e for s, e in pii):
        return heaviest
    quote = _WHITESPACE.sub(" ", text[start:end]).strip()
    return quote or heaviest
