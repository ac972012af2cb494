"""The detection, masking and risk functions the service calls (owned by other parts).

Imported directly: they are our own package, so a broken import is a bug that must fail loudly
(an ``ImportError`` here once turned into ``assessment: null`` and skipped tests).
"""

from __future__ import annotations

from hegai.detect import Finding, scan  # noqa: F401  (re-exported for the service)
from hegai.detect.masking import mask  # noqa: F401  (re-exported for the service)
from hegai.risk import assess_findings


def assess_raw(text: str, findings: list[Finding], language: str = "zh"):
    """The risk engine's own ``Assessment`` (with its findings and matched terms)."""
    return assess_findings(text, findings, language=language)


def public(a) -> dict:
    """An ``Assessment`` as the API shows it: ``{level, score, categories, reasons}``."""
    return {"level": a.level, "score": round(float(a.score), 3),
            "categories": list(a.categories), "reasons": list(a.reasons)}


def assess(text: str, findings: list[Finding], language: str = "zh") -> dict:
    """The risk assessment as the API shows it: ``{level, score, categories, reasons}``, the
    reasons in the user's language (settings)."""
    return public(assess_raw(text, findings, language))
