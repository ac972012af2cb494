"""The recognizer framework: one small recognizer per entity, a registry that runs them.

A recognizer gets a :class:`Document` (the original text plus normalised views built once)
and yields :class:`Finding` objects with offsets into the *original* text.
"""

from __future__ import annotations

from functools import cached_property
from typing import Iterable, Protocol

from .finding import Finding


class Document:
    """The text being scanned, with views that recognizers share instead of recomputing."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def norm(self):
        """Normalised view (full-width → ASCII, Chinese numerals → digits in number runs) with an
        offset map back to ``text``; see :mod:`hegai.detect.normalize`."""
        from .normalize import normalize

        return normalize(self.text)

    @cached_property
    def digit_runs(self):
        """Digit groups joined across separators, shared by the numeric recognizers."""
        from .digitruns import find_runs

        return find_runs(self.norm.text)

    def before(self, norm_start: int, width: int) -> str:
        """Up to ``width`` normalised characters before ``norm_start`` (for cue words)."""
        return self.norm.text[max(0, norm_start - width):norm_start]

    def after(self, norm_end: int, width: int) -> str:
        return self.norm.text[norm_end:norm_end + width]

    def finding(self, pii_type: str, norm_start: int, norm_end: int, score: float,
                reasons: list[str]) -> Finding:
        """A finding for normalised offsets, pointing into the original text, with its mask."""
        from .masking import mask

        start, end = self.norm.to_original(norm_start, norm_end)
        value = self.text[start:end]
        return Finding(pii_type, start, end, value, round(min(max(score, 0.0), 1.0), 3),
                       mask(pii_type, value), reasons)


class Recognizer(Protocol):
    """One entity (or a close family of entities, e.g. mobile + landline)."""

    name: str
    types: tuple[str, ...]

    def analyze(self, doc: Document) -> Iterable[Finding]: ...
