"""``hegai audit``: render pages in Debian's chromium, find exposed personal information, report.

Built on :mod:`hegai.testing` (the same page collector and inspection as the pytest plugin).
"""

from .runner import AuditOptions, AuditResult, Auditor, PageResult

__all__ = ["Auditor", "AuditOptions", "AuditResult", "PageResult"]
