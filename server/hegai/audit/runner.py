"""The audit loop: start URLs (and, with a depth, links under them) → one result per page."""

from __future__ import annotations

import sys
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from hegai.detect.registry import redact
from hegai.testing.exposure import Exposure, PageExposure, inspect_page, mask_url

from .crawl import RateLimiter, Scope, normalize_url
from .robots import USER_AGENT, RobotsPolicy
from .verdict import FailOn

CONSISTENCY_ATTEMPTS = 3    # screenshot + re-read rounds before a changing page's screenshot is OCR'd
SCREENSHOT_WHERE = "(screenshot)"

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
    settle: float = 10.0             # longest wait for a page to settle after loading (seconds)
    ignore_robots: bool = False      # for your own staging site behind "Disallow: /"


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

    @property
    def skipped(self) -> list[PageResult]:
        return [p for p in self.pages if p.status == SKIPPED]

    def summary(self) -> str:
        """One line for the end of the run; never "see errors" when there are none."""
        status = self.exit_status()
        if status == 0:
            return "pass"
        if status == 1:
            return "FAIL: personal information at or above --fail-on"
        if self.errors:
            return f"incomplete: {len(self.errors)} page(s) could not be audited (see the errors above)"
        if self.skipped:
            return (f"nothing audited: {len(self.skipped)} page(s) disallowed by robots.txt "
                    "(on a site you own, --ignore-robots audits them anyway)")
        return "nothing audited"

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
            "tool": "hegai audit", "version": __version__, "start_urls": [mask_url(u) for u in self.start_urls],
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self.started_at)),
            "duration_s": round(self.finished_at - self.started_at, 2),
            "options": {"depth": self.options.depth, "same_origin": self.options.same_origin,
                        "rate": self.options.rate, "fail_on": self.options.fail_on,
                        "allow_count": len(self.options.allow), "ignore_types": self.options.ignore_types,
                        "settle": self.options.settle, "ignore_robots": self.options.ignore_robots},
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
        self.robots = RobotsPolicy(ignore=options.ignore_robots)
        self.rate = RateLimiter(options.rate)
        self.log = log

    def run(self, start_urls: list[str]) -> AuditResult:
        from playwright.sync_api import sync_playwright

        from hegai.testing.browser import launch_chromium

        started = time.time()
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                context = _audit_context(browser)
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
        shown = mask_url(url)   # a phone or an ID in a query string is never printed in clear
        if not self.robots.allows(url):
            self.log(f"{shown}: skipped (robots.txt)")
            return PageResult(shown, depth, SKIPPED, note="disallowed by robots.txt"), []
        self.rate.wait(url, minimum=self.robots.crawl_delay(url))
        page = context.new_page()
        try:
            return self._inspect(page, url, shown, depth)
        except Exception as exc:  # one broken page must not stop the audit
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            message = redact(message.replace(url, shown))
            self.log(f"{shown}: error ({message})")
            return PageResult(shown, depth, ERROR, note=message), []
        finally:
            page.close()

    def _inspect(self, page, url: str, shown: str, depth: int) -> tuple[PageResult, list[str]]:
        from .render import render

        rendered = render(page, url, timeout_ms=self.options.timeout * 1000, settle_s=self.options.settle)
        if rendered.http_status is not None and rendered.http_status >= 400:
            self.log(f"{shown}: error (HTTP {rendered.http_status})")
            return PageResult(shown, depth, ERROR, note=f"HTTP {rendered.http_status}",
                              http_status=rendered.http_status), []
        notes = list(rendered.notes)
        exposure = self._examine(rendered.text)
        screenshot = (self._screenshot(page, rendered.text, rendered.changed_at, exposure, notes)
                      if self.options.screenshots else None)
        if screenshot is not None:
            exposure, screenshot = screenshot
        result = PageResult(shown, depth, AUDITED, http_status=rendered.http_status, exposure=exposure,
                            fail_reasons=self.fail_on.reasons(exposure), note="; ".join(notes),
                            screenshot=screenshot)
        for note in notes:
            self.log(f"{shown}: note: {note}")
        self.log(f"{shown}: {len(exposure.exposures)} finding(s), risk level {exposure.level}"
                 + (" — FAIL" if result.fail_reasons else ""))
        return result, rendered.links

    def _examine(self, text) -> PageExposure:
        return inspect_page(text, self.options.allow, self.options.ignore_types)

    def _screenshot(self, page, text, changed_at, exposure: PageExposure, notes: list[str]):
        """(exposure, JPEG) from one moment: if the page's text changed (a DOM mutation, even to
        the same words in a new element) between the read and the shot, it is read, scanned and
        shot again; a page that never holds still has its screenshot read back by OCR, every
        value found there blacked out and counted."""
        from hegai.testing.page_text import collect_page_text

        from .render import LAST_CHANGE, masked_screenshot

        for _ in range(CONSISTENCY_ATTEMPTS):
            marked = sorted({i for e in exposure.exposures + exposure.ignored for i in e.elements})
            shot = masked_screenshot(page, marked)
            now = page.evaluate(LAST_CHANGE)
            if changed_at is not None and now == changed_at:
                return exposure, shot
            after = collect_page_text(page)
            if changed_at is None and after.text == text.text:   # no watcher: compare the text
                return exposure, shot
            changed_at, text, exposure = now, after, self._examine(after)
        notes.append("the page changed while it was audited: findings are from its last state, "
                     "and its screenshot was read back (OCR) and redacted")
        return _redact_screenshot(shot, exposure, notes)


def _audit_context(browser):
    """A context that says who is visiting (User-Agent ``… HegaiAudit/<version>``) and watches
    each document settle (render.SETTLE_WATCH)."""
    from hegai import __version__

    from .render import SETTLE_WATCH, fix_missing_charset

    probe = browser.new_page()
    default_agent = probe.evaluate("navigator.userAgent").replace("HeadlessChrome", "Chrome")
    probe.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  user_agent=f"{default_agent} {USER_AGENT}/{__version__}")
    context.add_init_script(SETTLE_WATCH)
    context.route("**/*", fix_missing_charset)
    return context


def _redact_screenshot(shot: bytes, exposure: PageExposure, notes: list[str]):
    """OCR ``shot``; black out every value read there and count those the text did not show."""
    import io

    from hegai.ocr import OcrUnavailable, analyse_bytes

    try:
        analysis = analyse_bytes(shot)
    except OcrUnavailable:
        notes.append("its screenshot was left out: OCR is not installed to check it (pip install 'hegai[ocr]')")
        return exposure, None
    except (ValueError, OSError):
        notes.append("its screenshot was left out (OCR could not check it)")
        return exposure, None
    from PIL import Image, ImageDraw       # with the OCR extra (Pillow comes with rapidocr)
    if not analysis.findings:
        return exposure, shot
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    draw = ImageDraw.Draw(image)
    known = {(e.type, e.masked) for e in exposure.exposures}
    for item in analysis.findings:
        for x0, y0, x1, y1 in item.boxes:
            pad = y1 - y0   # box edges inside a line are estimates: a character's height either side
            draw.rectangle([x0 - pad, y0 - 2, x1 + pad, y1 + 2], fill=(208, 52, 44))
        f = item.finding
        if (f.type, f.masked) not in known:
            known.add((f.type, f.masked))
            exposure.exposures.append(Exposure(type=f.type, label=f.label, masked=f.masked, score=round(f.score, 3),
                                               where=SCREENSHOT_WHERE, excerpt=f.masked, reasons=list(f.reasons)))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=60)
    return exposure, out.getvalue()
