"""pytest plugin (entry point ``pytest11: hegai``): Hegai's checks inside an existing suite.

Fixtures:

- ``assert_no_exposed_pii(page, allow=[...], ignore_types=[...], min_level=None)``: the
  assertion, with the project-wide defaults from the ini options below merged in;
- ``hegai_browser`` (session) and ``hegai_page``: Debian's chromium through Playwright, for
  suites that do not bring their own ``page`` (pytest-playwright's ``page`` works as well).

Ini options (pytest.ini / pyproject ``[tool.pytest.ini_options]``):
``hegai_allow`` (one value per line), ``hegai_ignore_types``, ``hegai_min_level``.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("hegai_allow", type="linelist", default=[],
                  help="Hegai: public values pages may show (one per line), e.g. a business hotline")
    parser.addini("hegai_ignore_types", type="args", default=[],
                  help="Hegai: PII types never reported, e.g. EMAIL PHONE_LANDLINE")
    parser.addini("hegai_min_level", default="",
                  help="Hegai: fail only at this 开盒 risk level or above (low|medium|high|critical)")


@pytest.fixture
def assert_no_exposed_pii(request: pytest.FixtureRequest):
    """The assertion, with the suite's ini defaults: call it with a Playwright page."""
    from .assertion import assert_no_exposed_pii as check

    config = request.config
    default_allow = list(config.getini("hegai_allow"))
    default_ignore = list(config.getini("hegai_ignore_types"))
    default_level = config.getini("hegai_min_level") or None

    def assert_page(page, allow=(), ignore_types=(), min_level=default_level, include_hidden=False):
        __tracebackhide__ = True
        return check(page, allow=default_allow + list(allow), ignore_types=default_ignore + list(ignore_types),
                     min_level=min_level, include_hidden=include_hidden)

    return assert_page


@pytest.fixture(scope="session")
def hegai_browser():
    """Debian's chromium (``$HEGAI_CHROMIUM`` overrides), headless, for the whole session."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    from .browser import launch_chromium

    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def hegai_page(hegai_browser):
    """A fresh page in its own browser context."""
    context = hegai_browser.new_context()
    page = context.new_page()
    yield page
    context.close()
