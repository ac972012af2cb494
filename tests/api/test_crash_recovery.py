"""SIGKILL the real server in the middle of a burst of vault writes, then restart it:
every write that was acknowledged (201) is there, and the database opens clean."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from helpers.http import HttpClient
from helpers.live_service import LiveService

pytestmark = pytest.mark.slow


def writer(url: str, token: str, prefix: str, acked: dict, stop: threading.Event, limit: int = 2000):
    client = HttpClient(url, token=token, timeout=5)
    for i in range(limit):
        if stop.is_set():
            break
        value = f"{prefix}{i:08d}"
        try:
            reply = client.post("/api/v1/vault", json={"kind": "phone", "value": value})
        except OSError:
            break          # the server is gone
        if reply.status == 201:
            acked[reply.json()["entry"]["id"]] = value
    client.close()


def test_acknowledged_writes_survive_sigkill():
    with LiveService(env={"HEGAI_RATE_PER_SEC": "100000", "HEGAI_RATE_BURST": "100000"}) as svc:
        token = svc.token
        acked: dict[int, str] = {}
        stop = threading.Event()
        threads = [threading.Thread(target=writer, args=(svc.url, token, p, acked, stop)) for p in ("138", "139")]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 20
        while len(acked) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        svc.kill()                      # mid-burst: the writers are still sending
        stop.set()
        for t in threads:
            t.join(10)
        assert len(acked) >= 40, "the burst should have been under way"

        conn = sqlite3.connect(svc.db_path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = dict(conn.execute("SELECT id, value FROM vault"))
        conn.close()
        missing = {i: v for i, v in acked.items() if stored.get(i) != v}
        assert not missing, f"{len(missing)} acknowledged writes lost"

        svc.restart()
        listed = {e["id"] for e in svc.client().get("/api/v1/vault").json()["entries"]}
        assert set(acked) <= listed
        assert svc.client().post("/api/v1/vault", json={"kind": "phone", "value": "13700000001"}).status == 201
