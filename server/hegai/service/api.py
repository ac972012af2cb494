"""``/api/v1``: health, scan, assess, check, openapi."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from importlib import resources

from flask import Blueprint, current_app, jsonify

from hegai import __version__

from . import analysis, page_units, settings
from .errors import ApiError
from .validation import field, invalid, json_body, text_field

bp = Blueprint("api", __name__, url_prefix="/api/v1")
log = logging.getLogger("hegai.service")

MAX_URL = 8192
# A page's text for one page-level assessment (the extension sends at most the newest 500,000).
MAX_ASSESS_CHARS = 1_000_000
MAX_POSTS = 5000             # posts per page assessment (the extension sends at most 3,000)
MAX_POST_KEY = 128           # a post's or thread's id


def _services():
    return current_app.extensions["hegai"]


def _language() -> str:
    """The user's language (settings): risk reasons are written in it."""
    return settings.language(_services().settings)


@bp.get("/health")
def health():
    return jsonify({"status": "ok", "version": __version__, "paired": _services().tokens.count() > 0})


def _chunks(body: dict) -> list[tuple[object, str]]:
    chunks = field(body, "chunks", list)
    limit = current_app.config["HEGAI"].max_chunks
    if len(chunks) > limit:
        raise invalid(f"at most {limit} chunks per request")
    out = []
    for i, chunk in enumerate(chunks):
        if not isinstance(chunk, dict):
            raise invalid(f"chunks[{i}] must be an object {{id, text}}")
        chunk_id = chunk.get("id")
        if isinstance(chunk_id, bool) or not isinstance(chunk_id, (str, int)):
            raise invalid(f"chunks[{i}].id must be a string or an integer")
        if not isinstance(chunk.get("text"), str):
            raise invalid(f"chunks[{i}].text must be a string")
        out.append((chunk_id, chunk["text"]))
    return out


@bp.post("/scan")
def scan():
    body = json_body()
    url = text_field(body, "url", max_len=MAX_URL)
    chunks = _chunks(body)
    services = _services()
    result = analysis.scan_page(chunks, services.matcher, _language())
    level = (result["assessment"] or {}).get("level")
    # Counts and types only: never the text, the values or the full URL.
    log.info("scan: %d chunks, counts=%s, own=%d, level=%s",
             len(chunks), result["counts"], len(result["vault_matches"]), level)
    if current_app.config["HEGAI"].log_detections:
        services.detections.record(url, len(chunks), result["counts"], len(result["vault_matches"]), level)
    return jsonify({"url": url, **result})


@bp.post("/assess")
def assess():
    """The page as a whole. With ``posts`` (each post, comment or reply and its thread): the worst
    post or thread, quoted. With ``text`` (older callers): the text scanned on it, joined with "\n"."""
    body = json_body()
    url = text_field(body, "url", max_len=MAX_URL)
    if "posts" in body and "text" in body:
        raise invalid("send either 'posts' or 'text', not both")
    if "text" in body:
        return _assess_text(url, text_field(body, "text"))
    posts = _posts(body)
    assessment = page_units.assess_posts(posts, _language())
    # Sizes and level only: never the text, the ids or the URL.
    log.info("assess: %d posts, %d chars, level=%s", len(posts), sum(len(p.text) for p in posts),
             (assessment or {}).get("level"))
    return jsonify({"url": url, "assessment": assessment})


def _assess_text(url: str, text: str):
    if len(text) > MAX_ASSESS_CHARS:
        raise ApiError(413, "too_large", f"'text' is longer than {MAX_ASSESS_CHARS} characters")
    assessment = analysis.assess_page(text, _language())
    log.info("assess: %d chars, level=%s", len(text), (assessment or {}).get("level"))
    return jsonify({"url": url, "assessment": assessment})


def _posts(body: dict) -> list[page_units.Post]:
    """``posts`` checked: bounded in count and total size (each post costs the engine twice:
    alone and in its thread), ids unique so ``post_id`` names one post."""
    items = field(body, "posts", list)
    if len(items) > MAX_POSTS:
        raise invalid(f"at most {MAX_POSTS} posts per request")
    posts = [_post(i, item) for i, item in enumerate(items)]
    if len({p.id for p in posts}) != len(posts):
        raise invalid("post ids must be unique")
    if sum(len(p.text) for p in posts) > MAX_ASSESS_CHARS:
        raise ApiError(413, "too_large", f"the posts' texts are longer than {MAX_ASSESS_CHARS} characters in all")
    return posts


def _post(i: int, item) -> page_units.Post:
    if not isinstance(item, dict):
        raise invalid(f"posts[{i}] must be an object {{id, text, thread?}}")
    post_id = _post_key(item.get("id"), f"posts[{i}].id")
    thread = None if item.get("thread") is None else _post_key(item["thread"], f"posts[{i}].thread")
    if not isinstance(item.get("text"), str):
        raise invalid(f"posts[{i}].text must be a string")
    return page_units.Post(post_id, item["text"], thread)


def _post_key(value, name: str):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise invalid(f"{name} must be a string or an integer")
    if isinstance(value, str) and not 0 < len(value) <= MAX_POST_KEY:
        raise invalid(f"{name} must be 1 to {MAX_POST_KEY} characters")
    if isinstance(value, int) and abs(value) > 2**53:
        raise invalid(f"{name} is out of range")
    return value


@bp.post("/check")
def check():
    body = json_body()
    text = text_field(body, "text")
    text_field(body, "url", required=False, max_len=MAX_URL)
    result = analysis.check_draft(text, _services().matcher, settings.current(_services().settings))
    log.info("check: %d warnings, types=%s, own=%s",
             len(result["warnings"]), sorted({w["type"] for w in result["warnings"]}), result["own"])
    return jsonify(result)


@lru_cache(maxsize=1)
def _openapi_document() -> str:
    raw = resources.files("hegai.service").joinpath("data").joinpath("openapi.json").read_text("utf-8")
    doc = json.loads(raw)
    doc["info"]["version"] = __version__
    return json.dumps(doc, ensure_ascii=False)


@bp.get("/openapi.json")
def openapi():
    return current_app.response_class(_openapi_document(), mimetype="application/json")
