"""``hegai audit`` on pages as they really load (issue 22): late content, a page that polls for
ever, values outside the body text, pages served without a charset, a page that never holds still,
and reports that must not hold a found value in clear anywhere (HTML, JSON, screenshots, title,
URL). Each audit is a real ``hegai audit`` process driving Debian's chromium."""

from __future__ import annotations

import base64
import json
import re
from concurrent.futures import ThreadPoolExecutor

from test_audit_site import run_audit


def _audit(site, tmp_path, page: str, *options: str) -> tuple[object, dict, str]:
    completed = run_audit(f"{site.base}/live/{page}", "--rate", "0", "--json", str(tmp_path / "r.json"),
                          "--report", str(tmp_path / "r.html"), *options)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    return completed, report, (tmp_path / "r.html").read_text(encoding="utf-8")


def _types(report: dict) -> set[str]:
    return {f["type"] for f in report["pages"][0]["findings"]}


def _assert_nothing_in_clear(values, completed, report_dir) -> None:
    for path in report_dir.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for value in values:
            assert value not in text, (value, path.name)
    for value in values:
        assert value not in completed.stdout and value not in completed.stderr


def _ocr_screenshots(html: str) -> list[str]:
    """The text OCR reads in every screenshot of the HTML report (what a reader could see)."""
    from hegai.ocr import analyse_bytes

    shots = [base64.b64decode(m) for m in re.findall(r'src="data:image/jpeg;base64,([^"]+)"', html)]
    assert shots, "the report has no screenshot"
    with ThreadPoolExecutor(1) as pool:   # OCR off the event loop other modules' Playwright may hold
        return [pool.submit(lambda s=s: analyse_bytes(s).text).result() for s in shots]


def test_content_inserted_at_1_3_and_5_seconds_is_found(site, tmp_path):
    completed, report, _ = _audit(site, tmp_path, "delayed.html")
    assert completed.returncode == 1, completed.stderr
    assert {"PHONE_MOBILE", "ID_CARD", "EMAIL"} <= _types(report)
    assert report["pages"][0]["note"] == ""   # it settled: nothing to warn about


def test_content_shown_by_an_intervals_first_tick_is_found(site, tmp_path):
    """An interval's first tick is waited for like a timeout's (then it counts as polling: a
    heartbeat that never changes the page does not keep the audit waiting to the --settle bound)."""
    completed, report, _ = _audit(site, tmp_path, "interval.html", "--no-screenshots")
    assert completed.returncode == 1, completed.stderr
    assert {"PHONE_MOBILE", "ID_CARD"} <= _types(report)
    assert report["pages"][0]["note"] == ""   # it settled once the tick had come


def test_settle_is_bounded(site, tmp_path):
    completed, report, _ = _audit(site, tmp_path, "delayed.html", "--settle", "2")
    types = _types(report)
    assert "PHONE_MOBILE" in types and "EMAIL" not in types   # read by ~2 s, as asked: not waited for 5 s


def test_a_page_polling_every_300_ms_is_audited(site, tmp_path):
    completed, report, html = _audit(site, tmp_path, "polling.html")
    assert completed.returncode == 1, completed.stderr        # not "Timeout 30000ms exceeded", exit 2
    page = report["pages"][0]
    assert page["status"] == "audited" and "PHONE_MOBILE" in _types(report)
    assert "polling" in page["note"] and "polling" in html and "polling" in completed.stderr


def test_a_page_whose_load_never_ends_is_read_as_it_is(site, tmp_path):
    """A picture that never arrives keeps the load event (and network idle) from ever coming: the
    page is read after --timeout all the same, and the report says so, instead of exit 2."""
    completed, report, html = _audit(site, tmp_path, "stalled.html", "--timeout", "5", "--settle", "2",
                                     "--no-screenshots")
    assert completed.returncode == 1, completed.stderr
    page = report["pages"][0]
    assert page["status"] == "audited" and "PHONE_MOBILE" in _types(report)
    assert "had not finished loading after 5 s" in page["note"] and "had not finished loading" in html


def test_title_alt_aria_placeholder_and_input_values_count(site, tmp_path):
    completed, report, html = _audit(site, tmp_path, "attrs.html", "--no-screenshots")
    assert completed.returncode == 1, completed.stderr
    where = {f["where"] for f in report["pages"][0]["findings"]}
    assert "html > head > title" in where
    assert {"body > img [alt]", "body > button [aria-label]", "body > input:nth-of-type(1) [placeholder]",
            "body > input.filled:nth-of-type(2) [value]"} <= where
    assert report["pages"][0]["title"] == "档案 1101**********4477"
    _assert_nothing_in_clear(["110101199003074477", "13712345678", "13612345678", "hint.member@example.com",
                              "13512345678"], completed, tmp_path)


def test_a_value_in_the_url_is_counted_and_masked(site, tmp_path):
    completed, report, _ = _audit(site, tmp_path, "named.html?tel=13698765432&id=110101199003074477")
    assert completed.returncode == 1, completed.stderr
    in_url = [f for f in report["pages"][0]["findings"] if f["where"] == "(page URL)"]
    assert {f["type"] for f in in_url} == {"PHONE_MOBILE", "ID_CARD"}
    assert "136****5432" in report["pages"][0]["url"]
    _assert_nothing_in_clear(["13698765432", "110101199003074477"], completed, tmp_path)


def test_no_found_value_in_clear_in_any_report(site, tmp_path):
    """The name in the title used to be printed in clear while its finding said 李*; the CSS
    paths (``#tel-13712340000``, ``div.member-李明``) printed the values the page's ids held."""
    completed, report, html = _audit(site, tmp_path, "named.html")
    assert completed.returncode == 1, completed.stderr
    assert {"PERSON_NAME", "PHONE_MOBILE"} <= _types(report)
    assert "李明" not in report["pages"][0]["title"]
    assert "#tel-137****0000" in {f["where"] for f in report["pages"][0]["findings"]}   # still says where
    _assert_nothing_in_clear(["李明", "13712340000"], completed, tmp_path)
    for text in _ocr_screenshots(html):
        assert "13712340000" not in text.replace(" ", "")


def test_pages_served_without_a_charset(site, tmp_path):
    for page in ("nocharset-utf8.html", "nocharset-gb.html"):
        completed, report, _ = _audit(site, tmp_path, page, "--no-screenshots")
        assert completed.returncode == 1, completed.stderr
        assert {"ADDRESS", "PHONE_MOBILE"} <= _types(report), page


def test_text_and_screenshot_agree_on_a_page_that_never_holds_still(site, tmp_path):
    phones = ["13911112222", "13922223333", "13933334444", "13944445555"]
    completed, report, html = _audit(site, tmp_path, "changing.html")
    assert completed.returncode == 1, completed.stderr
    assert "PHONE_MOBILE" in _types(report)
    for text in _ocr_screenshots(html):
        compact = text.replace(" ", "")
        assert not any(p in compact for p in phones), "the screenshot shows a phone in clear"
    _assert_nothing_in_clear(phones, completed, tmp_path)


def test_the_crawler_says_who_it_is(site, tmp_path):
    before = len(site.server.agents)
    completed = run_audit(f"{site.base}/site/index.html", "--rate", "0", "--no-screenshots")
    assert completed.returncode == 0, completed.stderr
    agents = site.server.agents[before:]
    assert agents and all("HegaiAudit/" in agent for _, agent in agents), agents
    assert "/robots.txt" in [path for path, _ in agents]
