"""pytest plugin (entry point ``pytest11: hegai``): Hegai's checks inside an existing suite.

Fixtures:

- ``assert_no_exposed_pii(page, allow=[...], ignore_types=[...], min_level=None)``: the
  assertion, with the project-wide defaults from the ini options below merged in;
- ``hegai_browser`` (session) and ``hegai_page``: Debian's chromium through Playwright, for
  suites that do not bring their own ``page`` (pytest-playwright's ``page`` works as well).

Ini options (pytest.ini / pyproject ``[tool.pytest.ini_options]``):
``hegai_allow`` (one value per line), ``hegai_ignore_types``, ``hegai_min_level``. A call's
arguments add to them; ``min_level="any"`` fails on any finding whatever the ini says, and
``defaults=False`` leaves the ini's allow-list, ignored types and level out for that call.
"""

from __future__ import annotations

import pytest

_PLAYWRIGHT_PLUGINS = ("playwright", "pytest_playwright", "pytest_playwright.pytest_playwright")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("hegai_allow", type="linelist", default=[],
                  help="Hegai: public values pages may show (one per line), e.g. a business hotline")
    parser.addini("hegai_ignore_types", type="args", default=[],
                  help="Hegai: PII types never reported, e.g. EMAIL PHONE_LANDLINE")
    parser.addini("hegai_min_level", default="",
                  help="Hegai: fail only at this 开盒 risk level or above (low|medium|high|critical)")


def pytest_configure(config: pytest.Config) -> None:
    """A wrong ini value stops the run before any test (issue 22: it failed late, in each test
    that called the assertion, after its page had loaded). Hegai's modules are imported only when
    the ini sets a value: a suite that does not use the plugin does not pay for them."""
    level = config.getini("hegai_min_level")
    if level and level != "any":
        from .exposure import level_rank

        try:
            level_rank(level)
        except ValueError as exc:
            raise pytest.UsageError(f"Hegai: hegai_min_level: {exc}") from None
    types = config.getini("hegai_ignore_types")
    if types:
        from .assertion import _check_types

        try:
            _check_types(types)
        except ValueError as exc:
            raise pytest.UsageError(f"Hegai: hegai_ignore_types: {exc}") from None


@pytest.fixture
def assert_no_exposed_pii(request: pytest.FixtureRequest):
    """The assertion, with the suite's ini defaults: call it with a Playwright page."""
    from .assertion import assert_no_exposed_pii as check

    config = request.config
    default_allow = list(config.getini("hegai_allow"))
    default_ignore = list(config.getini("hegai_ignore_types"))
    default_level = config.getini("hegai_min_level") or None

    def assert_page(page, allow=(), ignore_types=(), min_level=None, include_hidden=False, defaults=True):
        # min_level=None means "the suite's default" (issue 22: the README's min_level=None used to
        # beat the ini silently); "any" is the explicit "fail on any finding".
        __tracebackhide__ = True
        base_allow, base_ignore = (default_allow, default_ignore) if defaults else ([], [])
        level = min_level if min_level is not None else (default_level if defaults else None)
        return check(page, allow=base_allow + list(allow), ignore_types=base_ignore + list(ignore_types),
                     min_level=level, include_hidden=include_hidden)

    return assert_page


def _pytest_playwright_active(config: pytest.Config) -> bool:
    return any(config.pluginmanager.has_plugin(name) for name in _PLAYWRIGHT_PLUGINS)


def _second_playwright(exc: Exception) -> pytest.UsageError:
    """What to do when a sync Playwright already runs in this thread (Playwright's own message
    speaks of asyncio and never of Hegai)."""
    return pytest.UsageError(
        "Hegai: hegai_browser/hegai_page cannot start Playwright because this suite already runs "
        "a sync Playwright of its own; pass that suite's page to assert_no_exposed_pii instead of "
        f"using hegai_page ({str(exc).splitlines()[0]})")


@pytest.fixture(scope="session")
def hegai_browser(request: pytest.FixtureRequest):
    """Debian's chromium (``$HEGAI_CHROMIUM`` overrides), headless, for the whole session.

    With pytest-playwright in the run, its session Playwright is shared (two sync Playwrights
    cannot run in one thread: every ``page`` test failed with an asyncio message).
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    from .browser import launch_chromium

    if _pytest_playwright_active(request.config):
        try:
            shared = request.getfixturevalue("playwright")
        except sync_api.Error as exc:   # the suite's own sync Playwright came first
            raise _second_playwright(exc) from None
        browser = launch_chromium(shared)
        yield browser
        browser.close()
        return
    try:
        manager = sync_api.sync_playwright()
        playwright = manager.__enter__()
    except sync_api.Error as exc:
        raise _second_playwright(exc) from None
    try:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
    finally:
        manager.__exit__(None, None, None)


@pytest.fixture
def hegai_page(hegai_browser):
    """A fresh page in its own browser context."""
    context = hegai_browser.new_context()
    page = context.new_page()
    yield page
    context.close()
