"""OCR is the optional "ocr" extra (issue 17): on a machine without it (no rapidocr, no opencv, no
Pillow, as after a bare ``pip install hegai``) the service starts, says on its console that
pictures are not read and how to install it, and the picture API answers a JSON refusal the
extension does not retry, never a 500. The real service runs with those packages hidden."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest

from helpers.live_service import LiveService
from helpers.report_samples import png_bytes

HIDDEN = ("rapidocr_onnxruntime", "cv2", "PIL")


@pytest.fixture(scope="module")
def hidden_ocr(tmp_path_factory) -> dict:
    """An environment whose Python cannot import the OCR extra's packages (each shadowed by a
    package whose import fails, first on PYTHONPATH)."""
    shadow = tmp_path_factory.mktemp("no-ocr")
    for name in HIDDEN:
        (shadow / name).mkdir()
        (shadow / name / "__init__.py").write_text(f"raise ImportError('{name} is not installed (test)')\n")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(shadow), os.environ.get("PYTHONPATH")]))}


@pytest.fixture(scope="module")
def without_ocr(hidden_ocr):
    with LiveService(env=hidden_ocr) as svc:
        yield svc


def test_serve_says_pictures_are_not_read_and_how_to_install(hidden_ocr, tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "hegai.cli", "serve", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={**os.environ, **hidden_ocr, "HEGAI_HOME": str(tmp_path)})
    try:
        out, deadline = b"", time.monotonic() + 60
        while b"Ctrl+C" not in out and time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 1)
            chunk = os.read(proc.stdout.fileno(), 4096) if ready else b""
            assert chunk or not ready, f"the service ended: {out!r}"
            out += chunk
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
    console = out.decode("utf-8")
    assert "图片识别 (OCR) 未安装" in console and "pip install 'hegai[ocr]'" in console
    assert "scripts/setup" in console and "pictures: OCR is not installed" in console


def test_the_picture_api_refuses_in_json_without_a_500(without_ocr):
    client = without_ocr.client()
    reply = client.post("/api/v1/image", body=png_bytes(64, 32), headers={"Content-Type": "image/png"})
    assert reply.status == 503, reply.body[:300]
    body = reply.json()
    assert body["error"]["code"] == "ocr_unavailable" and body["dropped"] is True
    assert "hegai[ocr]" in body["error"]["message"] and b"Traceback" not in reply.body
    assert reply.headers["retry-after"] == "3600"
    # Text is still checked.
    scan = client.post("/api/v1/scan", json={"url": "https://a.test/", "chunks": [{"id": 1, "text": "电话 13800138000"}]})
    assert scan.status == 200 and scan.json()["counts"] == {"PHONE_MOBILE": 1}
    client.close()
