"""Pictures as the page shows them (issue 21), end to end: real service with OCR, Debian chromium,
the real extension, pictures rendered by the test (tests/fixtures/images/display.py).

Every check is on the screenshot's pixels: in each value's region of the picture *as drawn*
(object-fit, object-position, srcset density, <picture> art direction, CSS background size /
position / origin / repeat), the value's dark glyph pixels are there with Hegai's boxes hidden and
gone with them shown. The region is computed here from the CSS the test page sets (the spec's
formulas, not the extension's code) and the value's ink box as drawn by Pillow.
Also: a QR code to a 开盒 channel is covered on the page and its upload dialog says what it is; a
restaurant menu is left alone (no boxes, not counted, no dialog); the blurred upload covers each
value to its first and last glyph and changes nothing outside the boxes.
"""

from __future__ import annotations

import io
import json
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="rapidocr-onnxruntime is not installed")

from PIL import Image  # noqa: E402

from tests.fixtures.images import display, render  # noqa: E402

from .harness import (open_upload, ARTIFACTS_DIR, FIXTURES_DIR, FixtureServer, click_modal, guard_ui, image_notes, in_closed_roots,  # noqa: E402
                      screenshot, wait_modal, wait_no_modal, wait_until)

INK = 90                 # grey level: darker is a glyph's stroke (the text is #111 on a light paper)
MIN_INK = 25             # a value region shows at least this many stroke pixels when not covered
MIN_GLYPH_INK = 3        # and so does the strip of its first or last glyph
LEFT_OVER = 0.03         # covered: at most this share of them still dark (and never more than a few)
COVER_TIMEOUT = 120_000  # ms: the first picture loads the OCR model on a busy 2-core machine
CARD = (900, 600)        # fit_card.png's pixels; fit_card@2x.png is twice as many at density 2x

# ---- the pages -----------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ margin: 0; font: 15px/1.6 "Noto Sans CJK SC", sans-serif; background: #eee; }}
.top {{ height: 620px; }} .bottom {{ height: 900px; }} #pic {{ display: block; margin-left: 40px; {css} }}</style>
</head><body><p class="top">图片动态</p>{element}<p class="bottom">评论区</p></body></html>"""

IMG = '<img id="pic" src="fit_card.png" alt="截图">'

# case → (element, its CSS, how the picture is drawn: f(content W, H) → (x, y, w, h) in the clip)
CASES = {
    # the chat screenshot at its own size: the box used to start inside the phone's leading "1"
    "fill": ('<img id="pic" src="chat_screenshot.png" alt="截图">', "width: 760px; height: 820px; object-fit: fill;",
             lambda W, H: (0, 0, W, H)),
    "cover": (IMG, "width: 300px; height: 300px; object-fit: cover;", lambda W, H: (-75, 0, 450, 300)),
    "cover-position": (IMG, "width: 380px; height: 300px; object-fit: cover; object-position: right 10px top 0;",
                       lambda W, H: (380 - 450 - 10, 0, 450, 300)),
    "contain": (IMG, "width: 480px; height: 480px; object-fit: contain;", lambda W, H: (0, 80, 480, 320)),
    "none": (IMG, "width: 420px; height: 300px; object-fit: none;", lambda W, H: (-240, -150, 900, 600)),
    "scale-down": (IMG, "width: 600px; height: 500px; object-fit: scale-down; border: 5px solid #333; padding: 7px;",
                   lambda W, H: (0, 50, 600, 400)),
    "srcset-2x-cover": ('<img id="pic" srcset="fit_card@2x.png 2x" alt="截图">',
                        "width: 300px; height: 300px; object-fit: cover;", lambda W, H: (-75, 0, 450, 300)),
}

BACKGROUNDS = {
    # background-size cover, positioned from the right, clipped to the border box
    "bg-cover": ("width: 380px; height: 300px; background: url(fit_card.png) right 10px top 0 / cover no-repeat;",
                 lambda: [(380 - 450 - 10, 0, 450, 300)], 0),
    # contain in the padding box (origin), painted over the border too (clip): offsets by the border
    "bg-contain": ("width: 480px; height: 480px; padding: 10px; border: 6px solid #999;"
                   " background: #fff url(fit_card.png) center / contain no-repeat;",
                   lambda: [(6, 6 + (500 - 500 * 600 / 900) / 2, 500, 500 * 600 / 900)], 6),
    # repeated along x: two copies, both covered
    "bg-repeat": ("width: 900px; height: 300px; background-image: url(fit_card.png); background-size: 450px 300px;"
                  " background-repeat: repeat-x;", lambda: [(0, 0, 450, 300), (450, 0, 450, 300)], 0),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("shown-site")
    manifest = display.render_all(root)
    manifest["chat_screenshot.png"] = render.chat_screenshot().save(root)
    for case, (element, css, _) in CASES.items():
        (root / f"{case}.html").write_text(PAGE.format(title=case, css=css, element=element), "utf-8")
    for case, (css, _, _) in BACKGROUNDS.items():
        (root / f"{case}.html").write_text(PAGE.format(title=case, css=css, element='<div id="pic"></div>'), "utf-8")
    (root / "picture.html").write_text(PAGE.format(title="picture", css="", element=(
        '<picture><source media="(max-width: 600px)" srcset="crop_card.png">'
        '<img id="pic" src="fit_card.png" alt="截图" style="width: 320px; height: auto"></picture>')), "utf-8")
    (root / "qr.html").write_text(PAGE.format(title="qr", css="width: 390px; height: 480px;",
                                              element='<img id="pic" src="qr_kaihe.png" alt="二维码">'), "utf-8")
    (root / "menu.html").write_text(PAGE.format(title="menu", css="width: 560px; height: auto;",
                                                element='<img id="pic" src="menu_laojie.png" alt="菜单">'), "utf-8")
    for page in (FIXTURES_DIR / "images").glob("upload.html"):
        (root / page.name).write_bytes(page.read_bytes())
    with FixtureServer(root) as server:
        server.root = root
        server.manifest = manifest
        yield server


# ---- what the screen shows ------------------------------------------------------------------------

def _shields_visible(page, visible: bool) -> int:
    """Show or hide Hegai's boxes (inside closed roots: reached through the DevTools protocol)."""
    js = ("function () { let n = 0; for (const s of this.querySelectorAll('[data-hegai-shield]')) {"
          f" s.style.visibility = '{'visible' if visible else 'hidden'}'; n += s.children.length; }} return n; }}")
    return sum(in_closed_roots(page, "data-hegai-shield", js))


def _grey(page) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot())).convert("L")


def _ink(grey: Image.Image, region) -> int:
    x0, y0, x1, y1 = region
    return sum(1 for v in grey.crop((int(x0), int(y0), int(x1 + 0.999), int(y1 + 0.999))).tobytes() if v < INK)


def _rect(page, selector="#pic") -> dict:
    return page.eval_on_selector(selector, "el => { const r = el.getBoundingClientRect();"
                                 " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }")


def _glyph_strips(box) -> list[tuple[str, list]]:
    """A value's whole ink box, and strips half a line high wide at its start and end: its first
    and last glyph (the leading "1" of a phone), checked on their own."""
    x0, y0, x1, y1 = box
    half = (y1 - y0) / 2
    return [("", box), ("first glyph of ", [x0, y0, x0 + half, y1]), ("last glyph of ", [x1 - half, y0, x1, y1])]


def regions_on_screen(clip, tiles, entry) -> list[tuple[str, tuple]]:
    """Each value's ink box (and its first and last glyph) mapped through each drawn copy of the
    picture, kept when wholly inside the clip (a value the crop cuts is not the test's business)."""
    out = []
    for n, (tx, ty, tw, th) in enumerate(tiles):
        sx, sy = tw / entry["width"], th / entry["height"]
        for item in entry["items"]:
            for what, b in _glyph_strips(item["box"]):
                r = (clip[0] + tx + b[0] * sx, clip[1] + ty + b[1] * sy, clip[0] + tx + b[2] * sx, clip[1] + ty + b[3] * sy)
                if r[0] >= clip[0] and r[1] >= clip[1] and r[2] <= clip[2] and r[3] <= clip[3]:
                    out.append((f"{what}{item['text']} (copy {n + 1})", r))
    return out


def coverage(page, regions, keep: str | None = None) -> dict:
    """{value: (dark pixels with the boxes hidden, dark pixels with them shown)}; ``keep`` saves
    both screenshots as artifacts (to look at when a check fails)."""
    _shields_visible(page, False)
    bare = _grey(page)
    _shields_visible(page, True)
    shown = _grey(page)
    if keep:
        out = ARTIFACTS_DIR / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        bare.save(out / f"images-shown-{keep}-bare.png")
        shown.save(out / f"images-shown-{keep}-boxes.png")
    return {text: (_ink(bare, r), _ink(shown, r)) for text, r in regions}


def covered(counts: dict) -> bool:
    """In one pair of screenshots: every value shows without the boxes and is gone with them."""
    return _shows_ink(counts) and all(after <= max(2, LEFT_OVER * before) for before, after in counts.values())


def _shows_ink(counts: dict) -> bool:
    return all(before >= (MIN_GLYPH_INK if "glyph of" in text else MIN_INK) for text, (before, _) in counts.items())


def wait_covered(page, regions, what: str) -> dict:
    """Bounded wait until every value region is covered; the counts (for the message) either way."""
    last = {}

    def check():
        nonlocal last
        last = coverage(page, regions)
        return covered(last)
    try:
        wait_until(page, check, COVER_TIMEOUT, what)
    except AssertionError:
        coverage(page, regions, keep="failed")
        raise AssertionError(f"{what}: dark pixels (bare, with boxes) per value: {last}") from None
    return last


def open_case(browser, site, name: str, width: int = 1200):
    page = browser.context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url("weibo.test", f"{name}.html"))
    page.eval_on_selector("#pic", "el => el.scrollIntoView({block: 'center'})")
    return page


def check_values_covered(page, regions, name: str) -> None:
    assert len(regions) >= 3, regions     # a value or more, each with its first and last glyph
    # The test's own geometry first: each region shows its value's strokes (a frame may come
    # before the picture is painted, hence the bounded wait).
    wait_until(page, lambda: _shows_ink(coverage(page, regions)), 30_000, f"{name}: the values where the test expects them")
    wait_covered(page, regions, f"{name}: every value covered")
    screenshot(page, f"images-shown-{name}")


# ---- the tests ------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", list(CASES))
def test_object_fit_boxes_cover_the_values_pixels(browser, site, case):
    page = open_case(browser, site, case)
    try:
        element, css, drawn = CASES[case]
        r = _rect(page)
        border = 5 if "border: 5px" in css else 0
        pad = 7 if "padding: 7px" in css else 0
        inner = border + pad
        clip = (r["left"] + inner, r["top"] + inner, r["right"] - inner, r["bottom"] - inner)
        entry = site.manifest["chat_screenshot.png" if "chat_screenshot" in element else "fit_card.png"]
        tiles = [drawn(clip[2] - clip[0], clip[3] - clip[1])]
        check_values_covered(page, regions_on_screen(clip, tiles, entry), case)
    finally:
        page.close()


@pytest.mark.parametrize("case", list(BACKGROUNDS))
def test_background_picture_boxes_cover_the_values_pixels(browser, site, case):
    page = open_case(browser, site, case)
    try:
        _, tiles, _ = BACKGROUNDS[case]
        r = _rect(page)
        clip = (r["left"], r["top"], r["right"], r["bottom"])   # background-clip: border-box
        regions = regions_on_screen(clip, tiles(), site.manifest["fit_card.png"])
        check_values_covered(page, regions, case)
        assert any(n.get("background") for n in image_notes(page))
    finally:
        page.close()


def test_picture_source_switch_moves_the_boxes(browser, site):
    """<picture> art direction: wide screens get the landscape screenshot, narrow ones (420 px)
    a portrait crop. Resizing switches the source; the boxes follow the picture shown."""
    page = open_case(browser, site, "picture", width=1200)
    try:
        r = _rect(page)
        clip = (r["left"], r["top"], r["right"], r["bottom"])
        check_values_covered(page, regions_on_screen(clip, [(0, 0, clip[2] - clip[0], clip[3] - clip[1])],
                                                     site.manifest["fit_card.png"]), "picture-wide")
        page.set_viewport_size({"width": 420, "height": 900})
        page.wait_for_function("() => document.getElementById('pic').currentSrc.endsWith('crop_card.png')"
                               " && document.getElementById('pic').complete")
        page.eval_on_selector("#pic", "el => el.scrollIntoView({block: 'center'})")
        r = _rect(page)
        clip = (r["left"], r["top"], r["right"], r["bottom"])
        regions = regions_on_screen(clip, [(0, 0, clip[2] - clip[0], clip[3] - clip[1])], site.manifest["crop_card.png"])
        check_values_covered(page, regions, "picture-narrow-420")
    finally:
        page.close()


def _qr_payload(grey: Image.Image, region) -> str:
    """What a phone would read from the QR code in ``region`` of the screen ('' = nothing)."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = (int(v) for v in region)
    crop = np.asarray(grey.crop((x0 - 20, y0 - 20, x1 + 20, y1 + 20)))
    payload, _, _ = cv2.QRCodeDetector().detectAndDecode(crop)
    return payload or ""


def test_qr_code_to_a_kaihe_channel_is_covered_on_the_page(browser, site):
    """No text finding, but the banner names the code: it is covered so it cannot be scanned."""
    page = open_case(browser, site, "qr")
    try:
        r = _rect(page)
        entry = site.manifest["qr_kaihe.png"]
        clip = (r["left"], r["top"], r["right"], r["bottom"])
        sx, sy = (clip[2] - clip[0]) / entry["width"], (clip[3] - clip[1]) / entry["height"]
        box = entry["qr"][0]["box"]
        region = (clip[0] + box[0] * sx, clip[1] + box[1] * sy, clip[0] + box[2] * sx, clip[1] + box[3] * sy)
        _shields_visible(page, False)
        assert _qr_payload(_grey(page), region) == entry["qr"][0]["data"]     # readable from the screen as shown

        def unreadable():
            _shields_visible(page, True)
            return _shields_visible(page, True) > 0 and _qr_payload(_grey(page), region) == ""
        wait_until(page, unreadable, COVER_TIMEOUT, "the QR code covered (no longer scannable)")
        _shields_visible(page, False)
        assert _qr_payload(_grey(page), region) == entry["qr"][0]["data"]     # it was the boxes
        _shields_visible(page, True)
        notes = image_notes(page)
        assert notes and notes[-1]["qr_trade"] == 1 and notes[-1]["findings"] == 0
        screenshot(page, "images-shown-qr")
    finally:
        page.close()


def _wait_note(page, name: str) -> dict:
    return wait_until(page, lambda: next((n for n in image_notes(page) if n["src"].endswith(name)), None),
                      COVER_TIMEOUT, f"{name} checked")


def test_menu_is_not_blurred_counted_or_a_dialog(browser, site):
    """老街牛肉面馆 is a shop, not an address: the menu gets no box, no count, no upload dialog."""
    page = open_case(browser, site, "menu")
    try:
        note = _wait_note(page, "menu_laojie.png")
        assert note["ok"] and note["findings"] == 0 and note["qr_trade"] == 0, note
        page.wait_for_timeout(300)
        assert _shields_visible(page, True) == 0
        tab = browser.tab_state(browser.tab_id(page))
        assert tab["total"] == 0 and not tab["counts"], tab["counts"]
        assert browser.badge(browser.tab_id(page))["text"] in ("", "0")
    finally:
        page.close()
    page = open_upload(browser, site)
    try:
        page.set_input_files("#pick", str(site.root / "menu_laojie.png"))
        page.wait_for_function("() => window.received.length === 1", timeout=COVER_TIMEOUT)
        assert guard_ui(page, "modal") is None
        report = page.evaluate("() => window.compareReceived(0, 'menu_laojie.png', [], [], 0)")
        assert report["outsideChanged"] == 0      # the page got the menu as it was
    finally:
        page.close()


# ---- uploads ----------------------------------------------------------------------------------------

def service_json(service, path: Path) -> dict:
    req = urllib.request.Request(f"{service.url}/api/v1/image", data=path.read_bytes(), method="POST",
                                 headers={"Authorization": f"Bearer {service.token}",
                                          "Content-Type": "application/octet-stream"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.loads(resp.read())


def test_qr_only_upload_dialog_says_what_it_is(browser, site, service):
    page = open_upload(browser, site)
    try:
        page.set_input_files("#pick", str(site.root / "qr_kaihe.png"))
        modal = wait_modal(page, "image-findings", timeout=COVER_TIMEOUT)
        assert modal["title"] == "这张图片里有指向开盒渠道的二维码", modal["title"]
        assert "个人信息" not in modal["title"]
        assert [i["type"] for i in modal["items"]] == ["QR_TRADE"]
        click_modal(page, "mask")
        page.wait_for_function("() => window.received.length === 1", timeout=20000)
        qr_box = [q["box"] for q in service_json(service, site.root / "qr_kaihe.png")["qr_codes"]]
        report = page.evaluate("args => window.compareReceived(0, 'qr_kaihe.png', args[0], args[0], 2)", [qr_box])
        assert report["sameSize"] and min(report["inside"]) > 0.5 and report["outsideChanged"] == 0, report
        wait_no_modal(page)
    finally:
        page.close()


def test_uploaded_copy_covers_each_value_from_its_first_to_its_last_glyph(browser, site, service):
    """The leading "1" of a phone number and the last digit of an ID are blurred in the copy the
    page receives; nothing outside the service's boxes changes."""
    entry = site.manifest["fit_card.png"]
    boxes = [b for f in service_json(service, site.root / "fit_card.png")["findings"] for b in f["boxes"]]
    strips = []   # the first and the last glyph of each value: half a line height wide
    for item in entry["items"]:
        x0, y0, x1, y1 = item["box"]
        half = (y1 - y0) / 2
        strips += [[x0, y0, x0 + half, y1], [x1 - half, y0, x1, y1]]
    page = open_upload(browser, site)
    try:
        page.set_input_files("#pick", str(site.root / "fit_card.png"))
        click_modal(page, "mask", "image-findings", timeout=COVER_TIMEOUT)
        page.wait_for_function("() => window.received.length === 1", timeout=20000)
        report = page.evaluate("args => window.compareReceived(0, 'fit_card.png', args[0], args[1], 2)", [strips, boxes])
        assert report["sameSize"] and report["outsideChanged"] == 0, report
        assert min(report["inside"]) > 0.6, list(zip([i["text"] for i in entry["items"] for _ in (0, 1)], report["inside"]))
    finally:
        page.close()


def test_qr_only_upload_dialog_in_english(browser, site):
    """The same dialog with the UI in English: title, intro and the code's reason all English
    (the reason used to stay 二维码指向 Telegram（纸飞机）)."""
    from .test_banner_layout import set_language

    set_language(browser, "en")
    page = open_upload(browser, site)
    try:
        page.set_input_files("#pick", str(site.root / "qr_kaihe.png"))
        modal = wait_modal(page, "image-findings", timeout=COVER_TIMEOUT)
        assert modal["title"] == "This picture has a QR code into a doxxing (开盒) channel", modal["title"]
        (item,) = [i for i in modal["items"] if i["type"] == "QR_TRADE"]
        assert item["text"].startswith("QR code: QR code leads to Telegram") and "二维码" not in item["text"], item
        click_modal(page, "edit")
        wait_no_modal(page)
    finally:
        page.close()
        set_language(browser, "zh_CN")
