"""Re-check: is the reported personal info still on the page?

The service never makes requests off the machine. The extension re-opens the reported URL in a
background tab (so the page renders as the user sees it, logged in), reads its text and posts
it to ``/api/v1/reports/<id>/recheck``. Only for a loopback URL (a local test or intranet page
served on this machine) may the service fetch the page itself; redirects are not followed.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .exposure import still_present

FETCH_TIMEOUT = 5.0          # per connect / read
FETCH_DEADLINE = 10.0        # the whole fetch
MAX_FETCH_BYTES = 2 * 1024 * 1024
_SKIP_TAGS = {"script", "style", "noscript", "template"}


def is_loopback_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    if parts.scheme not in ("http", "https"):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return "\n".join(p.strip() for p in parser.parts if p.strip())


class BadPage(ValueError):
    """The page's server did not answer HTTP we can read (a garbage status line, too many headers…)."""


def _read_page(url: str, opened: list) -> str | None:
    """(Runs on a helper thread.) The page's text, None for a missing page; redirects are not followed."""
    parts = urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = kind(parts.hostname, parts.port, timeout=FETCH_TIMEOUT)
    opened.append(conn)          # before connecting: the caller may have to shut it down
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    conn.request("GET", path, headers={"User-Agent": "hegai-recheck", "Accept-Encoding": "identity"})
    resp = conn.getresponse()
    if 400 <= resp.status < 500:
        return None
    if not 200 <= resp.status < 300:
        raise ConnectionError(f"the page answered {resp.status}")
    body = resp.read(MAX_FETCH_BYTES)
    charset = resp.headers.get_content_charset() or "utf-8"
    try:
        return body.decode(charset, "replace")
    except LookupError:            # a charset Python does not know: read it as UTF-8
        return body.decode("utf-8", "replace")


def fetch_loopback_text(url: str, deadline: float | None = None) -> str:
    """The text of a page on this machine; a missing page (4xx) reads as empty.

    The whole fetch has ``deadline`` seconds (a server trickling one byte at a time would pass
    every per-read timeout): past it the socket is shut down and a ``TimeoutError`` raised."""
    if not is_loopback_url(url):
        raise PermissionError("the service only fetches pages on this machine")
    deadline = FETCH_DEADLINE if deadline is None else deadline
    outcome: dict = {}
    opened: list = []

    def run():
        try:
            outcome["text"] = _read_page(url, opened)
        except BaseException as exc:   # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="hegai-recheck", daemon=True)
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        for conn in opened:
            _shut(conn)
        raise TimeoutError(f"the page did not load within {deadline:g} s")
    for conn in opened:
        conn.close()
    error = outcome.get("error")
    if isinstance(error, http.client.HTTPException):
        raise BadPage(f"the page's server did not answer readable HTTP ({type(error).__name__})") from None
    if error is not None:
        raise error
    return html_text(outcome["text"]) if outcome["text"] else ""


def _shut(conn: http.client.HTTPConnection) -> None:
    """Wake the helper thread's blocked read (close alone does not) and free the socket."""
    try:
        if conn.sock is not None:
            conn.sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()


def verdict(salt: str, fingerprints: list[str], text: str, source: str) -> dict:
    """``content_still_up`` while any reported value is on the page, else ``content_removed``;
    ``unknown`` when the report named no value we could recognise (the status is left alone)."""
    remaining = still_present(salt, fingerprints, text) if text.strip() else []
    if not fingerprints:
        outcome = "unknown"
    else:
        outcome = "content_still_up" if remaining else "content_removed"
    return {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "verdict": outcome,
            "remaining": len(remaining), "reported": len(fingerprints), "source": source}
