"""``LiveService``: the real ``hegai serve`` in a subprocess, for API, e2e and benchmark suites.

    with LiveService() as svc:          # temp HEGAI_HOME, free port, waits for /health
        svc.url, svc.port, svc.token    # token made with `hegai pair --new-token`
        svc.kill(); svc.restart()       # SIGKILL, then start again on the same port and data

Extra environment (e.g. ``HEGAI_RATE_PER_SEC``) goes in ``env``.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .http import HttpClient

_SERVING = re.compile(r"serving on http://[^\s:]+:(\d+)")


class LiveService:
    def __init__(self, home: str | Path | None = None, env: dict | None = None, port: int = 0,
                 startup_timeout: float = 30):
        self._own_home = home is None
        self.home = Path(home) if home else Path(tempfile.mkdtemp(prefix="hegai-live-")) / "home"
        self.env = {**os.environ, "HEGAI_HOME": str(self.home), **(env or {})}
        self.port = port
        self.startup_timeout = startup_timeout
        self.proc: subprocess.Popen | None = None
        self._token: str | None = None
        self.log_path = self.home.parent / f"service-{os.getpid()}-{id(self)}.log"

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> "LiveService":
        self.home.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hegai.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=subprocess.PIPE, stderr=log, start_new_session=True)
        log.close()
        self.port = self._read_port()
        self._wait_healthy()
        return self

    def _read_port(self) -> int:
        deadline = time.monotonic() + self.startup_timeout
        buf = b""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hegai serve exited with {self.proc.returncode}; see {self.log_path}")
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                buf += chunk
                m = _SERVING.search(buf.decode("utf-8", "replace"))
                if m:
                    return int(m.group(1))
        raise TimeoutError(f"hegai serve did not start; see {self.log_path}")

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            try:
                if self.client(auth=False).get("/api/v1/health").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise TimeoutError("hegai serve never answered /api/v1/health")

    def stop(self, timeout: float = 10) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close_pipe()

    def kill(self) -> None:
        """SIGKILL: no cleanup, no flush — what a crash looks like."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self._close_pipe()

    def restart(self) -> "LiveService":
        if self.proc and self.proc.poll() is None:
            self.stop()
        return self.start()

    def _close_pipe(self) -> None:
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def cleanup(self) -> None:
        self.stop()
        if self._own_home:
            shutil.rmtree(self.home.parent, ignore_errors=True)

    def __enter__(self) -> "LiveService":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cleanup()

    # -- access ----------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def token(self) -> str:
        """A token made the headless way: ``hegai pair --new-token``."""
        if self._token is None:
            out = subprocess.run([sys.executable, "-m", "hegai.cli", "pair", "--new-token"], env=self.env,
                                 capture_output=True, text=True, check=True, timeout=60)
            self._token = out.stdout.strip().splitlines()[-1]
        return self._token

    def client(self, auth: bool = True) -> HttpClient:
        return HttpClient(self.url, token=self.token if auth else None)

    @property
    def db_path(self) -> Path:
        return self.home / "hegai.db"
