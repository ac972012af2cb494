"""The dashboard's tokens page: every token (name, created, last used, expiry) and a button to
revoke each. Session-authenticated like the rest of the dashboard (``access``); revoking is a
DELETE, so it also needs the service's own Origin."""

from __future__ import annotations

from flask import Blueprint, jsonify

from .. import pairing
from . import access
from .pages import session_page

bp = Blueprint("dashboard_tokens", __name__)


@bp.get("/dashboard/tokens")
def tokens_page():
    return session_page("tokens.html")      # its script is one of pages.ASSETS


@bp.get("/dashboard/api/tokens")
def token_list():
    access.require_session()
    return jsonify(pairing.token_list())


@bp.delete("/dashboard/api/tokens/<rowid:token_id>")
def token_revoke(token_id: int):
    access.require_session()
    return jsonify(pairing.revoke_token(token_id))
