"""Rendering one page in chromium: load, wait for the page to settle, scroll for more, collect, screenshot."""

from __future__ import annotations

import time
from dataclasses import dataclass

from hegai.testing.page_text import PageText, collect_page_text

MAX_SCROLLS = 10
QUIET_MS = 300              # time a page gets to start loading more after a scroll
SCROLL_LOAD_WAIT_MS = 3000  # longest wait for what a scroll started loading
POLL_MS = 50
DEFAULT_SETTLE_S = 10.0     # longest wait for a page to settle after it loaded (--settle)
SETTLE_QUIET_MS = 500       # a page has settled when its text has not changed for this long...
# ...no request is in flight (streams that never end do not count) and no timer is due before
# the settle deadline: a "加载中…" page that fetches its content after 1, 3 or 5 s is waited for.
STREAMING_TYPES = ("eventsource", "websocket", "media")
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

# Installed in every document before its scripts run: remembers when the visible text last
# changed and which setTimeout callbacks (and first setInterval ticks) are still to come (what the
# page is about to do). Timeouts and intervals share one id space in browsers: one map.
SETTLE_WATCH = """(() => {
  if (window.__hegaiSettle) return;
  const state = { lastChange: performance.now(), timers: new Map() };
  window.__hegaiSettle = state;
  const touch = () => { state.lastChange = performance.now(); };
  new MutationObserver(touch).observe(document, {
    subtree: true, childList: true, characterData: true,
    attributeFilter: ["alt", "aria-label", "placeholder", "value", "hidden", "class"] });
  // A timer is pending until its callback first runs. For an interval that is its first tick (a
  // status check that shows the content when it first runs); after that it is polling, and only
  // the text it changes keeps the page unsettled. Timeouts and intervals share one id pool.
  const watched = (native) => function (callback, delay, ...args) {
    if (typeof callback !== "function") return native.call(this, callback, delay, ...args);
    let id = 0;
    const run = function () { state.timers.delete(id); return callback.apply(this, arguments); };
    id = native.call(this, run, delay, ...args);
    state.timers.set(id, performance.now() + (Number(delay) || 0));
    return id;
  };
  const cleared = (native) => function (id) { state.timers.delete(id); return native.call(this, id); };
  window.setTimeout = watched(window.setTimeout);
  window.clearTimeout = cleared(window.clearTimeout);
  window.setInterval = watched(window.setInterval);
  window.clearInterval = cleared(window.clearInterval);
})();"""
# When the text last changed (performance.now(); null without the watcher): equal before a
# read and after a screenshot means both show one moment.
LAST_CHANGE = "() => window.__hegaiSettle ? window.__hegaiSettle.lastChange : null"
# [ms since the last change, is a timer due before the deadline?] (null: watcher not installed)
_SETTLE_STATE = """(horizonMs) => {
  const s = window.__hegaiSettle;
  if (!s) return null;
  const now = performance.now();
  let due = false;
  for (const at of s.timers.values()) if (at <= now + horizonMs) { due = true; break; }
  return [now - s.lastChange, due];
}"""


@dataclass
class RenderedPage:
    url: str
    http_status: int | None
    text: PageText
    links: list[str]
    notes: list[str]
    changed_at: float | None = None   # LAST_CHANGE just before the text was read


class NetworkActivity:
    """Counts the page's requests, so scrolling waits only when the page actually loads something."""

    def __init__(self, page):
        self.started = 0
        self.settled = 0
        page.on("request", self._start)
        page.on("requestfinished", self._settle)
        page.on("requestfailed", self._settle)

    def _start(self, request) -> None:
        if request.resource_type not in STREAMING_TYPES:
            self.started += 1

    def _settle(self, request) -> None:
        if request.resource_type not in STREAMING_TYPES:
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


def settle(page, activity: NetworkActivity, max_seconds: float) -> bool:
    """Wait until the page has settled by what it does (see SETTLE_QUIET_MS), at most ``max_seconds``.

    False when it had not settled by then (a page that keeps polling or animating): it is read
    as it is, and the report says so.
    """
    deadline = time.monotonic() + max(0.0, max_seconds)
    while True:
        remaining_ms = (deadline - time.monotonic()) * 1000
        state = page.evaluate(_SETTLE_STATE, max(0.0, remaining_ms))
        if state is None:          # no watcher (e.g. a PDF viewer): the network alone decides
            state = [SETTLE_QUIET_MS, False]
        quiet_ms, timer_due = state
        if quiet_ms >= SETTLE_QUIET_MS and not timer_due and activity.pending <= 0:
            return True
        if remaining_ms <= 0:
            return False
        page.wait_for_timeout(min(POLL_MS * 2, max(1.0, remaining_ms)))


def _load(page, url: str, timeout_ms: float, notes: list[str]):
    """Navigate; a page whose load event never comes (a stalled subresource) is still read."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    response = page.goto(url, wait_until="commit", timeout=timeout_ms)
    try:
        page.wait_for_load_state("load", timeout=timeout_ms)
    except PlaywrightTimeout:
        notes.append(f"the page had not finished loading after {timeout_ms / 1000:g} s; read as it was")
    return response


def render(page, url: str, timeout_ms: float, settle_s: float = DEFAULT_SETTLE_S) -> RenderedPage:
    """Load ``url`` in ``page``, let it settle, and collect its rendered text and links.

    Network idle is not required (issue 22: a page polling every 300 ms never gets there):
    the page is read once its text stops changing, or when ``settle_s`` is up.
    """
    activity = NetworkActivity(page)
    notes: list[str] = []
    response = _load(page, url, timeout_ms, notes)
    status = response.status if response else None
    if status is None or status < 400:
        settled = settle(page, activity, settle_s)
        if scroll_for_more(page, activity) > 1:
            settled = settle(page, activity, settle_s)
        if not settled:
            notes.append(f"the page kept changing or loading (polling?) and had not settled after "
                         f"{settle_s:g} s; read as it was then")
    changed_at = page.evaluate(LAST_CHANGE)
    text = collect_page_text(page)
    links = page.eval_on_selector_all("a[href]", _LINKS)
    return RenderedPage(url=page.url, http_status=status, text=text, links=links, notes=notes,
                        changed_at=changed_at)


def masked_screenshot(page, element_indexes: list[int]) -> bytes:
    """A JPEG of the page with the elements holding findings blurred and outlined."""
    if element_indexes:
        page.evaluate(_MARK_ELEMENTS, element_indexes)
    width = page.viewport_size["width"] if page.viewport_size else 1280
    height = min(page.evaluate(_PAGE_HEIGHT) or 800, SCREENSHOT_MAX_HEIGHT)
    return page.screenshot(type="jpeg", quality=60, full_page=True,
                           clip={"x": 0, "y": 0, "width": width, "height": max(height, 1)})


def _declared_charset(content_type: str, body: bytes) -> bool:
    # A <meta charset> is honoured by the browser when it comes early (the HTML prescan: 1024 bytes).
    return "charset" in content_type.lower() or b"charset" in body[:1024].lower()


def fix_missing_charset(route) -> None:
    """Route handler: an HTML document served without any charset gets the one its bytes are in.

    Without one Chromium reads UTF-8 pages as windows-1252 (mojibake: names and addresses are
    missed); GB18030/GBK, UTF-16 and what charset-normalizer recognises are detected the same
    way as ``hegai scan`` files (:mod:`hegai.encoding`).
    """
    from hegai.encoding import NotText, detect

    request = route.request
    if request.resource_type != "document" or not request.url.startswith(("http://", "https://")):
        route.continue_()
        return
    try:
        response = route.fetch(max_redirects=0)
    except Exception:   # let the browser meet (and report) the network error itself
        route.continue_()
        return
    content_type = response.headers.get("content-type", "")
    body = response.body()
    if not content_type.lower().startswith("text/html") or _declared_charset(content_type, body):
        route.fulfill(response=response)
        return
    try:
        _, encoding = detect(body)
    except NotText:
        route.fulfill(response=response)
        return
    charset = {"utf-8-sig": "utf-8", "utf-32": "utf-32", "utf-16": "utf-16"}.get(encoding, encoding)
    headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")}
    headers["content-type"] = f"{content_type}; charset={charset}"
    route.fulfill(response=response, headers=headers, body=body)
