"""Re-check: is the reported personal info still on the page?

The service never makes requests off the machine. The extension re-opens the reported URL in a
background tab (so the page renders as the user sees it, logged in), reads its text and posts
it to ``/api/v1/reports/<id>/recheck``. Only for a loopback URL (a local test or intranet page
served on this machine) may the service fetch the page itself; redirects are not followed.
"""

from __future__ import annotations

import ipaddress
import urllib.error
import urllib.request
from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .exposure import still_present

FETCH_TIMEOUT = 5.0
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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch_loopback_text(url: str) -> str:
    """The text of a page on this machine; a missing page (4xx) reads as empty."""
    if not is_loopback_url(url):
        raise PermissionError("the service only fetches pages on this machine")
    opener = urllib.request.build_opener(_NoRedirect(), urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url, headers={"User-Agent": "hegai-recheck"}),
                         timeout=FETCH_TIMEOUT) as resp:
            body = resp.read(MAX_FETCH_BYTES)
            charset = resp.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as err:
        if 400 <= err.code < 500:
            return ""
        raise
    return html_text(body.decode(charset, "replace"))


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
