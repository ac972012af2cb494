"""Rendering one page in chromium: load, wait for the network, scroll for more, collect, screenshot."""

from __future__ import annotations

from dataclasses import dataclass

from hegai.testing.page_text import PageText, collect_page_text

MAX_SCROLLS = 10
QUIET_MS = 300              # time a page gets to start loading more after a scroll
SCROLL_LOAD_WAIT_MS = 3000  # longest wait for what a scroll started loading
POLL_MS = 50
SCREENSHOT_MAX_HEIGHT = 6000

_PAGE_HEIGHT = "() => document.scrollingElement ? document.scrollingElement.scrollHeight : 0"
_SCROLL_TO_BOTTOM = "() => window.scrollTo(0, document.scrollingElement.scrollHeight)"
_HEIGHT_GREW = "(h) => document.scrollingElement.scrollHeight > h"
# Redact what was found (the report must not show the values it masks): the text of the
# holding element is made transparent and the rest blurred; a red frame shows where it was.
_MARK_ELEMENTS = """(indexes) => {
  const elements = window.__hegaiElements || [];
  const styles = { "color": "transparent", "-webkit-text-fill-color": "transparent", "text-shadow": "none",
                   "filter": "blur(4px)", "background-color": "rgba(208, 52, 44, 0.25)",
                   "box-shadow": "0 0 0 3px #d0342c" };
  for (const i of indexes) {
    const el = elements[i];
    if (!el || !el.style) continue;
    for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value, "important");
  }
}"""
_LINKS = "els => els.map(a => a.href).filter(Boolean)"


@dataclass
class RenderedPage:
    url: str
    http_status: int | None
    text: PageText
    links: list[str]


class NetworkActivity:
    """Counts the page's requests, so scrolling waits only when the page actually loads something."""

    def __init__(self, page):
        self.started = 0
        self.settled = 0
        page.on("request", self._start)
        page.on("requestfinished", self._settle)
        page.on("requestfailed", self._settle)

    def _start(self, _request) -> None:
        self.started += 1

    def _settle(self, _request) -> None:
        self.settled += 1

    @property
    def pending(self) -> int:
        return self.started - self.settled


def _wait_for_requests(page, activity: NetworkActivity, timeout_ms: int) -> None:
    waited = 0
    while activity.pending > 0 and waited < timeout_ms:
        page.wait_for_timeout(POLL_MS)
        waited += POLL_MS


def scroll_for_more(page, activity: NetworkActivity, max_scrolls: int = MAX_SCROLLS) -> int:
    """Scroll to the bottom until the page stops growing (infinite scroll, lazy comments).

    After each scroll the page gets QUIET_MS to start loading; if it starts nothing and does not
    grow, we are done; otherwise we wait for its requests and the new content.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    scrolls = 0
    for scrolls in range(1, max_scrolls + 1):
        height, requests_before = page.evaluate(_PAGE_HEIGHT), activity.started
        page.evaluate(_SCROLL_TO_BOTTOM)
        page.wait_for_timeout(QUIET_MS)
        if activity.started == requests_before and page.evaluate(_PAGE_HEIGHT) <= height:
            break
        _wait_for_requests(page, activity, SCROLL_LOAD_WAIT_MS)
        try:
            page.wait_for_function(_HEIGHT_GREW, arg=height, timeout=SCROLL_LOAD_WAIT_MS)
        except PlaywrightTimeout:
            break
    page.evaluate("() => window.scrollTo(0, 0)")
    return scrolls


def render(page, url: str, timeout_ms: float) -> RenderedPage:
    """Load ``url`` in ``page`` and collect its rendered text and links."""
    activity = NetworkActivity(page)
    response = page.goto(url, wait_until="networkidle", timeout=timeout_ms)
    status = response.status if response else None
    if status is None or status < 400:
        scroll_for_more(page, activity)
    text = collect_page_text(page)
    links = page.eval_on_selector_all("a[href]", _LINKS)
    return RenderedPage(url=page.url, http_status=status, text=text, links=links)


def masked_screenshot(page, element_indexes: list[int]) -> bytes:
    """A JPEG of the page with the elements holding findings blurred and outlined."""
    if element_indexes:
        page.evaluate(_MARK_ELEMENTS, element_indexes)
    width = page.viewport_size["width"] if page.viewport_size else 1280
    height = min(page.evaluate(_PAGE_HEIGHT) or 800, SCREENSHOT_MAX_HEIGHT)
    return page.screenshot(type="jpeg", quality=60, full_page=True,
                           clip={"x": 0, "y": 0, "width": width, "height": max(height, 1)})
