"""开盒 risk engine: ``assess(text) -> Assessment`` (level, score, categories, reasons, findings).

``assess_findings(text, findings)`` does the same for callers that already ran ``scan``.
"""

from .assessment import CATEGORIES, LEVELS, Assessment
from .engine import assess, assess_findings

__all__ = ["assess", "assess_findings", "Assessment", "LEVELS", "CATEGORIES"]
