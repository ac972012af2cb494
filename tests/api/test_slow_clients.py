"""Half-open connections (slowloris) do not take the real service down: with 200 sockets that
sent part of a request and hold it, /health still answers within a bounded wait."""

from __future__ import annotations

import socket

import pytest

from helpers.http import HttpClient
from helpers.live_service import LiveService

pytestmark = pytest.mark.slow
HELD = 200


def half_open(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(f"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ".encode())
    return sock


def test_200_half_open_connections_leave_health_answering():
    with LiveService() as svc:
        held = [half_open(svc.port) for _ in range(HELD)]
        try:
            client = HttpClient(svc.url, timeout=1.0)
            reply = client.get("/api/v1/health", auth=False)   # a timeout raises: the test fails
            assert reply.status == 200 and reply.json()["status"] == "ok"
            client.close()
        finally:
            for sock in held:
                sock.close()
