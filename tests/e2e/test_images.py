"""Pictures, end to end (issue 10): real service (with OCR), Debian chromium, the real extension.

- A feed with pictures gets blur boxes over the personal info in the right pictures only (not on
  clean pictures, not on thumbnails or avatars), over the right regions, following scroll and
  resize; the pictures' findings count in the tab's summary and badge.
- Uploading the 快递单 photo through a file input, a drop or a paste is held; the modal lists what it
  shows; 打码后上传 hands the page a blurred file (pixels changed in the boxes, untouched elsewhere),
  返回修改 hands it nothing, 仍然上传 the original; a clean picture passes without a dialog.
"""

from __future__ import annotations

import base64
import json
import shutil
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="rapidocr-onnxruntime is not installed")

from tests.fixtures.images import render, scoring  # noqa: E402

from .harness import (open_upload, ARTIFACTS_DIR, FIXTURES_DIR, FixtureServer, click_modal, guard_ui, image_notes,  # noqa: E402
                      in_closed_roots, screenshot, wait_modal, wait_no_modal, wait_until)

PAGES = FIXTURES_DIR / "images"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Rendered pictures + the fixture pages, on their own static server."""
    root = tmp_path_factory.mktemp("image-site")
    manifest = {entry["file"]: entry for entry in render.render_all(root)}
    for page in PAGES.glob("*.html"):
        shutil.copy(page, root / page.name)
    with FixtureServer(root) as server:
        server.root = root
        server.manifest = manifest
        yield server


def service_boxes(service, path: Path) -> list[list[float]]:
    return [box for f in service_findings(service, path) for box in f["boxes"]]


def service_findings(service, path: Path) -> list[dict]:
    req = urllib.request.Request(f"{service.url}/api/v1/image", data=path.read_bytes(), method="POST",
                                 headers={"Authorization": f"Bearer {service.token}",
                                          "Content-Type": "application/octet-stream"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())["findings"]


# ---- pictures on a page ---------------------------------------------------------------------------

# Run inside each shield's closed shadow root (harness.in_closed_roots): the page cannot read them.
SHIELD_JS = """function () {
  const s = this.querySelector('[data-hegai-shield]');
  if (s.style.display === 'none') return null;
  return { boxes: [...s.children].map((b) => { const r = b.getBoundingClientRect();
                    return { type: b.dataset.type, rect: [r.left, r.top, r.right, r.bottom],
                             filter: getComputedStyle(b).backdropFilter }; }) };
}"""


def shields(page) -> list[dict]:
    return in_closed_roots(page, "data-hegai-shield", SHIELD_JS)


def image_rect(page, selector):
    return page.eval_on_selector(selector, "el => { const r = el.getBoundingClientRect(); return [r.left + 1, r.top + 1, r.width - 2, r.height - 2]; }")


def expected_viewport_boxes(page, selector, entry):
    left, top, width, height = image_rect(page, selector)   # content box: 1px border
    sx, sy = width / entry["width"], height / entry["height"]
    return [(i["type"], [left + i["box"][0] * sx, top + i["box"][1] * sy, left + i["box"][2] * sx, top + i["box"][3] * sy])
            for i in entry["items"]]


def shields_over(page, selector):
    """The blur boxes drawn over one picture (those inside its rectangle)."""
    left, top, width, height = image_rect(page, selector)
    out = []
    for shield in shields(page):
        for box in shield["boxes"]:
            x0, y0, x1, y1 = box["rect"]
            if x0 >= left - 2 and y0 >= top - 2 and x1 <= left + width + 2 and y1 <= top + height + 2:
                out.append(box)
    return out


def assert_boxes_cover(page, selector, entry):
    drawn = shields_over(page, selector)
    found = [(b["type"], b["rect"]) for b in drawn]
    result = scoring.match(found, [{"type": t, "box": box} for t, box in expected_viewport_boxes(page, selector, entry)])
    assert not result["fn"] and not result["fp"], (found, result)
    assert all("blur" in b["filter"] for b in drawn)


def wait_images(page, count, timeout=60000):
    return wait_until(page, lambda: (lambda notes: notes if len(notes) >= count else None)(image_notes(page)),
                      timeout, f"{count} pictures checked")


def test_feed_pictures_get_blur_boxes_on_the_right_regions(browser, site):
    page = browser.context.new_page()
    try:
        page.goto(site.url("weibo.test", "feed.html"))
        first = wait_images(page, 2)           # the label photo and the notice, in view
        checked = {Path(m["src"]).name: m for m in first}
        assert set(checked) == {"express_label.png", "clean_notice.png"}   # not the avatar, not the thumbnail
        assert checked["express_label.png"]["findings"] == 6 and checked["clean_notice.png"]["findings"] == 0
        wait_until(page, lambda: len(shields(page)) == 1, what="one shield")
        assert_boxes_cover(page, "#img-label", site.manifest["express_label.png"])
        assert shields_over(page, "#img-notice") == [] and shields_over(page, "#img-thumb") == []

        # Lazy: the chat screenshot far below is read once scrolled to.
        page.eval_on_selector("#img-chat", "el => el.scrollIntoView()")
        marks = wait_images(page, 4)
        assert {Path(m["src"]).name for m in marks} == {"express_label.png", "clean_notice.png",
                                                         "chat_screenshot.png", "clean_menu.png"}
        wait_until(page, lambda: len(shields(page)) == 2, what="two shields")
        assert_boxes_cover(page, "#img-chat", site.manifest["chat_screenshot.png"])
        assert shields_over(page, "#img-menu") == []

        # The boxes follow the picture when the layout changes.
        page.eval_on_selector("#img-chat", "el => { el.style.width = '420px'; el.style.marginLeft = '80px'; }")
        page.wait_for_timeout(150)
        assert_boxes_cover(page, "#img-chat", site.manifest["chat_screenshot.png"])
        page.evaluate("() => window.scrollBy(0, -300)")
        page.wait_for_timeout(100)
        assert_boxes_cover(page, "#img-chat", site.manifest["chat_screenshot.png"])
        # Moved by a style change elsewhere (no resize, no DOM insertion).
        page.eval_on_selector("#post-chat header", "el => { el.style.paddingTop = '140px'; }")
        page.wait_for_timeout(700)
        assert_boxes_cover(page, "#img-chat", site.manifest["chat_screenshot.png"])

        # Counted like text findings: the tab's summary and the badge.
        tab = browser.tab_state(browser.tab_id(page))
        assert tab["counts"].get("PHONE_MOBILE") == 3 and tab["counts"].get("ADDRESS") == 2, tab["counts"]
        assert tab["total"] == 7 and tab["level"] in ("high", "critical")
        assert browser.badge(browser.tab_id(page))["text"] == "7"
        page.eval_on_selector("#img-label", "el => el.scrollIntoView()")
        page.wait_for_timeout(100)
        screenshot(page, "images-feed-blurred")
    finally:
        page.close()


# ---- pictures about to be uploaded ----------------------------------------------------------------

def save_received(page, name: str) -> Path:
    """The file the page received, as a test artifact (to look at the blur)."""
    data_url = page.evaluate("""() => new Promise((resolve) => { const r = new FileReader();
        r.onload = () => resolve(r.result); r.readAsDataURL(window.received[0].file); })""")
    out = ARTIFACTS_DIR / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    path.write_bytes(base64.b64decode(data_url.split(",", 1)[1]))
    return path


def label_boxes(site, service):
    entry = site.manifest["express_label.png"]
    truth = [i["box"] for i in entry["items"]]
    return truth, truth + service_boxes(service, site.root / "express_label.png")


def test_file_input_blur_and_upload_delivers_a_blurred_file(browser, site, service):
    truth, exclude = label_boxes(site, service)
    page = open_upload(browser, site)
    try:
        page.set_input_files("#pick", str(site.root / "express_label.png"))
        items = [i["text"] for i in wait_modal(page, "image-findings", timeout=60000)["items"]]
        assert any("139****5678" in text for text in items) and len(items) == 6
        assert page.evaluate("() => window.received.length") == 0      # held while the user decides
        click_modal(page, "mask")
        page.wait_for_function("() => window.received.length === 1", timeout=20000)
        report = page.evaluate("args => window.compareReceived(0, 'express_label.png', args[0], args[1], 4)",
                               [truth, exclude])
        assert report["sameSize"] and report["type"] == "image/png"
        assert min(report["inside"]) > 0.5, report["inside"]         # every value is blurred
        assert report["outsideChanged"] == 0 and report["outsideTotal"] > 300_000
        assert page.eval_on_selector("#pick", "el => el.files.length") == 1   # through the same input
        blurred = save_received(page, "images-upload-blurred")
        assert service_findings(service, blurred) == []        # OCR cannot read the values back
        wait_no_modal(page)
    finally:
        page.close()


def test_file_input_edit_delivers_nothing_and_upload_anyway_the_original(browser, site):
    page = open_upload(browser, site)
    try:
        page.set_input_files("#pick", str(site.root / "express_label.png"))
        click_modal(page, "edit", "image-findings", timeout=60000)
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.received.length") == 0
        assert page.eval_on_selector("#pick", "el => el.files.length") == 0

        page.set_input_files("#pick", str(site.root / "express_label.png"))
        click_modal(page, "post", "image-findings", timeout=60000)
        page.wait_for_function("() => window.received.length === 1")
        report = page.evaluate("() => window.compareReceived(0, 'express_label.png', [], [], 0)")
        assert report["outsideChanged"] == 0
    finally:
        page.close()


def test_clean_picture_passes_without_a_dialog(browser, site):
    page = open_upload(browser, site)
    try:
        page.set_input_files("#pick", str(site.root / "clean_menu.png"))
        page.wait_for_function("() => window.received.length === 1", timeout=60000)
        assert guard_ui(page, "modal") is None      # (a "checking…" dialog may show while it is read)
    finally:
        page.close()


DROP_OR_PASTE_JS = """async ([how, name]) => {
  const blob = await (await fetch(name)).blob();
  const dt = new DataTransfer();
  dt.items.add(new File([blob], name, { type: 'image/png' }));
  if (how === 'drop') {
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  } else {
    const composer = document.getElementById('composer');
    composer.focus();
    composer.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }));
  }
}"""


@pytest.mark.parametrize("how", ["drop", "paste"])
def test_drop_and_paste_are_checked_too(browser, site, service, how):
    truth, exclude = label_boxes(site, service)
    page = open_upload(browser, site)
    try:
        page.evaluate(DROP_OR_PASTE_JS, [how, "express_label.png"])
        click_modal(page, "mask", "image-findings", timeout=60000)
        page.wait_for_function("() => window.received.length === 1", timeout=20000)
        assert page.evaluate("() => window.received[0].how") == how
        report = page.evaluate("args => window.compareReceived(0, 'express_label.png', args[0], args[1], 4)",
                               [truth, exclude])
        assert min(report["inside"]) > 0.5 and report["outsideChanged"] == 0
    finally:
        page.close()
