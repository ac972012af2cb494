"""Issue 17, item 6: why a piece of text is marked is a small styled popover, not a native
`title` tooltip. Mouse hover, the keyboard (Tab to a mark, Enter pins, Esc closes) and a tap all
open it; it is a role=tooltip the mark names with aria-describedby, it lives in the mark's closed
shadow root, and it sits beside the marked words, never on them."""

from __future__ import annotations

import pytest

from .harness import in_closed_roots, screenshot, wait_idle, wait_until

PAGE = "ui/compose-kaihe.html"
PHONE = "13800138000"

_PIECES_JS = """function () {
  const inner = this.querySelector('[data-hegai-finding]');
  const tip = this.querySelector('[role=tooltip]');
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  return {text: this.host.textContent, type: inner.dataset.hegaiType, finding: inner.dataset.hegaiFinding,
          title_attr: inner.hasAttribute('title') || this.host.hasAttribute('title'),
          tabindex: inner.tabIndex, described_by: inner.getAttribute('aria-describedby'),
          tip_id: tip && tip.id, tip_text: tip && tip.textContent,
          open: Boolean(tip && tip.matches(':popover-open')), focused: this.activeElement === inner,
          tip_box: tip ? box(tip.getBoundingClientRect()) : null,
          lines: [...inner.getClientRects()].map(box),
          tip_colour: tip ? getComputedStyle(tip).backgroundColor : null};
}"""


def pieces(page) -> list[dict]:
    return in_closed_roots(page, "data-hegai-finding", _PIECES_JS)


def phone(page) -> dict:
    return next(p for p in pieces(page) if p["text"] == PHONE)


def _open_tip(page) -> dict | None:
    return next((p for p in pieces(page) if p["open"]), None)


def _overlaps(a: dict, b: dict) -> bool:
    return min(a["right"], b["right"]) > max(a["left"], b["left"]) and \
        min(a["bottom"], b["bottom"]) > max(a["top"], b["top"])


@pytest.fixture
def feed(browser, fixtures):
    page = browser.context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(fixtures.url("weibo.test", PAGE))
    wait_idle(page)
    page.bring_to_front()
    yield page
    page.close()


def test_each_mark_is_described_by_a_tooltip_not_a_title(feed):
    found = pieces(feed)
    assert found
    for piece in found:
        assert not piece["title_attr"], "a native title tooltip is still there"
        assert piece["tip_id"] and piece["described_by"] == piece["tip_id"]
        assert not piece["open"]
    firsts = {}
    for piece in found:
        firsts.setdefault(piece["finding"], []).append(piece["tabindex"])
    assert all(indexes.count(0) == 1 for indexes in firsts.values())   # one Tab stop per finding
    assert phone(feed)["tip_text"].startswith("手机号 · ") and "号段有效" in phone(feed)["tip_text"]


def test_mouse_hover_opens_it_beside_the_words_and_leaving_closes_it(feed):
    line = phone(feed)["lines"][0]
    feed.mouse.move((line["left"] + line["right"]) / 2, (line["top"] + line["bottom"]) / 2)
    shown = wait_until(feed, lambda: _open_tip(feed), 5000, "the popover on hover")
    assert shown["text"] == PHONE
    tip = shown["tip_box"]
    assert not any(_overlaps(tip, words) for words in shown["lines"]), (tip, shown["lines"])
    assert 0 <= tip["left"] and tip["right"] <= 1280 and 0 <= tip["top"] and tip["bottom"] <= 900
    assert tip["right"] - tip["left"] <= 330                                       # small
    assert shown["tip_colour"] == "rgb(17, 24, 39)"                                # styled, not the UA's
    screenshot(feed, "popover-hover-zh")
    feed.mouse.move(5, 890)
    wait_until(feed, lambda: _open_tip(feed) is None, 5000, "the popover to close")


def test_keyboard_tab_opens_enter_pins_escape_closes(feed):
    feed.click("#publish")                       # start from the composer above the post
    for _ in range(20):                          # Tab forward to the first mark
        feed.keyboard.press("Tab")
        focused = next((p for p in pieces(feed) if p["focused"]), None)
        if focused:
            break
    assert focused, "Tab never reached a mark"
    shown = wait_until(feed, lambda: _open_tip(feed), 5000, "the popover on focus")
    assert shown["focused"] and shown["finding"] == focused["finding"]
    feed.keyboard.press("Escape")
    wait_until(feed, lambda: _open_tip(feed) is None, 5000, "Esc to close it")
    feed.keyboard.press("Enter")
    assert wait_until(feed, lambda: _open_tip(feed), 5000, "Enter to open it")["focused"]
    feed.keyboard.press("Tab")                   # focus moves on: it closes
    wait_until(feed, lambda: not any(p["open"] and p["finding"] == focused["finding"] for p in pieces(feed)),
               5000, "the popover to close when the focus leaves")


def test_a_tap_opens_it_and_a_tap_elsewhere_closes_it(feed):
    feed.set_viewport_size({"width": 420, "height": 800})     # a phone-sized window
    cdp = feed.context.new_cdp_session(feed)
    try:
        cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
        line = phone(feed)["lines"][0]

        def tap(x, y):
            point = [{"x": x, "y": y}]
            cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
            cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

        tap((line["left"] + line["right"]) / 2, (line["top"] + line["bottom"]) / 2)
        shown = wait_until(feed, lambda: _open_tip(feed), 5000, "the popover on a tap")
        assert shown["text"] == PHONE
        tip = shown["tip_box"]
        assert 0 <= tip["left"] and tip["right"] <= 420 and not any(_overlaps(tip, w) for w in shown["lines"])
        screenshot(feed, "popover-tap-zh-420")
        tap(210, 600)                             # the empty part of another post
        wait_until(feed, lambda: _open_tip(feed) is None, 5000, "a tap elsewhere to close it")
    finally:
        cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": False})
        cdp.detach()
