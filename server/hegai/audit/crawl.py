"""Which URLs an audit may visit (scope) and how fast (rate limit)."""

from __future__ import annotations

import time
from urllib.parse import urldefrag, urlsplit

from .robots import origin_of

CRAWLABLE_SCHEMES = ("http", "https", "file")


def normalize_url(url: str) -> str:
    """Drop the fragment: page.html#a and page.html#b are one page."""
    return urldefrag(url)[0]


def path_prefix(url: str) -> str:
    """The directory a start URL covers: /site/index.html → /site/, /site/ → /site/."""
    path = urlsplit(url).path or "/"
    return path[: path.rfind("/") + 1]


class Scope:
    """Links an audit follows: same origin as a start URL and, unless ``same_origin``, under its path."""

    def __init__(self, start_urls: list[str], same_origin: bool = False):
        self.roots = [(origin_of(u), "/" if same_origin else path_prefix(u)) for u in start_urls]

    def contains(self, url: str) -> bool:
        if urlsplit(url).scheme not in CRAWLABLE_SCHEMES:
            return False
        origin, path = origin_of(url), urlsplit(url).path or "/"
        return any(origin == o and path.startswith(prefix) for o, prefix in self.roots)


class RateLimiter:
    """At least ``interval`` seconds between two page loads from the same origin."""

    def __init__(self, interval: float, clock=time.monotonic, sleep=time.sleep):
        self.interval = max(0.0, interval)
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str, minimum: float = 0.0) -> None:
        origin = origin_of(url)
        interval = max(self.interval, minimum)
        last = self._last.get(origin)
        if last is not None:
            remaining = last + interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[origin] = self._clock()
