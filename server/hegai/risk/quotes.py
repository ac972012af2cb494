"""What a reason quotes: the words the page actually says, not the lexicon's canonical term.

A hit's span in the original text is a lexicon term (谁有她电话, 挂出来), never personal info,
but a span that touches a PII finding, or one stretched by evasion padding (开……………盒), falls
back to the canonical term so a reason can never carry personal info or a wall of text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lexicon import Hit
from .patterns import COMPOSED

_PADDING = 4          # original chars a quote may have beyond its folded length
_CANDIDATES = 20      # quotes kept per category (reasons show 3)
_WHITESPACE = re.compile(r"\s+")


def quotes_by_category(text: str, hits: list[Hit], findings: list) -> dict[str, list[str]]:
    """category → quotes, heaviest term first; one quote per term, overlapping hits joined.
    Context cues (CUE_*, CTX_*) are never quoted, so they are left out."""
    by_category: dict[str, list[Hit]] = {}
    composed: dict[str, list[Hit]] = {}
    for hit in hits:
        if not hit.entry.context:
            target = composed if COMPOSED in hit.entry.flags else by_category
            target.setdefault(hit.entry.category, []).append(hit)
    pii = _PiiSpans(findings)
    out = {category: _quotes(text, group, pii) for category, group in by_category.items()}
    for category, group in composed.items():
        # A pattern quotes the words it matched (谁有…他妈…电话), never the text between them;
        # merged with the terms' quotes by weight (a term first on a tie).
        weighted = [(w, 0, q) for q, w in out.get(category, [])]
        weighted += [(h.entry.weight, 1, h.entry.term) for h in group if not _touches_pii(h, pii)]
        out[category] = [(q, w) for w, _, q in sorted(weighted, key=lambda t: (-t[0], t[1]))]
    return {category: list(dict.fromkeys(q for q, _ in quotes))[:_CANDIDATES] for category, quotes in out.items()}


def _touches_pii(hit: Hit, pii: "_PiiSpans") -> bool:
    """Whether a composed hit's quoted words could carry personal info: its words are class words
    (电话, 他, 谁有), so only a word that itself overlaps a finding could."""
    return any(ch.isdigit() for ch in hit.entry.term)


class _PiiSpans:
    """Merged, sorted finding spans: an overlap test is one bisection, not a pass over all findings
    (a whole-page assessment has thousands of findings and terms; the linear test made it quadratic)."""

    def __init__(self, findings: list):
        merged: list[list[int]] = []
        for start, end in sorted((f.start, f.end) for f in findings):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)      # first span that ends after `start`
        return i < len(self.starts) and self.starts[i] < end


def _quotes(text: str, hits: list[Hit], pii: _PiiSpans) -> list[tuple[str, float]]:
    """Distinct quotes, heaviest first, at most _CANDIDATES: a reason shows three after dropping
    contained terms, and quoting every hit of a long page cost more than reading its lexicon."""
    by_weight = sorted(_joined_spans(hits), key=lambda sw: -sw[1])   # stable: text order per weight
    quotes: dict[str, float] = {}
    for span, weight in by_weight:
        quotes.setdefault(_quote(text, span, pii), weight)
        if len(quotes) == _CANDIDATES:
            break
    return list(quotes.items())


def _joined_spans(hits: list[Hit]) -> list[tuple[tuple[Hit, ...], float]]:
    """Hits that overlap in the text (打电话骂 + 骂他) become one span: 打电话骂他."""
    spans: list[list[Hit]] = []
    span_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start < span_end:
            spans[-1].append(hit)
            span_end = max(span_end, hit.end)
        else:
            spans.append([hit])
            span_end = hit.end
    return [(tuple(group), max(h.entry.weight for h in group) if len(group) > 1 else group[0].entry.weight)
            for group in spans]


def _quote(text: str, span: tuple[Hit, ...], pii: _PiiSpans) -> str:
    if len(span) == 1:
        hit = span[0]
        heaviest, start, end = hit.entry.term, hit.start, hit.end
        folded_len = hit.folded_end - hit.folded_start
    else:
        heaviest = max(span, key=lambda h: h.entry.weight).entry.term
        start, end = min(h.start for h in span), max(h.end for h in span)
        folded_len = max(h.folded_end for h in span) - min(h.folded_start for h in span)
    if end - start > folded_len + _PADDING or pii.overlaps(start, end):
        return heaviest
    quote = _WHITESPACE.sub(" ", text[start:end]).strip()
    return quote or heaviest
