"""Cookies ignore ports: a hostile server on another loopback port receives the dashboard's
session cookie and can replay it with any headers it likes (Origin, Host, no Sec-Fetch-Site).
The cookie alone must not export or purge the history: data and changes also need the
per-session secret the page got in the login redirect's #fragment."""

from __future__ import annotations

import pytest

from helpers.http import HttpClient


def login(live) -> tuple[str, str]:
    """The extension's way in, over real HTTP: (cookie header, secret from the #fragment)."""
    code = live.client().post("/api/v1/dashboard/login-code").json()["code"]
    reply = HttpClient(live.url).get(f"/dashboard-login?code={code}", auth=False)
    assert reply.status == 303
    cookie = reply.headers["set-cookie"].split(";", 1)[0]
    return cookie, reply.headers["location"].partition("#s=")[2]


def replay(live, method, path, cookie, **extra):
    """What the hostile server sends: the stolen cookie and the service's own Origin and Host."""
    headers = {"Cookie": cookie, "Origin": live.url, "Content-Type": "application/json", **extra}
    return HttpClient(live.url).request(method, path, body="{}", headers=headers, auth=False)


@pytest.mark.parametrize("method,path", [
    ("GET", "/dashboard/api/history/export?format=json"), ("GET", "/dashboard/api/history/summary"),
    ("POST", "/dashboard/api/history/purge"), ("DELETE", "/dashboard/api/history"),
    ("PUT", "/dashboard/api/history/retention"), ("POST", "/dashboard/logout")])
def test_a_replayed_cookie_without_the_secret_is_refused(live, method, path):
    cookie, _ = login(live)
    for forged in ({}, {"X-Hegai-Session": "0" * 64}, {"X-Hegai-Session": ""}):
        reply = replay(live, method, path, cookie, **forged)
        assert reply.status == 401, (path, reply.status, reply.body[:200])
        assert reply.json()["error"]["code"] == "session_secret"


def test_the_page_with_its_secret_can_export_and_purge(live):
    cookie, secret = login(live)
    exported = replay(live, "GET", "/dashboard/api/history/export?format=json", cookie, **{"X-Hegai-Session": secret})
    assert exported.status == 200 and "attachment" in exported.headers["content-disposition"]
    assert replay(live, "POST", "/dashboard/api/history/purge", cookie, **{"X-Hegai-Session": secret}).status == 200


def test_one_sessions_secret_does_not_open_another(live):
    cookie_a, _ = login(live)
    _, secret_b = login(live)
    reply = replay(live, "GET", "/dashboard/api/history/summary", cookie_a, **{"X-Hegai-Session": secret_b})
    assert reply.status == 401
