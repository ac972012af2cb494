"""The recognizer framework: one small recognizer per entity, a registry that runs them.

A recognizer gets a :class:`Document` (the original text plus normalised views built once)
and yields :class:`Finding` objects with offsets into the *original* text.
"""

from __future__ import annotations

from functools import cached_property
from typing import Iterable, Protocol

from .digitruns import find_runs
from .finding import Finding
from .matching import match_at  # noqa: F401  (recognizers import it from here)
from .normalize import normalize
from .triggers import own_index


class Document:
    """The text being scanned, with views that recognizers share instead of recomputing."""

    def __init__(self, text: str, triggers=None):
        self.text = text
        self._triggers = triggers      # a triggers.TriggerIndex, or None (no shared pass)
        self._own_hits: dict = {}      # recognizer name -> its own hits, without an index

    @cached_property
    def trigger_hits(self):
        """The shared trigger pass over the normalised text (see :mod:`hegai.detect.triggers`)."""
        return self._triggers.find(self.norm.text) if self._triggers else {}

    def hits(self, recognizer, kind: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of ``recognizer``'s ``kind`` trigger words, by start.

        In a registry scan they come from the shared pass; a Document made on its own (tests
        calling one recognizer) runs that recognizer's own trigger pass once."""
        if self._triggers is None:
            if recognizer.name not in self._own_hits:
                self._own_hits[recognizer.name] = own_index(recognizer).find(self.norm.text)
            return self._own_hits[recognizer.name].get((recognizer.name, kind), [])
        return self.trigger_hits.get((recognizer.name, kind), [])

    @cached_property
    def norm(self):
        """Normalised view (full-width → ASCII, Chinese numerals → digits in number runs) with an
        offset map back to ``text``; see :mod:`hegai.detect.normalize`."""
        return normalize(self.text)

    @cached_property
    def digit_runs(self):
        """Digit groups joined across separators, shared by the numeric recognizers."""
        return find_runs(self.norm.text)

    def before(self, norm_start: int, width: int) -> str:
        """Up to ``width`` normalised characters before ``norm_start`` (for cue words)."""
        return self.norm.text[max(0, norm_start - width):norm_start]

    def after(self, norm_end: int, width: int) -> str:
        return self.norm.text[norm_end:norm_end + width]

    def finding(self, pii_type: str, norm_start: int, norm_end: int, score: float,
                reasons: list[str]) -> Finding:
        """A finding for normalised offsets, pointing into the original text (its mask is made
        when first read)."""
        start, end = self.norm.to_original(norm_start, norm_end)
        return Finding(pii_type, start, end, self.text[start:end], round(min(max(score, 0.0), 1.0), 3),
                       None, reasons)


class Recognizer(Protocol):
    """One entity (or a close family of entities, e.g. mobile + landline).

    Optional ``triggers``: ``{kind: literal words}`` such that every finding needs one of them
    in the text (cue words, "@"…). The registry then runs the recognizer only when one occurs
    and gives it the hits through ``Document.hits`` (see :mod:`hegai.detect.triggers`).
    Optional ``needs_digit = True``: every finding holds an ASCII digit of the normalised text
    (Chinese numeral runs are digits there); the registry skips the recognizer on text without.
    """

    name: str
    types: tuple[str, ...]

    def analyze(self, doc: Document) -> Iterable[Finding]: ...
