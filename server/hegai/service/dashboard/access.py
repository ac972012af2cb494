"""Who may use the dashboard's paths. The app-wide gate (``service.security``) has already
checked the Host header and refused web-page Origins; here the dashboard adds its own login.

The dashboard lives on the service's own origin, so it is authenticated by a session cookie
(see ``sessions``), not the extension's bearer token. A cookie on 127.0.0.1 is sent to every
port, so a request another local site makes (``Sec-Fetch-Site: same-site``) is refused, and
every write must carry the service's own Origin (which browsers always send on writes). A server
on another port receives the cookie itself and can forge any header, so data and changes also
need ``X-Hegai-Session``: a per-session secret the page got in the login redirect's #fragment
and keeps in its origin's localStorage, which no other port can read.
"""

from __future__ import annotations

from flask import current_app, request

from ..errors import ApiError
from ..security import own_origins

FOREIGN_FETCH = ("cross-site", "same-site")
SECRET_HEADER = "X-Hegai-Session"
SECRET_FRAGMENT = "s"        # /#s=<secret>: the login redirect hands it to the page only


def cookie_name() -> str:
    # Per port: two services on one machine do not log each other out.
    return f"hegai_dashboard_{current_app.config['HEGAI'].port}"


def sessions():
    return current_app.extensions["hegai_dashboard"].sessions


def refuse_foreign_fetch() -> None:
    if request.headers.get("Sec-Fetch-Site") in FOREIGN_FETCH:
        raise ApiError(403, "forbidden_origin", "the dashboard only answers its own pages")


def has_session() -> bool:
    return sessions().valid(request.cookies.get(cookie_name()))


def require_session() -> None:
    refuse_foreign_fetch()
    if request.method not in ("GET", "HEAD") and \
            request.headers.get("Origin") not in own_origins(current_app.config["HEGAI"]):
        raise ApiError(403, "forbidden_origin", "dashboard changes come from the dashboard page only")
    if not has_session():
        raise ApiError(401, "unauthorized", "open the dashboard from the extension's popup")
    if needs_secret() and not sessions().valid_secret(request.cookies.get(cookie_name()),
                                                      request.headers.get(SECRET_HEADER)):
        raise ApiError(401, "session_secret", "open the dashboard from the extension's popup")


def needs_secret() -> bool:
    """Data and changes need the page's per-session secret; the page and its scripts do not
    (a <script src> cannot send a header, and they hold nothing of the user's)."""
    return request.path.startswith("/dashboard/api/") or request.method not in ("GET", "HEAD")


def via_extension() -> bool:
    """True on the bearer-token mount (/api/v1/...): the gate has checked the token."""
    return request.path.startswith("/api/")
