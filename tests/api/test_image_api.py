"""``POST /api/v1/image``: type by content, size limit, cache by content hash, the bounded queue
(refusals are said, with ``dropped``), raw and multipart bodies — in-process and over real HTTP."""

from __future__ import annotations

import io
import threading
import time
import uuid

import pytest

from fixtures.images import render
from helpers.flask_api import FlaskApi

# The "ocr" extra is part of the test extra (scripts/setup test): without it these tests fail, they
# do not skip. The service without OCR is tested in test_ocr_extra.py.
import rapidocr_onnxruntime  # noqa: F401,E402,I001

PATH = "/api/v1/image"
OCTET = {"Content-Type": "application/octet-stream"}


def png(canvas) -> bytes:
    buf = io.BytesIO()
    canvas.image.save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def label_png() -> bytes:
    return png(render.express_label())


@pytest.fixture(scope="module")
def chat_png() -> bytes:
    return png(render.chat_screenshot())


def small_unique_png(text: str = "你好") -> bytes:
    """A distinct small picture each call (a fresh hash: never cached)."""
    c = render.Canvas("t", (360, 80))
    c.text((10, 20), f"{text} {uuid.uuid4().hex[:6]}", 24)
    return png(c)


def test_label_photo_findings_with_boxes(flask_api, label_png):
    r = flask_api.post(PATH, body=label_png, headers={"Content-Type": "image/png"})
    assert r.status == 200, r.body
    data = r.json()
    assert (data["width"], data["height"]) == (960, 600)
    assert data["mime"] == "image/png" and data["cached"] is False
    assert data["counts"]["PHONE_MOBILE"] == 2 and data["counts"]["ADDRESS"] == 2
    phone = next(f for f in data["findings"] if f["text"] == "13912345678")
    (x0, y0, x1, y1), = phone["boxes"]
    assert 480 < x0 < x1 < 760 and 120 < y0 < y1 < 180
    assert phone["masked"] == "139****5678" and phone["label"] == "手机号"
    assert "13912345678" not in data["masked_text"]
    assert "EXPOSURE" in data["assessment"]["categories"]
    assert data["qr_codes"] == []
    assert {"ocr_ms", "queue_ms", "total_ms"} <= set(data["timing_ms"])


def test_same_bytes_are_read_once(flask_api, chat_png):
    first = flask_api.post(PATH, body=chat_png, headers=OCTET).json()
    second = flask_api.post(PATH, body=chat_png, headers=OCTET).json()
    assert first["cached"] is False and second["cached"] is True
    assert second["findings"] == first["findings"] and second["sha256"] == first["sha256"]
    assert flask_api.app.extensions["hegai_images"]["worker"].stats["read"] == 1


def test_multipart_upload(flask_api, chat_png):
    client = flask_api.client
    r = client.post(PATH, base_url=f"http://{flask_api.base_host}",
                    headers={"Authorization": f"Bearer {flask_api.token}"},
                    data={"image": (io.BytesIO(chat_png), "anything.txt")}, content_type="multipart/form-data")
    assert r.status_code == 200
    assert r.get_json()["counts"] == {"PHONE_MOBILE": 1}


@pytest.mark.parametrize("body", [b"<svg xmlns='http://www.w3.org/2000/svg'><text>13912345678</text></svg>",
                                  b"%PDF-1.4 13912345678", b"13912345678", b"GIF8"])
def test_type_checked_by_content_not_name(flask_api, body):
    r = flask_api.post(PATH, body=body, headers={"Content-Type": "image/png"})
    assert r.status == 415
    assert r.json()["error"]["code"] == "unsupported_type"


def test_corrupt_png_is_400(flask_api, label_png):
    r = flask_api.post(PATH, body=label_png[:200], headers=OCTET)
    assert r.status == 400 and r.json()["error"]["code"] == "bad_image"


def test_empty_body_is_400(flask_api):
    assert flask_api.post(PATH, body=b"", headers=OCTET).status == 400


def test_needs_the_token(flask_api, chat_png):
    assert flask_api.post(PATH, body=chat_png, headers=OCTET, auth=False).status == 401


def test_size_limit(make_app, monkeypatch, label_png):
    monkeypatch.setenv("HEGAI_IMAGE_MAX_BYTES", str(len(label_png) - 1))
    app = make_app()
    api = FlaskApi(app, app.extensions["hegai"].tokens.create("t"))
    r = api.post(PATH, body=label_png, headers=OCTET)
    assert r.status == 413 and r.json()["error"]["code"] == "too_large"
    # The rest of the API keeps its own (2 MB) limit; pictures get theirs.
    assert app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024


def test_picture_bigger_than_the_json_limit_is_accepted(make_app, monkeypatch):
    from PIL import Image
    import numpy as np

    noisy = Image.fromarray(np.random.default_rng(1).integers(0, 255, (900, 1000, 3), dtype=np.uint8))
    buf = io.BytesIO()
    noisy.save(buf, "PNG")
    assert len(buf.getvalue()) > 2 * 1024 * 1024
    app = make_app()
    api = FlaskApi(app, app.extensions["hegai"].tokens.create("t"))
    r = api.post(PATH, body=buf.getvalue(), headers=OCTET)
    assert r.status == 200, r.body


def test_full_queue_says_dropped(make_app, monkeypatch, label_png):
    monkeypatch.setenv("HEGAI_IMAGE_QUEUE", "1")
    app = make_app()
    api = FlaskApi(app, app.extensions["hegai"].tokens.create("t"))
    worker = app.extensions["hegai_images"]["worker"]
    first: dict = {}
    reader = threading.Thread(target=lambda: first.update(r=FlaskApi(app, api.token).post(PATH, body=label_png, headers=OCTET)))
    reader.start()
    deadline = time.monotonic() + 10
    while worker.pending() == 0 and time.monotonic() < deadline:
        time.sleep(0.005)
    refused = api.post(PATH, body=small_unique_png(), headers=OCTET)
    reader.join(30)
    assert refused.status == 429
    body = refused.json()
    assert body["dropped"] is True and body["error"]["code"] == "queue_full"
    assert body["queue"] == {"waiting": 1, "limit": 1}
    assert int(refused.headers["retry-after"]) >= 1
    assert first["r"].status == 200            # the queued one was read
    assert worker.stats["refused_full"] == 1
    # An identical picture joins the job in flight instead of being refused; a cached one skips the queue.
    assert api.post(PATH, body=label_png, headers=OCTET).json()["cached"] is True


def test_time_limit_says_dropped(make_app, monkeypatch):
    monkeypatch.setenv("HEGAI_IMAGE_TIME_LIMIT", "0.001")
    app = make_app()
    api = FlaskApi(app, app.extensions["hegai"].tokens.create("t"))
    r = api.post(PATH, body=small_unique_png(), headers=OCTET)
    assert r.status == 503
    body = r.json()
    assert body["dropped"] is True and body["error"]["code"] == "image_timeout"
    assert "retry-after" in r.headers


def test_over_real_http(live, label_png):
    """The real server: raw body, then the same picture again from the cache."""
    client = live.client()
    try:
        first = client.post(PATH, body=label_png, headers=OCTET)
        again = client.post(PATH, body=label_png, headers=OCTET)
        refused = client.post(PATH, body=b"\x00" * 100, headers=OCTET)
    finally:
        client.close()
    assert first.status == 200 and first.json()["counts"]["PERSON_NAME"] == 2
    assert again.json()["cached"] is True
    assert refused.status == 415


def test_openapi_documents_the_route(flask_api):
    doc = flask_api.get("/api/v1/openapi.json", auth=False).json()
    route = doc["paths"][PATH]["post"]
    assert {"200", "413", "415", "429", "503"} <= set(route["responses"])
    assert "ImageResponse" in doc["components"]["schemas"]


def test_reasons_follow_the_users_language_even_from_the_cache(flask_api):
    """Issue 21: with the UI in English, a picture's QR reasons, finding reasons and assessment are
    English like the text endpoints' (the upload dialog listed "二维码指向 Telegram（纸飞机）" under an
    English title). The cache holds one result per picture: the language is applied per reply."""
    from fixtures.images import display

    from hegai.detect.explain import reason_in

    picture = png(display.qr_kaihe())
    zh = flask_api.post(PATH, body=picture, headers=OCTET).json()
    assert zh["qr_codes"][0]["reasons"][0] == "二维码指向 Telegram（纸飞机）"
    assert "二维码指向 Telegram（纸飞机）" in zh["assessment"]["reasons"]
    assert flask_api.put("/api/v1/settings", json={"language": "en"}).status == 200
    en = flask_api.post(PATH, body=picture, headers=OCTET).json()
    assert en["cached"] is True
    (code,) = en["qr_codes"]
    assert code["reasons"][:2] == ["QR code leads to Telegram (纸飞机)", "QR code leads to a 社工库 lookup bot"]
    assert not any("二维码" in r for r in en["assessment"]["reasons"]), en["assessment"]["reasons"]
    assert "QR code leads to Telegram (纸飞机)" in en["assessment"]["reasons"]
    assert en["assessment"]["level"] == zh["assessment"]["level"]
    assert "assessment_en" not in en and "assessment_en" not in zh
    card = png(display.fit_card())
    findings = flask_api.post(PATH, body=card, headers=OCTET).json()["findings"]
    reasons = [r for f in findings for r in f["reasons"]]
    assert reasons and reasons == [reason_in("en", r) for r in reasons]      # as the text endpoints put them
    assert any(r.isascii() for r in reasons), reasons
