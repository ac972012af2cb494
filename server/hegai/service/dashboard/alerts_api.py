"""``GET /api/v1/alerts/protection?url=``: for a self-exposure alert, how to turn on the
platform's own protection on the site the page belongs to (bearer token)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..storage.detections_repo import _host
from ..validation import invalid
from . import protection

bp = Blueprint("alerts", __name__, url_prefix="/api/v1/alerts")


@bp.get("/protection")
def platform_protection():
    url = request.args.get("url") or ""
    if not url or len(url) > 8192:
        raise invalid("'url' is required")
    host = _host(url)
    return jsonify({"host": host, "platform": protection.for_host(host)})
