"""Pairing and token management (docs/CONTRACTS.md, "Pairing").

The extension gets its token from the native messaging host (``hegai.service.browser_host``),
which the browser starts only for the extension ids named in the host manifest. The service
itself hands out no token: ``/pair`` is a page that explains how to pair, nothing more (the old
nonce + ``Origin`` route could be driven by any local process with a forged header).

``/api/v1/tokens`` lists and revokes tokens with a bearer token (the extension's options page);
the dashboard has the same through its session (``dashboard.tokens_page``).
"""

from __future__ import annotations

import logging
import secrets

from flask import Blueprint, current_app, g, jsonify, render_template

from .errors import ApiError
from .storage.tokens_repo import MAX_IDLE_DAYS

bp = Blueprint("pairing", __name__)
log = logging.getLogger("hegai.service")


@bp.get("/pair")
def pair_page():
    style_nonce = secrets.token_urlsafe(16)
    resp = current_app.response_class(render_template("pair.html", style_nonce=style_nonce), mimetype="text/html")
    resp.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src 'nonce-{style_nonce}'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'none'")
    return resp


def token_list(current_id: int | None = None) -> dict:
    """What the options page and the dashboard show: name, created, last used, when it expires."""
    entries = current_app.extensions["hegai"].tokens.entries()
    return {"tokens": [{**entry, "current": entry["id"] == current_id} for entry in entries],
            "max_idle_days": MAX_IDLE_DAYS}


def revoke_token(token_id: int) -> dict:
    if not current_app.extensions["hegai_token_cache"].revoke(token_id):
        raise ApiError(404, "not_found", "no such token")
    log.info("tokens: a token was revoked")
    return {"revoked": token_id}


@bp.get("/api/v1/tokens")
def api_token_list():
    return jsonify(token_list(g.token_id))


@bp.delete("/api/v1/tokens/<rowid:token_id>")
def api_token_revoke(token_id: int):
    return jsonify(revoke_token(token_id))
