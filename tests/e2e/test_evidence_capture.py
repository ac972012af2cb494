"""Issue 17, item 2: the screenshot stored as a report's evidence is the page as its author left it,
with the reported post in view — no banner, no marks' highlight or popover, no guard hint — and
afterwards the page is as the user left it (Hegai's UI back, scrolled back)."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from .harness import banner, click_banner_button, guard_ui, screenshot, wait_idle, wait_until

PAGE = "ui/evidence-kaihe.html"
POST_COLOUR = (200, 240, 220)          # #c8f0dc: the 开盒 post's background, used nowhere else
BANNER_ACCENTS = {(127, 29, 29), (220, 38, 38), (217, 119, 6)}   # critical, high, medium
GUARD_COLOURS = {(255, 247, 230), (255, 241, 240), (242, 244, 247)}   # the hint's backgrounds


def _pixels(png: bytes) -> list[tuple[int, int, int]]:
    return list(Image.open(io.BytesIO(png)).convert("RGB").get_flattened_data())


def _yellowish(rgb) -> bool:
    """A mark's highlight (rgba(250,204,21,.45)) over any light background."""
    r, g, b = rgb
    return r > 190 and g > 170 and b < 160 and r - b > 60


def _screenshot_of(service, report_id: int) -> bytes:
    reply = service.client().get(f"/api/v1/reports/{report_id}/evidence.zip")
    assert reply.status == 200
    with zipfile.ZipFile(io.BytesIO(reply.body)) as zf:
        return zf.read("screenshot.png")


def test_evidence_screenshot_shows_the_post_and_nothing_hegai_drew(browser, service, fixtures):
    page = browser.context.new_page()
    page.goto(fixtures.url("plain.test", PAGE))
    wait_idle(page)
    page.bring_to_front()
    # Hegai's UI is on screen: the banner, and the guard's hint under a draft holding a phone number.
    page.click("#reply")
    page.keyboard.type("有事打我电话 13912345678")
    wait_until(page, lambda: guard_ui(page, "hint"), 15000, "the guard's hint")
    page.evaluate("window.scrollTo(0, 0)")
    shown = wait_until(page, lambda: banner(page), 15000, "the banner")
    before = _pixels(page.screenshot())
    assert any(p in BANNER_ACCENTS for p in before), "the banner is not on screen to begin with"
    assert POST_COLOUR not in before, "the reported post should start out of view"

    reports = {r["id"] for r in service.client().get("/api/v1/reports").json()["reports"]}
    with browser.context.expect_page(timeout=20000) as opened:
        click_banner_button(page, "report")
    opened.value.close()
    new = [r["id"] for r in service.client().get("/api/v1/reports").json()["reports"] if r["id"] not in reports]
    assert len(new) == 1
    png = _screenshot_of(service, new[0])
    pixels = _pixels(png)

    assert pixels.count(POST_COLOUR) > 20000, "the reported post is not in the screenshot"
    assert not [p for p in pixels if p in BANNER_ACCENTS], "the banner is in the screenshot"
    assert not [p for p in pixels if p in GUARD_COLOURS], "the guard's hint is in the screenshot"
    assert not [p for p in pixels if _yellowish(p)], "a mark's highlight is in the screenshot"

    # Afterwards: where the user was, with Hegai's UI back.
    wait_until(page, lambda: page.evaluate("window.scrollY") == 0, 10000, "the page to scroll back")
    after = wait_until(page, lambda: banner(page), 10000, "the banner back")
    assert after["box"]["bottom"] > after["box"]["top"] and after["level"] == shown["level"]
    wait_until(page, lambda: any(p in BANNER_ACCENTS for p in _pixels(page.screenshot())), 10000,
               "the banner to be drawn again")
    out = screenshot(page, "evidence-page-after")
    out.with_name("evidence-screenshot.png").write_bytes(png)
    page.close()
