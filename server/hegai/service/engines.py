"""The detection, masking and risk functions the service calls (owned by other parts).

Masking and the risk engine are imported lazily and guarded, so the service keeps answering
while those parts are being built: a missing risk engine gives ``assessment: null``, a missing
masker gives a fully starred value (never the raw one).
"""

from __future__ import annotations

import logging

from hegai.detect import Finding, scan  # noqa: F401  (re-exported for the service)

log = logging.getLogger("hegai.service")


def _masker():
    try:
        from hegai.detect.masking import mask
    except ImportError:
        return None
    return mask


def mask(pii_type: str, text: str) -> str:
    masker = _masker()
    if masker is not None:
        return masker(pii_type, text)
    return "*" * len(text)


def _assessor():
    try:
        from hegai.risk import assess_findings
    except ImportError:
        return None
    return assess_findings


def risk_available() -> bool:
    return _assessor() is not None


def assess_raw(text: str, findings: list[Finding], language: str = "zh"):
    """The risk engine's own ``Assessment`` (with its findings and matched terms), or None."""
    assessor = _assessor()
    return None if assessor is None else assessor(text, findings, language=language)


def public(a) -> dict:
    """An ``Assessment`` as the API shows it: ``{level, score, categories, reasons}``."""
    return {"level": a.level, "score": round(float(a.score), 3),
            "categories": list(a.categories), "reasons": list(a.reasons)}


def assess(text: str, findings: list[Finding], language: str = "zh") -> dict | None:
    """The risk assessment as the API shows it: ``{level, score, categories, reasons}``, the
    reasons in the user's language (settings)."""
    a = assess_raw(text, findings, language)
    return None if a is None else public(a)
