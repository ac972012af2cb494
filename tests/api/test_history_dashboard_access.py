"""The dashboard at ``/``: the same Host and Origin protections as the API, plus its own login
(one-time code from the extension → HttpOnly, SameSite=Strict session cookie)."""

from __future__ import annotations

import pytest

from helpers.api_asserts import assert_error
from helpers.flask_api import EXTENSION_ORIGIN
from helpers.history import login_dashboard

DASHBOARD_PATHS = ("/", "/dashboard/app.js", "/dashboard/api/history/summary", "/api/v1/history/summary",
                   "/dashboard-login?code=x")


def test_dashboard_needs_login_and_shows_no_data_before(app, token):
    client = app.test_client()
    base = "http://127.0.0.1:8765"
    page = client.get("/", base_url=base)
    assert page.status_code == 401 and page.mimetype == "text/html"
    assert "打开仪表盘" in page.get_data(as_text=True)
    for path in ("/dashboard/app.js", "/dashboard/messages.json", "/dashboard/api/history/summary"):
        assert client.get(path, base_url=base).status_code == 401, path
    # The extension's bearer token is for /api/v1; the dashboard's mount takes the session only.
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/dashboard/api/history/summary", base_url=base, headers=bearer).status_code == 401
    assert client.post("/api/v1/dashboard/login-code", base_url=base).status_code == 401


def test_login_sets_a_strict_httponly_cookie_once(app, token):
    client, base, reply = login_dashboard(app, token)
    cookie = reply.headers["Set-Cookie"]
    assert cookie.startswith("hegai_dashboard_8765=")
    for attribute in ("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"):
        assert attribute in cookie
    page = client.get("/", base_url=base)
    assert page.status_code == 200 and '<script src="/dashboard/app.js">' in page.get_data(as_text=True)
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["X-Frame-Options"] == "DENY"
    assert client.get("/dashboard/api/history/summary", base_url=base).status_code == 200



def test_a_login_code_works_once(app, token):
    base = "http://127.0.0.1:8765"
    code = app.test_client().post("/api/v1/dashboard/login-code", base_url=base,
                                  headers={"Authorization": f"Bearer {token}"}).get_json()["code"]
    assert app.test_client().get(f"/dashboard-login?code={code}", base_url=base).status_code == 303
    again = app.test_client().get(f"/dashboard-login?code={code}", base_url=base)
    assert again.status_code == 400 and "Set-Cookie" not in again.headers
    assert app.test_client().get("/dashboard-login?code=forged", base_url=base).status_code == 400


def test_dashboard_session_cannot_record_history(app, token):
    client, base, _ = login_dashboard(app, token)
    reply = client.post("/dashboard/api/history/risk-pages", base_url=base, headers={"Origin": base},
                        json={"url": "https://a.example/", "level": "high"})
    assert reply.status_code == 403


def test_dashboard_writes_need_the_services_own_origin(app, token):
    client, base, _ = login_dashboard(app, token)
    assert client.delete("/dashboard/api/history", base_url=base).status_code == 403
    assert client.put("/dashboard/api/history/retention", base_url=base,
                      json={"retention_days": 10}).status_code == 403
    ok = client.put("/dashboard/api/history/retention", base_url=base, headers={"Origin": base},
                    json={"retention_days": 10})
    assert ok.status_code == 200 and ok.get_json()["retention_days"] == 10
    assert client.delete("/dashboard/api/history", base_url=base, headers={"Origin": base}).status_code == 200


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_requests_from_other_sites_are_refused_even_with_the_cookie(app, token, fetch_site):
    # Another port on 127.0.0.1 is "same-site": the browser would send our cookie along.
    client, base, _ = login_dashboard(app, token)
    for path in ("/", "/dashboard/app.js", "/dashboard/api/history/summary", "/dashboard/api/history/export"):
        reply = client.get(path, base_url=base, headers={"Sec-Fetch-Site": fetch_site})
        assert reply.status_code == 403 and reply.get_json()["error"]["code"] == "forbidden_origin", path


def test_logout_ends_the_session(app, token):
    client, base, _ = login_dashboard(app, token)
    assert client.post("/dashboard/logout", base_url=base, headers={"Origin": base}).status_code == 200
    assert client.get("/dashboard/api/history/summary", base_url=base).status_code == 401


@pytest.mark.parametrize("path", DASHBOARD_PATHS)
def test_foreign_host_is_refused(api, path, port_of):
    assert_error(api.get(path, headers={"Host": f"evil.example:{port_of(api)}"}), 403, "forbidden_host")
    assert_error(api.get(path, headers={"Host": f"127.0.0.1.nip.io:{port_of(api)}"}), 403, "forbidden_host")


@pytest.mark.parametrize("path", DASHBOARD_PATHS)
@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:9999", "null"])
def test_web_page_origin_is_refused(api, path, origin):
    assert_error(api.get(path, headers={"Origin": origin}), 403, "forbidden_origin")


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:1"])
def test_web_page_cannot_delete_history(api, origin):
    assert_error(api.delete("/api/v1/history", headers={"Origin": origin}), 403, "forbidden_origin")
    assert_error(api.delete("/dashboard/api/history", headers={"Origin": origin}), 403, "forbidden_origin")


def test_extension_origin_may_use_the_history_api(api):
    assert api.get("/api/v1/history/summary", headers={"Origin": EXTENSION_ORIGIN}).status == 200
    # ... but not the dashboard's own paths.
    assert_error(api.get("/dashboard/api/history/summary", headers={"Origin": EXTENSION_ORIGIN}),
                 403, "forbidden_origin")
