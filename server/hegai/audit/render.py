"""Rendering one page in chromium: load, wait for the network, scroll for more, collect, screenshot."""

from __future__ import annotations

from dataclasses import dataclass

from hegai.testing.page_text import PageText, collect_page_text

MAX_SCROLLS = 10
SCROLL_GROWTH_WAIT_MS = 1500
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


def scroll_for_more(page, max_scrolls: int = MAX_SCROLLS) -> int:
    """Scroll to the bottom until the page stops growing (infinite scroll, lazy comments)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    scrolls = 0
    for scrolls in range(1, max_scrolls + 1):
        height = page.evaluate(_PAGE_HEIGHT)
        page.evaluate(_SCROLL_TO_BOTTOM)
        try:
            page.wait_for_function(_HEIGHT_GREW, arg=height, timeout=SCROLL_GROWTH_WAIT_MS)
        except PlaywrightTimeout:
            break
        try:   # let what the new content started loading finish
            page.wait_for_load_state("networkidle", timeout=SCROLL_GROWTH_WAIT_MS)
        except PlaywrightTimeout:
            pass
    page.evaluate("() => window.scrollTo(0, 0)")
    return scrolls


def render(page, url: str, timeout_ms: float) -> RenderedPage:
    """Load ``url`` in ``page`` and collect its rendered text and links."""
    response = page.goto(url, wait_until="networkidle", timeout=timeout_ms)
    status = response.status if response else None
    if status is None or status < 400:
        scroll_for_more(page)
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
