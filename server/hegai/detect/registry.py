"""Runs every recognizer over one :class:`Document` and resolves overlaps."""

from __future__ import annotations

import bisect
import importlib
import os
import pkgutil
import re
from typing import Iterable

from .base import Document, Recognizer
from .contextual import refine
from .finding import Finding
from .masking import apply_masks
from .triggers import TriggerIndex, declared


_DIGIT = re.compile("[0-9]")


def discover() -> list[Recognizer]:
    """Instantiate the ``RECOGNIZER`` of every module in ``hegai.detect.recognizers``.

    Adding a recognizer for a type that exists is one file there. A new *type* also needs: its
    name and labels in ``finding.py`` (PII_TYPES, TYPE_LABELS_ZH/EN), its mask in ``masking.py``,
    its cue words in ``data/detect/cues.json``, its weight in the risk engine
    (``risk/data/dossier.json``, and ``risk/combine.py`` if it counts toward a dossier), its
    severity and schema in ``service/data/severity.json`` and ``openapi.json``, its label in the
    extension (``_locales/*/messages.json``, ``ui/options-guard.js``), and fixtures in
    ``tests/fixtures/pii``. The SPEC's list of types is the contract the others follow.
    """
    from . import recognizers

    found = []
    for info in sorted(pkgutil.iter_modules(recognizers.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{recognizers.__name__}.{info.name}")
        rec = getattr(module, "RECOGNIZER", None)
        if rec is not None:
            found.append(rec)
    return found


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep one finding per stretch of text: higher score first, then the longer one.

    A finding covers the whole value once; fragments nested in a better finding are dropped.
    """
    ranked = sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), f.start))
    starts: list[int] = []       # kept findings are disjoint: sorted by start, ends sorted too
    kept: list[Finding] = []
    for f in ranked:
        pos = bisect.bisect_right(starts, f.start)
        if pos > 0 and kept[pos - 1].end > f.start:
            continue
        if pos < len(kept) and kept[pos].start < f.end:
            continue
        starts.insert(pos, f.start)
        kept.insert(pos, f)
    return kept


class Registry:
    """``model``: whether the names model may propose PERSON_NAME/WORKPLACE/SCHOOL (see
    :mod:`hegai.detect.contextual`); default on, off with HEGAI_NAMES_MODEL=0 (benchmarks compare)."""

    def __init__(self, recognizers: list[Recognizer] | None = None, model: bool | None = None):
        self.recognizers = recognizers if recognizers is not None else discover()
        self.model = model if model is not None else os.environ.get("HEGAI_NAMES_MODEL", "1") != "0"
        self.triggers = TriggerIndex(self.recognizers)
        # (recognizer, the hit keys of its triggers or None when it declares none, does it need
        # a digit), once: the loop below runs per text, and short texts (the extension's chunks)
        # are most of them.
        self._plan = [(rec, tuple((rec.name, kind) for kind in declared(rec)) or None,
                       getattr(rec, "needs_digit", False)) for rec in self.recognizers]

    def scan(self, text: str) -> list[Finding]:
        if not text:
            return []
        doc = Document(text, self.triggers)
        hits = doc.trigger_hits
        has_digit = _DIGIT.search(doc.norm.text) is not None   # one C-speed pass, once
        raw: list[Finding] = []
        for rec, keys, needs_digit in self._plan:
            if keys is not None and not any(key in hits for key in keys):
                continue          # none of its trigger words occur: it cannot find anything
            if needs_digit and not has_digit:
                continue          # its values are numbers, and the text holds no digit
            raw.extend(rec.analyze(doc))
        if self.model:
            raw = refine(text, raw)
        return resolve_overlaps(raw)


_default: Registry | None = None


def default_registry() -> Registry:
    global _default
    if _default is None:
        _default = Registry()
    return _default


def scan(text: str) -> list[Finding]:
    """Find personal information in ``text``. See the SPEC for types and conventions."""
    if not isinstance(text, str):
        raise TypeError("scan() takes a str")
    return default_registry().scan(text)


def redact(text: str) -> str:
    """``text`` with every value ``scan`` finds replaced by its masked form (titles, URLs, excerpts)."""
    return apply_masks(text, scan(text))
