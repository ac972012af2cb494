"""E2E fixtures: the real service (LiveService), Debian chromium with the extension, and the
fixture web server. One browser and one service per test module, shared by its tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .harness import ROOT, FIXTURES_DIR, Browser, FixtureServer, chromium_path

sys.path.insert(0, str(ROOT))
from tests.helpers.live_service import LiveService  # noqa: E402


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright_instance():
    if not os.access(chromium_path(), os.X_OK):
        pytest.skip(f"no chromium at {chromium_path()} (set HEGAI_CHROMIUM or run scripts/setup test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def fixtures():
    with FixtureServer(FIXTURES_DIR) as server:
        yield server


@pytest.fixture(scope="module")
def service():
    with LiveService() as svc:
        yield svc


@pytest.fixture(scope="module")
def browser(playwright_instance, service):
    """Chromium with the extension, pointed at this module's service and paired through the CLI."""
    b = Browser(playwright_instance)
    b.connect(service.port, service.token)
    yield b
    b.close()


@pytest.fixture
def page(browser):
    p = browser.context.new_page()
    yield p
    p.close()
