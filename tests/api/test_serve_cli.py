"""``hegai serve`` and ``hegai pair --new-token`` as a user (or a script) runs them."""

from __future__ import annotations

import subprocess
import sys

from hegai.service.server import is_loopback


def hegai(*args, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "hegai.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_loopback_names():
    assert all(map(is_loopback, ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.2", "example.com", "::"]))


def test_serve_refuses_a_non_loopback_host(tmp_path):
    import os

    out = hegai("serve", "--host", "0.0.0.0", "--port", "0", env={**os.environ, "HEGAI_HOME": str(tmp_path)})
    assert out.returncode == 2
    assert "refusing" in out.stderr and "--allow-remote" in out.stderr


def test_pair_new_token_works_against_a_running_server(live):
    token = hegai("pair", "--new-token", env=live.env).stdout.strip()
    assert len(token) >= 32
    client = live.client()
    client.token = token
    assert client.get("/api/v1/settings").status == 200
    client.close()


def test_pair_without_flag_explains(tmp_path):
    import os

    out = hegai("pair", env={**os.environ, "HEGAI_HOME": str(tmp_path)})
    assert out.returncode == 0 and "--new-token" in out.stdout


def test_serve_on_another_loopback_address_accepts_its_own_host(tmp_path):
    from helpers.http import HttpClient
    from helpers.live_service import _SERVING
    import os
    import select
    import signal

    proc = subprocess.Popen([sys.executable, "-m", "hegai.cli", "serve", "--host", "127.0.0.2", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={**os.environ, "HEGAI_HOME": str(tmp_path / "h")})
    try:
        select.select([proc.stdout], [], [], 30)
        port = int(_SERVING.search(proc.stdout.readline().decode()).group(1))
        client = HttpClient(f"http://127.0.0.2:{port}")
        for _ in range(100):
            try:
                assert client.get("/api/v1/health").status == 200
                break
            except ConnectionRefusedError:
                import time
                time.sleep(0.05)
        assert client.get("/api/v1/health", headers={"Host": f"evil.example:{port}"}).status == 403
        client.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0


def test_serve_prints_the_next_steps_a_new_user_takes(tmp_path):
    import os
    import select
    import signal

    from hegai.extension_files import extension_dir

    proc = subprocess.Popen([sys.executable, "-m", "hegai.cli", "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={**os.environ, "HEGAI_HOME": str(tmp_path / "h")})
    try:
        out = b""
        while b"Ctrl+C" not in out:
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, f"no next steps printed: {out!r}"
            chunk = os.read(proc.stdout.fileno(), 4096)
            assert chunk, f"the service ended: {out!r}"
            out += chunk
        text = out.decode("utf-8")
        assert "serving on" in text and str(extension_dir()) in text
        assert "chrome://extensions" in text and "我的信息" in text and "Options → My information" in text
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
