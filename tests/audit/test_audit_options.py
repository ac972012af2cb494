"""``hegai audit`` options (issue 22): every option error is reported before the crawl starts
(no request reaches the site), options given in any order work, robots.txt's verdicts are
summarised for what they are and can be overridden explicitly for a site one owns."""

from __future__ import annotations

import json

import pytest

from test_audit_site import run_audit


@pytest.mark.parametrize("args, message", [
    (["ftp://127.0.0.1/file.html"], "unsupported URL (scheme 'ftp')"),
    (["{base}/site/index.html", "--report", "/nonexistent-folder/report.html"], "folder /nonexistent-folder does not exist"),
    (["{base}/site/index.html", "--json", "/nonexistent-folder/r.json"], "--json"),
    (["{base}/site/index.html", "--ignore-type", "FOO"], "--ignore-type: unknown PII type(s) FOO"),
    (["{base}/site/index.html", "--fail-on", "PHONE"], "--fail-on"),
    (["{base}/site/index.html", "--settle", "-1"], "--settle"),
    (["{base}/site/index.html", "--max-pages", "0"], "--max-pages"),
    (["{base}/site/index.html", "--settle", "inf"], "--settle inf: must be a finite number"),   # never bounded
    (["{base}/site/index.html", "--rate", "nan"], "--rate nan: must be a finite number"),
    (["{base}/site/index.html", "--timeout", "inf"], "--timeout inf: must be a finite number"),
    (["--fail-on", "high"], "at least one URL is required"),
    (["http:///nohost.html"], "no host"),
])
def test_option_errors_come_before_the_crawl(site, args, message):
    before = len(site.server.requests)
    completed = run_audit(*[a.format(base=site.base) for a in args], timeout=60)
    assert completed.returncode == 2
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr and len(completed.stderr.strip().splitlines()) == 1
    assert site.server.requests[before:] == []   # not even robots.txt was fetched


def test_fail_on_before_the_url(site, tmp_path):
    completed = run_audit("--fail-on", "ID_CARD", "high", f"{site.base}/site/leak.html", "--rate", "0",
                          "--no-screenshots")
    assert completed.returncode == 1, completed.stderr   # the URL is not swallowed by --fail-on


def test_ignore_type_is_case_insensitive(site):
    completed = run_audit(f"{site.base}/site/members/profile.html", "--rate", "0", "--no-screenshots",
                          "--ignore-type", "email", "--fail-on", "EMAIL")
    assert completed.returncode == 0, completed.stderr


def test_robots_skip_is_summarised_and_can_be_overridden(site, tmp_path):
    diary = f"{site.base}/site/private/diary.html"
    completed = run_audit(diary, "--rate", "0", "--no-screenshots")
    assert completed.returncode == 2
    assert "disallowed by robots.txt" in completed.stderr and "--ignore-robots" in completed.stderr
    assert "see errors" not in completed.stderr

    completed = run_audit(diary, "--rate", "0", "--no-screenshots", "--ignore-robots", "--json",
                          str(tmp_path / "r.json"))
    assert completed.returncode in (0, 1), completed.stderr
    assert "--ignore-robots" in completed.stderr   # the override is announced
    page = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["pages"][0]
    assert page["status"] == "audited"
