"""``/api/v1``: health, scan, assess, check, openapi."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify

from hegai import __version__

from . import analysis, page_units, request_schema, settings
from .errors import ApiError
from .validation import invalid, json_body

bp = Blueprint("api", __name__, url_prefix="/api/v1")
log = logging.getLogger("hegai.service")

# Request shapes (URL length, chunk and post counts, id lengths, a text's length) are in the
# OpenAPI document (request_schema). The posts' texts together, which a schema cannot add up:
MAX_ASSESS_CHARS = 1_000_000     # the extension sends at most the newest 500,000


def _services():
    return current_app.extensions["hegai"]


def _language() -> str:
    """The user's language (settings): risk reasons are written in it."""
    return settings.language(_services().settings)


@bp.get("/health")
def health():
    return jsonify({"status": "ok", "version": __version__, "paired": _services().tokens.count() > 0})


def _chunks(body: dict) -> list[tuple[object, str]]:
    """The chunks, shaped as ScanRequest says (json_body checked it); the count this service's
    configuration allows is checked here (the document gives the default)."""
    chunks = body["chunks"]
    limit = current_app.config["HEGAI"].max_chunks
    if len(chunks) > limit:
        raise invalid(f"at most {limit} chunks per request")
    return [(chunk["id"], chunk["text"]) for chunk in chunks]


@bp.post("/scan")
def scan():
    body = json_body()       # checked against ScanRequest in the OpenAPI document
    url = body["url"]
    chunks = _chunks(body)
    services = _services()
    values: list[tuple[str, str]] = []
    result = analysis.scan_page(chunks, services.matcher, _language(), values)
    level = (result["assessment"] or {}).get("level")
    # Counts and types only: never the text, the values or the full URL.
    log.info("scan: %d chunks, counts=%s, own=%d, level=%s",
             len(chunks), result["counts"], len(result["vault_matches"]), level)
    if current_app.config["HEGAI"].log_detections:
        services.detections.record(url, len(chunks), result["counts"], len(result["vault_matches"]), level, values)
    return jsonify({"url": url, **result})


@bp.post("/assess")
def assess():
    """The page as a whole. With ``posts`` (each post, comment or reply and its thread): the worst
    post or thread, quoted. With ``text`` (older callers): the text scanned on it, joined with "\n"."""
    body = json_body()       # AssessRequest: a url, and posts or text (not both)
    url = body["url"]
    if body.get("text") is not None:
        return _assess_text(url, body["text"])
    posts = _posts(body)
    assessment = page_units.assess_posts(posts, _language())
    # Sizes and level only: never the text, the ids or the URL.
    log.info("assess: %d posts, %d chars, level=%s", len(posts), sum(len(p.text) for p in posts),
             (assessment or {}).get("level"))
    return jsonify({"url": url, "assessment": assessment})


def _assess_text(url: str, text: str):
    assessment = analysis.assess_page(text, _language())
    log.info("assess: %d chars, level=%s", len(text), (assessment or {}).get("level"))
    return jsonify({"url": url, "assessment": assessment})


def _posts(body: dict) -> list[page_units.Post]:
    """``posts`` checked: bounded in count and total size (each post costs the engine twice:
    alone and in its thread), ids unique so ``post_id`` names one post."""
    posts = [_post(i, item) for i, item in enumerate(body["posts"])]   # at most 5,000 (AssessRequest)
    if len({p.id for p in posts}) != len(posts):
        raise invalid("post ids must be unique")
    if sum(len(p.text) for p in posts) > MAX_ASSESS_CHARS:
        raise ApiError(413, "too_large", f"the posts' texts are longer than {MAX_ASSESS_CHARS} characters in all")
    return posts


def _post(i: int, item: dict) -> page_units.Post:
    """A post as PagePost says (types, id lengths); integer ids beyond what JavaScript holds exactly
    are refused here (a schema bound on a oneOf branch would be as long and less clear)."""
    post_id = _post_key(item["id"], f"posts[{i}].id")
    thread = None if item.get("thread") is None else _post_key(item["thread"], f"posts[{i}].thread")
    return page_units.Post(post_id, item["text"], thread)


def _post_key(value, name: str):
    if isinstance(value, int) and abs(value) > 2**53:
        raise invalid(f"{name} is out of range")
    return value


@bp.post("/check")
def check():
    text = json_body()["text"]       # CheckRequest: text, and an optional url (not used)
    result = analysis.check_draft(text, _services().matcher, settings.current(_services().settings))
    log.info("check: %d warnings, types=%s, own=%s",
             len(result["warnings"]), sorted({w["type"] for w in result["warnings"]}), result["own"])
    return jsonify(result)


@bp.get("/openapi.json")
def openapi():
    return current_app.response_class(request_schema.served_text(), mimetype="application/json")
