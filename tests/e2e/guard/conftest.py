"""Extra fixtures for the pre-post guard's end-to-end tests. The service (`service`: the real
`hegai serve`, temporary HEGAI_HOME) and chromium with the real extension (`browser`) come from
tests/e2e/conftest.py; this adds a web server whose root is tests/e2e, so that /editors/dist/*.js
(the real npm editor packages bundled by tests/e2e/editors/build.sh) and /guard/fixtures/*.html
resolve, plus a small API client for setting up vault entries.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parents[1]
EDITORS = E2E / "editors"


class ServiceApi:
    """The test's own line to the service (no Origin: like the CLI), for vault set-up."""

    def __init__(self, live):
        self.port = live.port
        self.token = live.token

    def call(self, method: str, path: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/v1{path}", data=data, method=method,
                                     headers={"Authorization": f"Bearer {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read() or b"null")


@pytest.fixture(scope="module")
def guard_service(service):
    return ServiceApi(service)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def guard_pages():
    """Base URL of the fixture server (web root: tests/e2e)."""
    if not (EDITORS / "dist" / ".built").exists():
        build = EDITORS / "build.sh"
        if not shutil.which("npm"):
            pytest.skip("npm is not installed: cannot build the editor fixtures (scripts/setup test does)")
        subprocess.run([str(build)], check=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(E2E)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/guard/fixtures"
    server.shutdown()


@pytest.fixture(scope="module")
def guard_context(browser):
    """The chromium context with the extension, paired with this module's service."""
    browser.context.extension_worker = browser.sw
    browser.close_pages(lambda url: "/pair" in url)
    return browser.context


@pytest.fixture
def open_fixture(guard_context, guard_pages):
    """Open a fixture page by file name; closes it after the test."""
    pages = []

    def _open(name: str):
        page = guard_context.new_page()
        pages.append(page)
        page.goto(f"{guard_pages}/{name}")
        page.wait_for_function("() => typeof window.__editorText === 'function'")
        return page

    yield _open
    for page in pages:
        page.close()


@pytest.fixture
def set_service_port(guard_context, guard_service):
    """Point the extension at another port (no service there = offline); restored afterwards."""
    worker = guard_context.extension_worker

    def _set(port: int):
        worker.evaluate("(port) => chrome.storage.local.set({servicePort: port})", port)

    yield _set
    _set(guard_service.port)
