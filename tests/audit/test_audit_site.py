"""``hegai audit`` against a local fixture site: one clean page, one leak (partly loaded on
scroll), one page reachable only through a link, a robots.txt-disallowed page and a page outside
the start URL's path. Each audit is a real ``hegai audit`` process driving Debian's chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

RAW_VALUES = ["13800138000", "110101199003074477", "li.si.member@example.com", "13700137000", "13900139000"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "artifacts" / "screenshots" / "audit-report.png"
RATE = 0.3


def run_audit(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """``hegai audit ...`` as a CI step would run it: a separate process, real chromium."""
    return subprocess.run([sys.executable, "-m", "hegai.cli", "audit", *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def crawl(site, tmp_path_factory):
    """The full audit: --depth 1 from the start page, with both reports and a rate limit."""
    out = tmp_path_factory.mktemp("audit")
    before = len(site.server.requests)
    completed = run_audit(f"{site.base}/site/index.html", "--depth", "1", "--rate", str(RATE),
                          "--report", str(out / "report.html"), "--json", str(out / "report.json"))
    requests = site.server.requests[before:]
    return completed, out, requests


def _pages(report: dict) -> dict[str, dict]:
    return {p["url"].split("/", 3)[3]: p for p in report["pages"]}


def test_clean_start_page_passes(site, tmp_path):
    completed = run_audit(f"{site.base}/site/index.html", "--rate", "0", "--json", str(tmp_path / "r.json"))
    assert completed.returncode == 0, completed.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [p["status"] for p in report["pages"]] == ["audited"]   # depth 0: no link followed
    assert report["pages"][0]["findings"] == [] and report["failed"] is False


def test_crawl_fails_on_the_leaks(crawl):
    completed, out, _ = crawl
    assert completed.returncode == 1, completed.stderr
    pages = _pages(json.loads((out / "report.json").read_text(encoding="utf-8")))
    assert set(pages) == {"site/index.html", "site/leak.html", "site/members/profile.html", "site/private/diary.html"}
    assert pages["site/index.html"]["failed"] is False
    leak_types = {f["type"] for f in pages["site/leak.html"]["findings"]}
    assert {"ID_CARD", "PHONE_MOBILE"} <= leak_types   # the ID card is in a comment loaded on scroll
    assert "EMAIL" in {f["type"] for f in pages["site/members/profile.html"]["findings"]}
    assert pages["site/leak.html"]["failed"] and pages["site/members/profile.html"]["failed"]
    phone = next(f for f in pages["site/leak.html"]["findings"] if f["type"] == "PHONE_MOBILE")
    assert phone["masked"] == "138****8000" and phone["where"] == "body > p.organizer"


def test_robots_and_scope_are_honoured(crawl):
    _, out, requests = crawl
    paths = [path for _, path in requests]
    assert "/robots.txt" in paths
    assert "/site/private/diary.html" not in paths      # disallowed by robots.txt: never fetched
    assert "/outside.html" not in paths                 # not under the start URL's path
    pages = _pages(json.loads((out / "report.json").read_text(encoding="utf-8")))
    assert pages["site/private/diary.html"]["status"] == "skipped"
    assert "robots.txt" in pages["site/private/diary.html"]["note"]


def test_rate_limit_spaces_page_loads(crawl):
    _, _, requests = crawl
    page_times = [t for t, path in requests if path.endswith(".html")]
    assert len(page_times) == 3
    gaps = [b - a for a, b in zip(page_times, page_times[1:])]
    assert min(gaps) >= RATE * 0.9


def test_reports_show_masked_values_only(crawl):
    completed, out, _ = crawl
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "138****8000" in html and "body &gt; p.organizer" in html
    assert html.count('src="data:image/jpeg;base64,') == 3   # one screenshot per audited page
    for text in (html, (out / "report.json").read_text(encoding="utf-8"), completed.stdout, completed.stderr):
        for value in RAW_VALUES:
            assert value not in text


def test_fail_on_type_and_level(site):
    leak = f"{site.base}/site/leak.html"
    assert run_audit(leak, "--rate", "0", "--no-screenshots", "--fail-on", "EMAIL").returncode == 0
    assert run_audit(leak, "--rate", "0", "--no-screenshots", "--fail-on", "ID_CARD").returncode == 1
    # A phone number and an ID number in a sign-up thread: a real exposure, not a 开盒 campaign.
    assert run_audit(leak, "--rate", "0", "--no-screenshots", "--fail-on", "critical").returncode == 0
    assert run_audit(leak, "--rate", "0", "--no-screenshots", "--fail-on", "low").returncode == 1


def test_unreachable_page_exits_2(tmp_path):
    completed = run_audit("http://127.0.0.1:9/nothing.html", "--rate", "0", "--timeout", "10")
    assert completed.returncode == 2
    assert "error" in completed.stderr


def test_bad_fail_on_is_a_usage_error(site):
    completed = run_audit(f"{site.base}/site/index.html", "--fail-on", "PHONE")
    assert completed.returncode == 2 and "--fail-on" in completed.stderr


def _screenshot_report(report: Path, target: Path) -> int:
    from playwright.sync_api import sync_playwright

    from hegai.testing.browser import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(report.as_uri())
        loaded = page.evaluate("() => [...document.images].filter(i => i.complete && i.naturalWidth > 0).length")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        browser.close()
    return loaded


def test_html_report_renders_in_chromium(crawl):
    _, out, _ = crawl
    # A thread of its own: another module's Playwright may still be running in this one.
    with ThreadPoolExecutor(1) as pool:
        loaded_images = pool.submit(_screenshot_report, out / "report.html", SCREENSHOT).result()
    assert loaded_images == 3
    assert SCREENSHOT.stat().st_size > 10_000
