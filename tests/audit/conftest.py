"""Fixtures for the ``hegai audit`` tests: the fixture site on a local server that logs requests."""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SITE = Path(__file__).parent / "site"
STALL_S = 20   # longer than any --timeout the tests give; the handler thread is a daemon


class RecordingHandler(SimpleHTTPRequestHandler):
    """Serves the fixture site and records (time, path) of every request, to check robots and rate."""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.server.requests.append((time.monotonic(), self.path))
        self.server.agents.append((self.path, self.headers.get("User-Agent", "")))
        if self.path.startswith("/stall/"):   # a subresource that never arrives (the load event never comes)
            time.sleep(STALL_S)
            return
        super().do_GET()


class FixtureSite:
    def __init__(self):
        handler = functools.partial(RecordingHandler, directory=str(SITE))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.requests = []
        self.server.agents = []
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture(scope="module")
def site():
    fixture = FixtureSite()
    thread = threading.Thread(target=fixture.server.serve_forever, daemon=True)
    thread.start()
    yield fixture
    fixture.server.shutdown()
    fixture.server.server_close()

