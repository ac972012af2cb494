"""Pairing: the extension opens ``/pair?ext=<id>``; the user clicks once; the page gets a token from
``/pair/confirm`` (same origin, one-time nonce) and hands it to the extension with
``chrome.runtime.sendMessage``. See docs/CONTRACTS.md.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time

import regex
from flask import Blueprint, current_app, jsonify, render_template, request

from .errors import ApiError
from .security import own_origins
from .validation import json_body, text_field

bp = Blueprint("pairing", __name__)
log = logging.getLogger("hegai.service")

_EXTENSION_ID = regex.compile(r"^[a-p]{32}$")
NONCE_TTL_SECONDS = 600


class Nonces:
    """One-time nonces, each bound to the extension id it was issued for."""

    MAX_PENDING = 256

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._pending: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def issue(self, ext: str) -> str:
        nonce = secrets.token_urlsafe(24)
        with self._lock:
            now = self.clock()
            self._pending = {n: v for n, v in self._pending.items() if v[1] > now}
            if len(self._pending) >= self.MAX_PENDING:
                self._pending.pop(next(iter(self._pending)))
            self._pending[nonce] = (ext, now + NONCE_TTL_SECONDS)
        return nonce

    def redeem(self, nonce: str, ext: str) -> bool:
        with self._lock:
            issued = self._pending.pop(nonce, None)
        return issued is not None and issued[0] == ext and issued[1] > self.clock()


def _known_extension(ext: str | None) -> bool:
    return bool(ext) and _EXTENSION_ID.match(ext) and ext in current_app.config["HEGAI"].extension_ids


def _page(template: str, status: int, script_nonce: str, **context):
    html = render_template(template, script_nonce=script_nonce, **context)
    resp = current_app.response_class(html, status=status, mimetype="text/html")
    resp.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src 'nonce-{script_nonce}'; style-src 'nonce-{script_nonce}'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


@bp.get("/pair")
def pair_page():
    # A page that opens this in a popup is "cross-site"/"same-site"; the extension's own tab is "none".
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        raise ApiError(403, "forbidden_origin", "open the pairing page from the extension")
    ext = request.args.get("ext")
    script_nonce = secrets.token_urlsafe(16)
    if not _known_extension(ext):
        return _page("pair.html", 400, script_nonce, error=True, ext="", nonce="")
    return _page("pair.html", 200, script_nonce, error=False, ext=ext,
                 nonce=current_app.extensions["hegai"].nonces.issue(ext))


@bp.post("/pair/confirm")
def pair_confirm():
    config = current_app.config["HEGAI"]
    if request.headers.get("Origin") not in own_origins(config):
        raise ApiError(403, "forbidden_origin", "pairing is confirmed from the service's own page only")
    body = json_body()
    nonce = text_field(body, "nonce", max_len=100)
    ext = text_field(body, "ext", max_len=100)
    services = current_app.extensions["hegai"]
    if not _known_extension(ext) or not services.nonces.redeem(nonce, ext):
        raise ApiError(400, "invalid", "this pairing page has expired or was already used; open it again")
    token = services.tokens.create(ext)
    log.info("pairing: new token issued to an extension")
    return jsonify({"token": token, "port": config.port})
