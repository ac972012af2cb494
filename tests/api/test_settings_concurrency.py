"""Concurrent partial settings writes against the real served service: every acknowledged write
sticks (each PUT adds a different site), also when the process is SIGKILLed mid-burst."""

from __future__ import annotations

import threading
import time

import pytest

from helpers.http import HttpClient
from helpers.live_service import LiveService

pytestmark = pytest.mark.slow
WRITERS = 200
FAST = {"HEGAI_RATE_PER_SEC": "100000", "HEGAI_RATE_BURST": "100000"}


def add_site(url: str, token: str, n: int, acked: list, start: threading.Event) -> None:
    client = HttpClient(url, token=token, timeout=30)
    start.wait()
    try:
        reply = client.put("/api/v1/settings", json={"sites": {f"site-{n}.example": {"enabled": False}}})
        if reply.status == 200:
            acked.append(f"site-{n}.example")
    except OSError:
        pass             # the server was killed before answering: not acknowledged
    finally:
        client.close()


def burst(svc: LiveService, acked: list) -> list[threading.Thread]:
    start = threading.Event()
    threads = [threading.Thread(target=add_site, args=(svc.url, svc.token, n, acked, start))
               for n in range(WRITERS)]
    for t in threads:
        t.start()
    start.set()
    return threads


def stored_sites(svc: LiveService) -> set[str]:
    reply = svc.client().get("/api/v1/settings")
    assert reply.status == 200
    return set(reply.json()["sites"])


def test_200_concurrent_settings_writes_lose_nothing():
    with LiveService(env=FAST) as svc:
        acked: list[str] = []
        for t in burst(svc, acked):
            t.join(60)
        assert len(acked) == WRITERS
        lost = set(acked) - stored_sites(svc)
        assert not lost, f"{len(lost)} acknowledged settings writes lost"


def test_acknowledged_settings_writes_survive_sigkill():
    with LiveService(env=FAST) as svc:
        acked: list[str] = []
        threads = burst(svc, acked)
        deadline = time.monotonic() + 30
        while len(acked) < 20 and time.monotonic() < deadline:
            time.sleep(0.005)
        svc.kill()
        for t in threads:
            t.join(30)
        assert len(acked) >= 20, "the burst should have been under way"
        svc.restart()
        lost = set(acked) - stored_sites(svc)
        assert not lost, f"{len(lost)} of {len(acked)} acknowledged settings writes lost across kill -9"
