"""The pytest plugin in real pytest runs (pytester, subprocess): a suite's view of Hegai.

Each run is a separate pytest process in a temp dir that only has the plugin through its
``pytest11`` entry point, drives Debian's chromium (one browser per run) and loads pages from
a local http.server.
"""

from __future__ import annotations

import pytest

RAW_VALUES = ["13800138000", "110101199003074477", "zhangsan.private@example.com", "400-800-1234"]

SUITE = '''
import re
import pytest

BASE = "{base}"


def test_leak_page(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/leak.html")
    assert_no_exposed_pii(hegai_page)


def test_clean_page(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/clean.html")
    result = assert_no_exposed_pii(hegai_page)
    assert result.exposures == []


def test_hotline_allowed(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/hotline.html")
    result = assert_no_exposed_pii(hegai_page, allow=["400 800 1234"])
    assert [e.type for e in result.allowed] == ["PHONE_LANDLINE"]


def test_hotline_allowed_by_pattern(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/hotline.html")
    assert_no_exposed_pii(hegai_page, allow=[re.compile(r"400-\\d{{3}}-\\d{{4}}")])


def test_hotline_not_allowed(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/hotline.html")
    assert_no_exposed_pii(hegai_page, allow=["400-800-9999"])


def test_email_ignored(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/email-only.html")
    result = assert_no_exposed_pii(hegai_page, ignore_types=["EMAIL"])
    assert [e.type for e in result.ignored] == ["EMAIL"]


def test_email_not_ignored(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/email-only.html")
    assert_no_exposed_pii(hegai_page, ignore_types=["PHONE_MOBILE"])


def test_mild_page_below_min_level(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/mild.html")
    result = assert_no_exposed_pii(hegai_page, min_level="critical")
    assert [e.type for e in result.exposures] == ["PHONE_MOBILE"]


def test_dox_page_at_min_level(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/dox.html")
    assert_no_exposed_pii(hegai_page, min_level="high")


def test_unknown_type_is_a_usage_error(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/clean.html")
    with pytest.raises(ValueError, match="unknown PII type"):
        assert_no_exposed_pii(hegai_page, ignore_types=["PHONE"])
'''


def _section(output: str, test_name: str) -> str:
    """The failure section pytest prints for one test."""
    marker = f"_ {test_name} _"
    start = output.index(marker)
    ends = [e for e in (output.find("\n___", start + len(marker)), output.find("short test summary", start)) if e != -1]
    return output[start:min(ends) if ends else len(output)]


def test_pages_through_the_plugin(pytester: pytest.Pytester, pages_url):
    """One pytest run (one browser): verdicts, the readable masked message, allow-lists, types, levels."""
    pytester.makepyfile(test_pages=SUITE.format(base=pages_url))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA", timeout=180)
    output = result.stdout.str() + result.stderr.str()
    result.assert_outcomes(passed=6, failed=4)
    result.stdout.fnmatch_lines_random([
        "FAILED test_pages.py::test_leak_page*",
        "FAILED test_pages.py::test_hotline_not_allowed*",
        "FAILED test_pages.py::test_email_not_ignored*",
        "FAILED test_pages.py::test_dox_page_at_min_level*",
    ])

    leak = _section(output, "test_leak_page")
    assert "Hegai: personal information exposed on http://127.0.0.1:" in leak
    assert "expected: no exposed personal information" in leak
    # Which types, where (CSS paths, through the shadow root and the iframe), masked values.
    assert "PHONE_MOBILE (手机号) 138****8000" in leak
    assert "where: #contact > b" in leak
    assert "联系电话：138****8000 身份证号 1101**********4477" in leak   # excerpt, all masked
    assert "ID_CARD (身份证号)" in leak and "profile-card ::shadow div.card > span.id" in leak
    assert "EMAIL (电子邮箱)" in leak and "where: #mailbox ::frame body > p.mail" in leak

    assert "PHONE_LANDLINE (固定电话)" in _section(output, "test_hotline_not_allowed")
    assert "EMAIL (电子邮箱)" in _section(output, "test_email_not_ignored")
    dox = _section(output, "test_dox_page_at_min_level")
    assert "(fails at high or above)" in dox and "ADDRESS (住址)" in dox
    for value in RAW_VALUES:   # masked values only, anywhere in the output
        assert value not in output


def test_ini_defaults(pytester: pytest.Pytester, pages_url):
    """Project-wide allow-list, ignored types and level from the ini file."""
    pytester.makeini(
        "[pytest]\n"
        "hegai_allow =\n    400-800-1234\n"
        "hegai_ignore_types = EMAIL\n"
        "hegai_min_level = critical\n")
    pytester.makepyfile(test_ini=f'''
BASE = "{pages_url}"

def test_hotline(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/hotline.html")
    assert_no_exposed_pii(hegai_page)

def test_email(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/email-only.html")
    assert_no_exposed_pii(hegai_page)

def test_mild_below_ini_level(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/mild.html")
    assert_no_exposed_pii(hegai_page)

def test_call_overrides_ini_level(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/mild.html")
    assert_no_exposed_pii(hegai_page, min_level="any")

def test_readme_min_level_none_keeps_the_ini_level(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/mild.html")
    assert_no_exposed_pii(hegai_page, min_level=None)

def test_defaults_false_undoes_the_ini_allow_list(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/hotline.html")
    assert_no_exposed_pii(hegai_page, defaults=False)

def test_ini_ignore_type_undone_per_test(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/email-only.html")
    assert_no_exposed_pii(hegai_page, defaults=False)

def test_lowercase_type(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/email-only.html")
    assert_no_exposed_pii(hegai_page, ignore_types=["email"], defaults=False)
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=180)
    result.assert_outcomes(passed=5, failed=3)
    result.stdout.fnmatch_lines_random(["FAILED test_ini.py::test_call_overrides_ini_level*",
                                        "FAILED test_ini.py::test_defaults_false_undoes_the_ini_allow_list*",
                                        "FAILED test_ini.py::test_ini_ignore_type_undone_per_test*"])


def test_hegai_page_next_to_pytest_playwrights_page(pytester: pytest.Pytester, pages_url):
    """One run using pytest-playwright's ``page`` and Hegai's ``hegai_page``: both work."""
    pytest.importorskip("pytest_playwright", reason="pytest-playwright is in the test extra")
    pytester.makeconftest('''
import pytest
from hegai.testing.browser import LAUNCH_ARGS, chromium_executable

@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": chromium_executable(), "args": LAUNCH_ARGS}
''')
    pytester.makepyfile(test_both=f'''
BASE = "{pages_url}"

def test_hegai_page_first(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/clean.html")
    assert_no_exposed_pii(hegai_page)

def test_playwright_page(page, assert_no_exposed_pii):
    page.goto(BASE + "/clean.html")
    assert_no_exposed_pii(page)

def test_playwright_page_leak(page, assert_no_exposed_pii):
    page.goto(BASE + "/leak.html")
    assert_no_exposed_pii(page)

def test_hegai_page_again(hegai_page, assert_no_exposed_pii):
    hegai_page.goto(BASE + "/clean.html")
    assert_no_exposed_pii(hegai_page)
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "playwright", timeout=180)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["FAILED test_both.py::test_playwright_page_leak*"])
    assert "Hegai: personal information exposed" in result.stdout.str()


def test_title_and_attributes_count_in_the_plugin(pytester: pytest.Pytester, pages_url):
    """An ID in <title>, a phone in alt and in an input's value fail the assertion, each located."""
    pytester.makepyfile(test_attrs=f'''
def test_attrs(hegai_page, assert_no_exposed_pii):
    hegai_page.goto("{pages_url}/attrs.html")
    assert_no_exposed_pii(hegai_page)
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=180)
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    for where in ("where: html > head > title", "where: body > img [alt]", "where: body > input.filled [value]"):
        assert where in output
    for value in ("110101199003074477", "13712345678", "13512345678"):
        assert value not in output


@pytest.mark.parametrize("ini, message", [
    ("hegai_min_level = hihg\n", "hegai_min_level: unknown risk level 'hihg'"),
    ("hegai_ignore_types = EMAIL PHONE\n", "hegai_ignore_types: unknown PII type(s) PHONE"),
])
def test_a_bad_ini_value_stops_the_run_before_any_test(pytester: pytest.Pytester, ini, message):
    """Issue 22 ("options that fail late"): a typo in the ini was noticed only when a test called
    the assertion (each such test failing on its own ValueError after loading its page, the others
    passing); it is a usage error at start-up, before any test runs."""
    pytester.makeini("[pytest]\n" + ini)
    pytester.makepyfile(test_ini='''
def test_one(assert_no_exposed_pii):
    assert True
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=120)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    output = result.stdout.str() + result.stderr.str()
    assert message in output and "Traceback" not in output
    assert "1 passed" not in output and "test_one" not in result.stdout.str()


@pytest.mark.parametrize("playwright_plugin", ["playwright", "no:playwright"])
def test_hegai_page_next_to_a_suites_own_sync_playwright_says_what_to_do(pytester: pytest.Pytester,
                                                                          playwright_plugin):
    """A suite that runs a sync Playwright of its own cannot have a second one in its thread: the
    error names Hegai and says what to do, with pytest-playwright installed or not (with it, the
    error came from inside pytest-playwright's fixture and never mentioned Hegai)."""
    if playwright_plugin == "playwright":
        pytest.importorskip("pytest_playwright", reason="pytest-playwright is in the test extra")
    pytester.makeconftest('''
import pytest
from playwright.sync_api import sync_playwright

@pytest.fixture(scope="session")
def own_playwright():
    with sync_playwright() as playwright:
        yield playwright
''')
    pytester.makepyfile(test_own='''
def test_own_then_hegai(own_playwright, hegai_page):
    hegai_page.set_content("<p>你好</p>")
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", playwright_plugin, timeout=120)
    result.assert_outcomes(errors=1)
    output = result.stdout.str()
    assert "Hegai: hegai_browser/hegai_page cannot start Playwright" in output
    assert "pass that suite's page to assert_no_exposed_pii" in output
