"""The dashboard's tokens page: every token (name, created, last used, expiry) and a button to
revoke each. Session-authenticated like the rest of the dashboard (``access``); revoking is a
DELETE, so it also needs the service's own Origin."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from .. import pairing
from . import access
from .pages import CSP, _asset, _html

bp = Blueprint("dashboard_tokens", __name__)


@bp.get("/dashboard/tokens")
def tokens_page():
    access.refuse_foreign_fetch()
    if not access.has_session():
        return _html("login-needed.html", 401)
    return _html("tokens.html")


@bp.get("/dashboard/tokens.js")
def tokens_script():
    access.require_session()
    resp = current_app.response_class(_asset("tokens.js"), mimetype="text/javascript")
    resp.headers["Content-Security-Policy"] = CSP
    return resp


@bp.get("/dashboard/api/tokens")
def token_list():
    access.require_session()
    return jsonify(pairing.token_list())


@bp.delete("/dashboard/api/tokens/<rowid:token_id>")
def token_revoke(token_id: int):
    access.require_session()
    return jsonify(pairing.revoke_token(token_id))
