"""Hostile input answers 4xx JSON, never a 500 or a reset: ids past SQLite's range, a picture that
declares absurd dimensions, a re-check against a loopback server that answers garbage or trickles,
bodies larger than the wire limit used to be."""

from __future__ import annotations

import io
import socket
import threading
import time

import pytest
from PIL import Image

from helpers.report_samples import DOX_POST
from hegai.reports import recheck as recheck_mod

HUGE = 2 ** 63 + 5


def assert_json_4xx(reply, status=None):
    assert 400 <= reply.status < 500, (reply.status, reply.body[:300])
    assert status is None or reply.status == status, (reply.status, reply.body[:300])
    assert "error" in reply.json()


@pytest.mark.parametrize("method,path", [
    ("DELETE", f"/api/v1/vault/{HUGE}"), ("GET", f"/api/v1/reports/{HUGE}"), ("PATCH", f"/api/v1/reports/{HUGE}"),
    ("GET", f"/api/v1/reports/{HUGE}/evidence.zip"), ("POST", f"/api/v1/reports/{HUGE}/recheck"),
    ("DELETE", f"/api/v1/vault/{2 ** 64}")])
def test_ids_beyond_64_bits_are_404(api, method, path):
    body = '{"status": "submitted"}' if method == "PATCH" else "{}"
    assert_json_4xx(api.request(method, path, body=body, headers={"Content-Type": "application/json"}), 404)


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.mark.parametrize("width,height", [(40_000_000, 1), (1, 30_000), (6000, 6000), (20_000, 8), (5000, 60)])
def test_pictures_with_absurd_dimensions_are_refused_from_the_header(flask_api, width, height):
    data = png(width, height)
    assert len(data) < 100_000          # small files that declare many pixels
    reply = flask_api.post("/api/v1/image", body=data, headers={"Content-Type": "image/png"})
    assert_json_4xx(reply, 400)
    assert reply.json()["error"]["code"] in ("too_many_pixels", "bad_shape")


# -- re-check against a hostile loopback server ------------------------------------------------

class RawServer:
    """A loopback TCP server that answers every connection with ``reply`` (bytes or a callable)."""

    def __init__(self, reply):
        self.reply = reply
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn):
        try:
            conn.recv(65536)
            if callable(self.reply):
                self.reply(conn, self.stop)
            else:
                conn.sendall(self.reply)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.stop.set()
        self.sock.close()


def trickle(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    while not stop.is_set():          # one header byte a second: every single read succeeds
        conn.sendall(b"X")
        time.sleep(0.5)


HOSTILE = {
    "not_http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
    "too_many_headers": b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(150)) + b"\r\nhi",
    "long_status": b"HTTP/1.1 200 " + b"A" * 100_000 + b"\r\n\r\n",
}


def create_report(api, url) -> int:
    reply = api.post("/api/v1/reports", json={"url": url, "text": DOX_POST, "title": "t"})
    assert reply.status == 201, reply.body[:300]
    return reply.json()["report"]["id"]


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_recheck_of_a_server_answering_garbage_is_4xx(api, case):
    server = RawServer(HOSTILE[case])
    try:
        report_id = create_report(api, f"http://127.0.0.1:{server.port}/post/1")
        assert_json_4xx(api.post(f"/api/v1/reports/{report_id}/recheck", body=""), 422)
    finally:
        server.close()


def test_recheck_with_an_unknown_charset_reads_the_page_as_utf8(api):
    page = "<html><body>已删除</body></html>".encode()
    server = RawServer(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=x-no-such-charset\r\n"
                       b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(page), page))
    try:
        report_id = create_report(api, f"http://127.0.0.1:{server.port}/post/2")
        reply = api.post(f"/api/v1/reports/{report_id}/recheck", body="")
        assert reply.status == 200, reply.body[:300]
        assert reply.json()["recheck"]["verdict"] == "content_removed"
    finally:
        server.close()


def test_recheck_of_a_trickling_server_ends_within_the_overall_deadline(flask_api, monkeypatch):
    monkeypatch.setattr(recheck_mod, "FETCH_DEADLINE", 1.5)
    server = RawServer(trickle)
    try:
        report_id = create_report(flask_api, f"http://127.0.0.1:{server.port}/post/3")
        started = time.monotonic()
        reply = flask_api.post(f"/api/v1/reports/{report_id}/recheck", body="")
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert reply.status == 502 and reply.json()["error"]["code"] == "fetch_failed"
    assert elapsed < 30      # without an overall limit the trickle never ends


# -- bodies --------------------------------------------------------------------------------------

@pytest.mark.parametrize("megabytes", [20, 64])
def test_bodies_beyond_16_mb_get_the_json_413(live, megabytes):
    client = live.client()
    reply = client.post("/api/v1/scan", body=b"{" + b" " * (megabytes * 1024 * 1024) + b"}",
                        headers={"Content-Type": "application/json"})
    client.close()
    assert_json_4xx(reply, 413)


def test_reports_413_quotes_the_reports_limit(api):
    from hegai.service.reports_api import CREATE_BODY_LIMIT

    reply = api.post("/api/v1/reports", body=b"{" + b" " * (CREATE_BODY_LIMIT + 10) + b"}",
                     headers={"Content-Type": "application/json"})
    assert_json_4xx(reply, 413)
    assert str(CREATE_BODY_LIMIT) in reply.json()["error"]["message"]
