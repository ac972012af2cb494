"""Fixtures for the pytest-plugin tests: pytester and a local web server for the fixture pages."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# The pytester plugin is enabled in pyproject's addopts (-p pytester): pytest refuses
# pytest_plugins in a conftest below the rootdir when the whole suite runs.

PAGES = Path(__file__).parent / "pages"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def pages_url():
    """Base URL of tests/plugin/pages served on 127.0.0.1 (a random free port)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(PAGES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
