"""A page cannot forge log lines: an <img> whose path holds %0a or %00 reaches the service as a
refused request, and the refused path is logged escaped, on one line, without a NUL."""

from __future__ import annotations

import logging
import time

from helpers.live_service import LiveService

FORGED = "/api/v1/x%0a2026-01-01%2000:00:00,000%20hegai.service%20INFO%20vault:%20exported%00%0d"


def test_refused_path_is_logged_escaped_by_the_real_service():
    with LiveService() as svc:
        client = svc.client(auth=False)
        assert client.get(FORGED, auth=False).status == 401
        deadline = time.monotonic() + 10
        while b"refused" not in svc.log_path.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.05)
        log = svc.log_path.read_bytes()
    refused = [line for line in log.splitlines() if b"refused GET" in line]
    assert refused, log[-2000:]
    assert b"\x00" not in log and b"\r" not in log
    assert not [line for line in log.splitlines() if line.startswith(b"2026-01-01")]
    assert b"\\n2026-01-01" in refused[0]


def test_refused_path_is_escaped_in_the_app_log(flask_api, caplog):
    with caplog.at_level(logging.WARNING, logger="hegai.service"):
        assert flask_api.get(FORGED, auth=False).status == 401
    messages = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert messages and all("\n" not in m and "\x00" not in m and "\r" not in m for m in messages)
