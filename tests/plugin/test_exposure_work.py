"""Reporting a page's findings does work linear in their number (issue 22, item 5: "a 5 MB page
in a few seconds"). Once the collector was linear, a page with thousands of findings still spent
its time masking: every excerpt and every printed text (title, URL, CSS path) sorted and walked
every finding of the page (the 5 MB bench page has 8,332). Measured by counting work, not time:
each read of a finding's ``start``/``end``/``text``/``masked`` is counted, and the total must stay
within a small multiple of the number of findings."""

from __future__ import annotations

from dataclasses import fields

import pytest

from hegai.detect.finding import Finding
from hegai.testing.page_text import PageText

READS = [0]


class CountedFinding(Finding):
    """A real finding that counts the reads of the fields masking walks."""

    def __getattribute__(self, name):
        if name in ("start", "end", "text", "masked"):
            READS[0] += 1
        return object.__getattribute__(self, name)


def _counted(finding: Finding) -> CountedFinding:
    return CountedFinding(**{f.name: getattr(finding, f.name) for f in fields(Finding)})


def _page(lines: int) -> PageText:
    """A long list page: one item per line, each with a phone."""
    pieces, paths = [], []
    for i in range(lines):
        paths.append(f"body > ul > li:nth-of-type({i + 1})")
        pieces += [[f"第{i}条 联系电话 1{38 + i % 2}{i:08d} 谢谢", i], ["\n", -1]]
    return PageText.from_collected({"url": "http://127.0.0.1/list?page=2", "title": "列表",
                                    "pieces": pieces, "paths": paths})


@pytest.fixture
def counted_scan(monkeypatch):
    import hegai.detect
    import hegai.risk

    real_scan = hegai.detect.scan
    monkeypatch.setattr(hegai.detect, "scan", lambda text: [_counted(f) for f in real_scan(text)])
    # The risk engine is not what is measured here (and has its own linearity tests).
    real_assess = hegai.risk.assess_findings
    monkeypatch.setattr(hegai.risk, "assess_findings", lambda text, findings: real_assess("", []))


def test_masking_a_pages_findings_is_linear(counted_scan):
    from hegai.testing.exposure import inspect_page

    lines = 3000
    page = _page(lines)
    READS[0] = 0
    result = inspect_page(page)
    assert len(result.exposures) == lines
    # About 50 reads a finding (its neighbours in an excerpt window); quadratic masking read every
    # finding for each of 3,000 excerpts, paths and texts: 10^8.
    assert READS[0] <= 200 * lines, f"{READS[0]} reads of finding fields for {lines} findings"
    # and every printed text is still masked
    assert all("****" in e.excerpt and "****" not in e.where for e in result.exposures)
    assert not any(f"1{38 + i % 2}{i:08d}" in result.exposures[i].excerpt for i in range(lines))
