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
        """Normalised view (full-width → ASCII, Chinese numerals, separators) with an offset map."""
        from .normalize import normalize

        return normalize(self.text)


class Recognizer(Protocol):
    """One entity (or a close family of entities, e.g. mobile + landline)."""

    name: str
    types: tuple[str, ...]

    def analyze(self, doc: Document) -> Iterable[Finding]: ...
