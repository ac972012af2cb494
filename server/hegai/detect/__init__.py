"""Detection library: ``scan(text) -> list[Finding]`` for every PII type in the SPEC."""

from .finding import PII_TYPES, TYPE_LABELS_EN, TYPE_LABELS_ZH, Finding
from .registry import Registry, default_registry, scan

__all__ = ["scan", "Finding", "PII_TYPES", "TYPE_LABELS_ZH", "TYPE_LABELS_EN", "Registry", "default_registry"]
