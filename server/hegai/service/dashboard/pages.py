"""The dashboard page at ``/`` and its assets, the login that turns a one-time code into a
session cookie, and ``POST /api/v1/dashboard/login-code`` (bearer token) that issues the code.

No CDN, no external request: the page's own script draws the charts as SVG (CSP: 'self' only).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from flask import Blueprint, current_app, jsonify, redirect, request

from . import access
from .sessions import SESSION_TTL_SECONDS

bp = Blueprint("dashboard", __name__)
api_bp = Blueprint("dashboard_api", __name__, url_prefix="/api/v1/dashboard")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
ASSETS = {"app.js": "text/javascript", "charts.js": "text/javascript", "app.css": "text/css",
          "messages.json": "application/json", "tokens.js": "text/javascript"}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _html(name: str, status: int = 200):
    resp = current_app.response_class(_asset(name), status=status, mimetype="text/html")
    resp.headers["Content-Security-Policy"] = CSP
    return resp


def session_page(name: str):
    """A dashboard page for a signed-in user; the login hint otherwise."""
    access.refuse_foreign_fetch()
    if not access.has_session():
        return _html("login-needed.html", 401)
    return _html(name)


@bp.get("/")
def dashboard_page():
    return session_page("dashboard.html")


def _serve_asset(name: str):
    access.require_session()
    resp = current_app.response_class(_asset(name), mimetype=ASSETS[name])
    resp.headers["Content-Security-Policy"] = CSP
    return resp


# One route per asset (no path converter): nothing else under /dashboard/ can be fetched.
for _name in ASSETS:
    bp.add_url_rule(f"/dashboard/{_name}", f"asset_{_name.replace('.', '_')}",
                    lambda _n=_name: _serve_asset(_n), methods=["GET"])


@bp.get("/dashboard-login")
def login():
    access.refuse_foreign_fetch()
    session_id = access.sessions().login(request.args.get("code"))
    if session_id is None:
        return _html("login-needed.html", 400)
    # The secret rides in the fragment: the browser keeps it, no server (nor log) ever sees it.
    resp = redirect(f"/#{access.SECRET_FRAGMENT}={access.sessions().secret(session_id)}", code=303)
    resp.set_cookie(access.cookie_name(), session_id, max_age=SESSION_TTL_SECONDS, path="/",
                    httponly=True, samesite="Strict")
    return resp


@bp.post("/dashboard/logout")
def logout():
    access.require_session()
    access.sessions().logout(request.cookies.get(access.cookie_name()))
    resp = jsonify({"logged_out": True})
    resp.delete_cookie(access.cookie_name(), path="/", httponly=True, samesite="Strict")
    return resp


@api_bp.post("/login-code")
def login_code():
    """A one-time code (2 minutes) the extension puts in the URL it opens: /dashboard-login?code=…"""
    code = access.sessions().issue_code()
    return jsonify({"code": code, "path": f"/dashboard-login?code={code}"})
