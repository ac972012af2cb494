"""The scan/check seams with the risk engine: one scan per chunk, the page assessed from the same
findings shifted onto the joined text; UTF-16 offsets; warning order and filters."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hegai.detect.masking import apply_masks
from hegai.service import analysis, engines
from hegai.service.settings import DEFAULTS


@dataclass
class FakeAssessment:
    level: str
    score: float
    categories: list
    reasons: list


@pytest.fixture
def recorded_assessments(monkeypatch):
    calls = []

    def assess_findings(text, findings, language="zh"):
        calls.append((text, list(findings)))
        return FakeAssessment("high", 0.81234, ["EXPOSURE"], ["公开他人手机号"])

    monkeypatch.setattr(engines, "assess_findings", assess_findings)
    return calls


def test_page_is_assessed_once_from_shifted_findings(app, recorded_assessments, monkeypatch):
    scans = []
    real_scan = engines.scan
    monkeypatch.setattr(engines, "scan", lambda text: scans.append(text) or real_scan(text))
    chunks = [("a", "😀第一段 电话 13912345678"), ("b", "第二段 手机 13812345678 结束")]
    result = analysis.scan_page(chunks, app.extensions["hegai"].matcher)

    assert scans == [text for _, text in chunks], "each chunk is scanned exactly once"
    ((page_text, findings),) = recorded_assessments
    assert page_text == chunks[0][1] + "\n" + chunks[1][1]
    assert sorted(page_text[f.start:f.end] for f in findings) == ["13812345678", "13912345678"]
    assert result["assessment"] == {"level": "high", "score": 0.812, "categories": ["EXPOSURE"],
                                    "reasons": ["公开他人手机号"]}
    first = result["chunks"][0]["findings"][0]
    assert (first["start"], first["end"]) == (9, 20)     # 😀 is 2 UTF-16 units: code points 8..19


def test_check_carries_the_risk_assessment(app, recorded_assessments):
    # The risk engine is imported directly (engines.py): no "missing engine" mode to test any more.
    matcher = app.extensions["hegai"].matcher
    assert analysis.check_draft("电话 13912345678", matcher, dict(DEFAULTS))["assessment"]["level"] == "high"


def test_warning_order_and_sensitivity():
    W = analysis.DraftWarning
    warnings = [W("IP_ADDRESS", 0, 1, "*", False), W("EMAIL", 2, 3, "*", False),
                W("ID_CARD", 4, 5, "*", False), W("PERSON_NAME", 6, 7, "*", True)]
    ordered = sorted(warnings, key=W.sort_key)
    assert [w.type for w in ordered] == ["PERSON_NAME", "ID_CARD", "EMAIL", "IP_ADDRESS"]
    settings = dict(DEFAULTS)
    kept = lambda s: [w.type for w in ordered if analysis.wanted(w, s)]  # noqa: E731
    assert kept({**settings, "sensitivity": "low"}) == ["PERSON_NAME", "ID_CARD"]
    assert kept({**settings, "sensitivity": "normal"}) == ["PERSON_NAME", "ID_CARD", "EMAIL"]
    assert kept({**settings, "sensitivity": "high"}) == ["PERSON_NAME", "ID_CARD", "EMAIL", "IP_ADDRESS"]
    assert kept({**settings, "warn_types": ["EMAIL"]}) == ["PERSON_NAME", "EMAIL"]
    assert kept({**settings, "only_own": True}) == ["PERSON_NAME"]


def test_masked_text_replaces_each_span():
    W = analysis.DraftWarning
    text = "a 13912345678 b 张三 c"
    ws = [W("PHONE_MOBILE", 2, 13, "139****5678", False), W("PERSON_NAME", 16, 18, "张*", True)]
    assert apply_masks(text, ws) == "a 139****5678 b 张* c"
