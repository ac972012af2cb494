"""``assert_no_exposed_pii(page, ...)``: fail a test when a rendered page exposes personal info."""

from __future__ import annotations

from typing import Iterable

from .exposure import AllowEntry, PageExposure, inspect_page, level_rank
from .page_text import collect_page_text


class ExposedPiiError(AssertionError):
    """The page shows personal information; the message lists masked values only."""

    def __init__(self, message: str, result: PageExposure):
        super().__init__(message)
        self.result = result


def _check_types(types: Iterable[str]) -> list[str]:
    from hegai.detect import PII_TYPES

    types = list(types)
    unknown = [t for t in types if t.upper() not in PII_TYPES]
    if unknown:
        raise ValueError(f"unknown PII type(s) {', '.join(unknown)}; expected some of {', '.join(PII_TYPES)}")
    return [t.upper() for t in types]   # "email" as well as "EMAIL", like hegai audit --ignore-type


def _count_line(items) -> str:
    counts: dict[str, int] = {}
    for e in items:
        counts[e.type] = counts.get(e.type, 0) + 1
    return ", ".join(f"{t} ×{n}" for t, n in counts.items())


def format_failure(result: PageExposure, min_level: str | None) -> str:
    threshold = f"fails at {min_level} or above" if min_level else "fails on any finding"
    lines = [
        f"Hegai: personal information exposed on {result.url or '(page)'}",
        "  expected: no exposed personal information",
        f"  found:    {len(result.exposures)} ({_count_line(result.exposures)}); "
        f"risk level {result.level} ({threshold})",
    ]
    for e in result.exposures:
        lines.append(f"  - {e.type} ({e.label}) {e.masked}")
        lines.append(f"      where: {e.where or '(text between elements)'}")
        lines.append(f"      text:  {e.excerpt}")
    if result.risk_reasons:
        lines.append("  risk: " + "; ".join(result.risk_reasons))
    if result.allowed:
        lines.append(f"  allowed by allow-list: {_count_line(result.allowed)}")
    if result.ignored:
        lines.append(f"  ignored types: {_count_line(result.ignored)}")
    return "\n".join(lines)


def assert_no_exposed_pii(page, allow: Iterable[AllowEntry] = (), ignore_types: Iterable[str] = (),
                          min_level: str | None = None, include_hidden: bool = False) -> PageExposure:
    """Fail when the rendered ``page`` (Playwright Page or Frame) exposes personal information.

    The text of the page, its open shadow roots and same-origin iframes is scanned with
    :func:`hegai.detect.scan`.

    - ``allow``: known public values (strings compared without separators, or compiled
      patterns matching the whole value), e.g. a business hotline;
    - ``ignore_types``: PII types that may appear (e.g. ``["EMAIL"]``);
    - ``min_level``: fail only when the page's 开盒 risk level is at least this
      (``low|medium|high|critical``); ``"any"`` (or ``None``) fails on any remaining finding.

    Returns the inspection result when the page passes, for further checks.
    """
    __tracebackhide__ = True
    ignore_types = _check_types(ignore_types)
    if min_level == "any":   # explicit "fail on any finding" (None means the same here, no ini)
        min_level = None
    if min_level is not None:
        level_rank(min_level)
    result = inspect_page(collect_page_text(page, include_hidden=include_hidden), allow, ignore_types)
    if not result.exposures:
        return result
    if min_level is not None and level_rank(result.level) < level_rank(min_level):
        return result
    raise ExposedPiiError(format_failure(result, min_level), result)
