"""``POST /api/v1/image``: a picture (raw bytes, or multipart field ``image``) → what it exposes,
with boxes in image pixels (``hegai.ocr``). Type checked by content; results cached by SHA-256;
a small bounded queue in front of one OCR worker keeps the text endpoints responsive."""

from __future__ import annotations

import hashlib
import logging
import os
import time

from flask import Blueprint, current_app, jsonify, request

from hegai.detect.explain import reason_in
from hegai.ocr import BadImage, OcrUnavailable, sniff
from hegai.ocr.cache import ResultCache
from hegai.ocr.qr import reason_in as qr_reason_in
from hegai.ocr.queue import ImageWorker, QueueFull, TimedOut
from hegai.ocr.result_json import analyse_to_json

from . import settings
from .errors import ApiError

bp = Blueprint("image", __name__, url_prefix="/api/v1")
log = logging.getLogger("hegai.service")

IMAGE_PATH = "/api/v1/image"
MULTIPART_OVERHEAD = 64 * 1024


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


def limits() -> dict:
    # The server has 4 threads and each waiting picture holds one: 2 waiting/running pictures
    # at most leaves the others to the pages' text scans.
    return {"max_bytes": int(_env_number("HEGAI_IMAGE_MAX_BYTES", 8 * 1024 * 1024)),
            "max_queue": int(_env_number("HEGAI_IMAGE_QUEUE", 2)),
            "time_limit": _env_number("HEGAI_IMAGE_TIME_LIMIT", 30.0),
            "cache_entries": int(_env_number("HEGAI_IMAGE_CACHE", 512))}


@bp.record_once
def _setup(state) -> None:
    conf = limits()
    worker = ImageWorker(analyse_to_json, ResultCache(conf["cache_entries"]), conf["max_queue"], conf["time_limit"])
    state.app.extensions["hegai_images"] = {"worker": worker, "max_bytes": conf["max_bytes"]}


def _images() -> dict:
    return current_app.extensions["hegai_images"]


@bp.before_request
def _picture_body_limit():
    if request.path == IMAGE_PATH:
        request.max_content_length = _images()["max_bytes"] + MULTIPART_OVERHEAD


def _too_large() -> ApiError:
    return ApiError(413, "too_large", f"image larger than {_images()['max_bytes']} bytes")


def _picture_bytes() -> bytes:
    if (request.content_length or 0) > _images()["max_bytes"] + MULTIPART_OVERHEAD:
        raise _too_large()
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("image") or next(iter(request.files.values()), None)
        if upload is None:
            raise ApiError(400, "invalid", "multipart body needs a file field 'image'")
        data = upload.read(_images()["max_bytes"] + 1)
    else:
        data = request.get_data(cache=False)
    if len(data) > _images()["max_bytes"]:
        raise _too_large()
    if not data:
        raise ApiError(400, "invalid", "empty body: send the image bytes (or multipart field 'image')")
    return data


@bp.post("/image")
def image():
    started = time.perf_counter()
    data = _picture_bytes()
    mime = sniff(data)
    if mime is None:
        raise ApiError(415, "unsupported_type", "not a PNG, JPEG, WebP, GIF or BMP image (checked by content)")
    digest = hashlib.sha256(data).hexdigest()
    worker: ImageWorker = _images()["worker"]
    try:
        outcome = worker.submit(digest, data)
    except QueueFull as full:
        log.info("image: queue full (%d/%d), dropped", full.waiting, full.limit)
        return _refusal(429, "queue_full", f"{full.waiting} images already waiting (limit {full.limit}); "
                        "this one was not read, try again later", full.retry_after,
                        queue={"waiting": full.waiting, "limit": full.limit})
    except TimedOut as late:
        log.info("image: not read within %.0f s, dropped (started=%s)", late.limit, late.started)
        return _refusal(503, "image_timeout", f"not read within {late.limit:g} s; this one was not read"
                        + (" (its result will be cached: retry shortly)" if late.started else ""),
                        5 if late.started else 10, will_cache=late.started)
    except BadImage as bad:
        raise ApiError(415 if bad.code == "unsupported_type" else 400, bad.code, str(bad)) from None
    except OcrUnavailable as missing:
        # 503, not 4xx: nothing is wrong with the request; this service cannot read pictures until
        # the "ocr" extra is installed. The code tells the extension not to retry (background/images.js).
        return _refusal(503, "ocr_unavailable", str(missing), 3600)
    result = outcome.result
    log.info("image: %s %dx%d, counts=%s, qr=%d, level=%s, cached=%s", mime, result["width"], result["height"],
             result["counts"], len(result["qr_codes"]), (result["assessment"] or {}).get("level"), outcome.cached)
    timing = {**({} if outcome.cached else result["timing_ms"]), "queue_ms": round(outcome.queue_ms, 1),
              "total_ms": round((time.perf_counter() - started) * 1000, 1)}
    return jsonify({"sha256": digest, "mime": mime, **in_language(result, _language()), "cached": outcome.cached,
                    "timing_ms": timing})


def _language() -> str:
    return settings.language(current_app.extensions["hegai"].settings)


def in_language(result: dict, language: str) -> dict:
    """A cached result (reasons in Chinese, the assessment in both languages) as the user reads
    it: reasons in the settings' language, like the text endpoints' (analysis.finding_json)."""
    out = {k: v for k, v in result.items() if k != "assessment_en"}
    if not language.startswith("en"):
        return out
    out["assessment"] = result.get("assessment_en") or result["assessment"]
    out["findings"] = [{**f, "reasons": [reason_in(language, r) for r in f["reasons"]]} for f in result["findings"]]
    out["qr_codes"] = [{**q, "reasons": [qr_reason_in(language, r) for r in q["reasons"]]} for q in result["qr_codes"]]
    return out


def _refusal(status: int, code: str, message: str, retry_after: int, **extra):
    resp = jsonify({"error": {"code": code, "message": message}, "dropped": True, **extra})
    resp.status_code = status
    resp.headers["Retry-After"] = str(retry_after)
    return resp
