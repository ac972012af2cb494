"""HTML reports are rendered by Jinja2 with autoescaping (issue 17, item 15): the evidence summary
(hegai.reports.package) and the audit report (hegai.audit.report). Hand escaping with
``string.Template`` and ``html.escape`` leaves every new field one forgotten ``escape()`` away from
running the audited page's script in the reader's browser."""

from __future__ import annotations

import ast
from pathlib import Path

import hegai
from hegai.audit.report import render_html
from hegai.audit.runner import AUDITED, ERROR, AuditOptions, AuditResult, PageResult
from hegai.testing.exposure import Exposure, PageExposure

PACKAGE = Path(hegai.__file__).parent
HOSTILE = '<script>alert("x")</script>'


def test_no_module_builds_html_by_hand():
    by_hand = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module, [a.name for a in node.names]) in (
                    ("html", ["escape"]), ("string", ["Template"])):
                by_hand.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
            elif isinstance(node, ast.Import) and any(a.name in ("html", "string") for a in node.names):
                by_hand.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not by_hand, f"HTML built with string.Template / html.escape: {by_hand}"


def _result() -> AuditResult:
    finding = Exposure(type="PHONE_MOBILE", label="手机号", masked="138****8000", score=0.95,
                       where=f'div[title="{HOSTILE}"]', excerpt=f"{HOSTILE} 电话 138****8000")
    exposure = PageExposure(url="http://a.test/", title=f"{HOSTILE} $verdict {{{{ 7*7 }}}}", exposures=[finding],
                            allowed=[], ignored=[], level="high", score=0.8, categories=["EXPOSURE"],
                            risk_reasons=[f"理由 {HOSTILE}"])
    pages = [PageResult(url='http://a.test/?q="><img src=x onerror=alert(1)>', depth=0, status=AUDITED,
                        exposure=exposure, fail_reasons=[f"PHONE_MOBILE {HOSTILE}"], screenshot=b"\xff\xd8jpeg"),
             PageResult(url="http://a.test/down", depth=1, status=ERROR, note=f"net::ERR {HOSTILE}")]
    return AuditResult(start_urls=["http://a.test/"], options=AuditOptions(), pages=pages,
                       started_at=0.0, finished_at=1.0)


def test_the_audit_report_escapes_what_the_page_wrote():
    html = render_html(_result())
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "$verdict {{ 7*7 }}" in html.replace("&#34;", '"')     # page text is text, never a template
    assert "<title>Hegai audit — FAIL</title>" in html
    assert 'class="level level-high">high</span>' in html and "0.95" in html and "138****8000" in html
    assert 'src="data:image/jpeg;base64,/9hqcGVn"' in html
    assert "error: net::ERR &lt;script&gt;" in html
