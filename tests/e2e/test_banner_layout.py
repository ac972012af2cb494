"""Issue 17, item 3: the banner stays out of the way. It is a compact card in a corner of the
viewport that never covers the post it warns about (here the first post) or a composer (the box
above the feed, the reply box under the post), at 1280 and 420 px wide, in Chinese and English;
it moves when the page scrolls or a composer takes the focus, folds into a pill that keeps the
level, and opens again with 打码隐藏 / 举报 still there."""

from __future__ import annotations

import pytest

from .harness import banner, click_banner_button, screenshot, wait_idle, wait_until

PAGE = "ui/compose-kaihe.html"
VIEWPORTS = {1280: 900, 420: 800}
LEVEL_WORD = {"zh_CN": "开盒风险", "en": "Doxxing risk"}

_PROTECTED_JS = """() => [document.getElementById('first-post'), ...document.querySelectorAll('textarea')].map((el) => {
  const r = el.getBoundingClientRect();
  return {name: el.id, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
})"""


def set_language(browser, language: str) -> None:
    """Choose the language in the options page, as a user would."""
    options = browser.context.new_page()
    try:
        options.goto(browser.extension_url("ui/options.html"))
        options.wait_for_selector("body[data-ready='1']")
        options.select_option("[data-testid=language]", language)
        title = {"zh_CN": "盒盖设置", "en": "Hegai options"}[language]
        options.wait_for_function("t => document.querySelector('h1').textContent === t", arg=title)
    finally:
        options.close()


@pytest.fixture(scope="module", params=["zh_CN", "en"])
def language(request, browser):
    set_language(browser, request.param)
    yield request.param
    set_language(browser, "zh_CN")


def _covered(page, shown: dict) -> list[str]:
    """What the banner's shown box (card or pill) overlaps of the first post and the composers."""
    box = shown["box"]
    hits = []
    for r in page.evaluate(_PROTECTED_JS):
        if min(box["right"], r["right"]) > max(box["left"], r["left"]) and \
                min(box["bottom"], r["bottom"]) > max(box["top"], r["top"]):
            hits.append(r["name"] or "first-post")
    return hits


def _clear(page):
    """The banner as shown once it covers nothing protected (bounded wait; it moves on scroll)."""
    wait_until(page, lambda: banner(page) and not _covered(page, banner(page)), 10000,
               "the banner to leave the post and the composers uncovered")
    return banner(page)


def _open_page(browser, fixtures, width: int):
    page = browser.context.new_page()
    page.set_viewport_size({"width": width, "height": VIEWPORTS[width]})
    page.goto(fixtures.url("weibo.test", PAGE))
    wait_idle(page)
    page.bring_to_front()
    return page


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_banner_never_covers_the_first_post_or_a_composer(browser, fixtures, language, width):
    page = _open_page(browser, fixtures, width)
    try:
        shown = wait_until(page, lambda: banner(page), 15000, "the banner")
        assert shown["level"] in ("high", "critical") and shown["level_text"].startswith(LEVEL_WORD[language])
        # On the first screen there is room: the compact card, whole, inside the viewport.
        assert shown["state"] == "open" and not _covered(page, shown), _covered(page, shown)
        box = shown["box"]
        assert 0 <= box["left"] and box["right"] <= width and 0 <= box["top"] and box["bottom"] <= VIEWPORTS[width]
        assert box["bottom"] - box["top"] <= 0.2 * VIEWPORTS[width], box   # compact: at most a fifth of the screen
        assert {"blur", "report", "details", "collapse"} <= set(shown["buttons"])
        screenshot(page, f"banner-{language}-{width}")

        # The post in the middle of the screen, then the reply box under it focused: still uncovered.
        page.evaluate("document.getElementById('first-post').scrollIntoView({block: 'center'})")
        _clear(page)
        page.click("#reply")
        _clear(page)
        page.click("#publish")
        _clear(page)
        screenshot(page, f"banner-{language}-{width}-composing")
    finally:
        page.close()


def test_banner_folds_into_a_pill_that_keeps_the_level_and_opens_again(browser, fixtures, language):
    page = _open_page(browser, fixtures, 420)
    try:
        shown = wait_until(page, lambda: banner(page), 15000, "the banner")
        click_banner_button(page, "collapse")
        folded = wait_until(page, lambda: banner(page)["state"] == "collapsed" and banner(page), 5000, "the pill")
        assert folded["pill"] == f"⚠ {shown['level_text']}" and set(folded["buttons"]) == {"expand"}
        assert not _covered(page, folded)
        pill = folded["box"]
        assert (pill["right"] - pill["left"]) * (pill["bottom"] - pill["top"]) < 0.02 * 420 * 800
        screenshot(page, f"banner-{language}-420-folded")
        click_banner_button(page, "expand")
        opened = wait_until(page, lambda: banner(page)["state"] == "open" and banner(page), 5000, "the card again")
        assert {"blur", "report"} <= set(opened["buttons"])
        # 详情 shows every reason, the post's own words and 了解更多.
        click_banner_button(page, "details")
        detailed = wait_until(page, lambda: "learn" in banner(page)["buttons"] and banner(page), 5000, "the details")
        assert detailed["reasons"] and detailed["quote"]
        screenshot(page, f"banner-{language}-420-details")
    finally:
        page.close()
