"""Reporting 开盒 posts: platform registry, report text, evidence package, re-check.

A pure library (no Flask): the service's ``reports_bp`` and tests call the same functions.
"""

from .builder import ReportInput, ReportText, build, redact
from .exposure import Exposure, analyse, still_present
from .platforms import Platform, all_platforms, for_url, resolve

__all__ = ["ReportInput", "ReportText", "build", "redact", "Exposure", "analyse", "still_present",
           "Platform", "all_platforms", "for_url", "resolve"]
