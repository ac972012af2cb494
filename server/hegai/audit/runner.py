"""The audit loop: start URLs (and, with a depth, links under them) → one result per page."""

from __future__ import annotations

import sys
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from hegai.testing.exposure import PageExposure, inspect_page

from .crawl import RateLimiter, Scope, normalize_url
from .robots import RobotsPolicy
from .verdict import FailOn

AUDITED, SKIPPED, ERROR = "audited", "skipped", "error"


@dataclass
class AuditOptions:
    depth: int = 0
    same_origin: bool = False
    rate: float = 1.0
    fail_on: list[str] = field(default_factory=lambda: ["any"])
    allow: list[str] = field(default_factory=list)
    ignore_types: list[str] = field(default_factory=list)
    max_pages: int = 100
    timeout: float = 30.0
    screenshots: bool = True


@dataclass
class PageResult:
    url: str
    depth: int
    status: str                      # audited | skipped | error
    note: str = ""                   # why skipped, or the error
    http_status: int | None = None
    exposure: PageExposure | None = None
    fail_reasons: list[str] = field(default_factory=list)
    screenshot: bytes | None = None  # JPEG, never in the JSON

    def to_dict(self) -> dict:
        d = {"url": self.url, "depth": self.depth, "status": self.status, "note": self.note,
             "http_status": self.http_status, "failed": bool(self.fail_reasons), "fail_reasons": self.fail_reasons}
        if self.exposure:
            d.update(self.exposure.to_dict())
            d["url"] = self.url
        return d


@dataclass
class AuditResult:
    start_urls: list[str]
    options: AuditOptions
    pages: list[PageResult]
    started_at: float
    finished_at: float

    @property
    def failed(self) -> bool:
        return any(p.fail_reasons for p in self.pages)

    @property
    def errors(self) -> list[PageResult]:
        return [p for p in self.pages if p.status == ERROR]

    def exit_status(self) -> int:
        """0 clean; 1 something at/above --fail-on; 2 a page could not be audited (or none was)."""
        if self.failed:
            return 1
        if self.errors or not any(p.status == AUDITED for p in self.pages):
            return 2
        return 0

    def to_dict(self) -> dict:
        from hegai import __version__

        return {
            "tool": "hegai audit", "version": __version__, "start_urls": self.start_urls,
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self.started_at)),
            "duration_s": round(self.finished_at - self.started_at, 2),
            "options": {"depth": self.options.depth, "same_origin": self.options.same_origin,
                        "rate": self.options.rate, "fail_on": self.options.fail_on,
                        "allow_count": len(self.options.allow), "ignore_types": self.options.ignore_types},
            "failed": self.failed, "exit_status": self.exit_status(),
            "pages": [p.to_dict() for p in self.pages],
        }


def _log(message: str) -> None:
    # Progress only: URLs, counts and levels, never a found value.
    print(f"hegai audit: {message}", file=sys.stderr)


class Auditor:
    def __init__(self, options: AuditOptions, log: Callable[[str], None] = _log):
        self.options = options
        self.fail_on = FailOn(options.fail_on)
        self.robots = RobotsPolicy()
        self.rate = RateLimiter(options.rate)
        self.log = log

    def run(self, start_urls: list[str]) -> AuditResult:
        from playwright.sync_api import sync_playwright

        from hegai.testing.browser import launch_chromium

        started = time.time()
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                pages = self._crawl(context, [normalize_url(u) for u in start_urls])
            finally:
                browser.close()
        return AuditResult(start_urls, self.options, pages, started, time.time())

    def _crawl(self, context, start_urls: list[str]) -> list[PageResult]:
        scope = Scope(start_urls, same_origin=self.options.same_origin)
        queue = deque((url, 0) for url in dict.fromkeys(start_urls))
        seen = set(start_urls)
        results: list[PageResult] = []
        while queue and len(results) < self.options.max_pages:
            url, depth = queue.popleft()
            result, links = self._audit_one(context, url, depth)
            results.append(result)
            if depth >= self.options.depth:
                continue
            for link in map(normalize_url, links):
                if link not in seen and scope.contains(link):
                    seen.add(link)
                    queue.append((link, depth + 1))
        if queue:
            self.log(f"stopped at --max-pages {self.options.max_pages}; {len(queue)} page(s) not visited")
        return results

    def _audit_one(self, context, url: str, depth: int) -> tuple[PageResult, list[str]]:
        if not self.robots.allows(url):
            self.log(f"{url}: skipped (robots.txt)")
            return PageResult(url, depth, SKIPPED, note="disallowed by robots.txt"), []
        self.rate.wait(url, minimum=self.robots.crawl_delay(url))
        page = context.new_page()
        try:
            return self._inspect(page, url, depth)
        except Exception as exc:  # one broken page must not stop the audit
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.log(f"{url}: error ({message})")
            return PageResult(url, depth, ERROR, note=message), []
        finally:
            page.close()

    def _inspect(self, page, url: str, depth: int) -> tuple[PageResult, list[str]]:
        from .render import masked_screenshot, render

        rendered = render(page, url, timeout_ms=self.options.timeout * 1000)
        if rendered.http_status is not None and rendered.http_status >= 400:
            self.log(f"{url}: error (HTTP {rendered.http_status})")
            return PageResult(url, depth, ERROR, note=f"HTTP {rendered.http_status}",
                              http_status=rendered.http_status), []
        exposure = inspect_page(rendered.text, self.options.allow, self.options.ignore_types)
        result = PageResult(url, depth, AUDITED, http_status=rendered.http_status, exposure=exposure,
                            fail_reasons=self.fail_on.reasons(exposure))
        if self.options.screenshots:
            marked = sorted({i for e in exposure.exposures + exposure.ignored for i in e.elements})
            result.screenshot = masked_screenshot(page, marked)
        self.log(f"{url}: {len(exposure.exposures)} finding(s), risk level {exposure.level}"
                 + (" — FAIL" if result.fail_reasons else ""))
        return result, rendered.links
