"""The security gate, through Flask's test client and over HTTP against the real server."""

from __future__ import annotations

import pytest

from helpers.flask_api import EXTENSION_ORIGIN
from helpers.api_asserts import assert_error

PROTECTED = [
    ("POST", "/api/v1/scan", {"url": "https://a.example/", "chunks": [{"id": 1, "text": "x"}]}),
    ("POST", "/api/v1/check", {"text": "x", "url": "https://a.example/"}),
    ("GET", "/api/v1/vault", None),
    ("POST", "/api/v1/vault", {"kind": "phone", "value": "13800138000"}),
    ("DELETE", "/api/v1/vault/1", None),
    ("GET", "/api/v1/settings", None),
    ("PUT", "/api/v1/settings", {"sensitivity": "high"}),
    ("GET", "/api/v1/tokens", None),
    ("DELETE", "/api/v1/tokens/1", None),
]
ALL_ROUTES = PROTECTED + [("GET", "/api/v1/health", None), ("GET", "/api/v1/openapi.json", None),
                          ("GET", "/pair?ext=bhdpaekabndnmhaenibmgdkeiplpoojm", None)]


def vault_size(api) -> int:
    return len(api.get("/api/v1/vault").json()["entries"])


@pytest.mark.parametrize("host", ["evil.example:{port}", "attacker.test", "127.0.0.1:1", "localhost",
                                  "127.0.0.1.nip.io:{port}", "192.168.1.10:{port}", ""])
@pytest.mark.parametrize("method,path,body", ALL_ROUTES)
def test_foreign_host_is_refused_everywhere(api, port_of, host, method, path, body):
    before = vault_size(api)
    reply = api.request(method, path, json=body, headers={"Host": host.format(port=port_of(api))})
    assert_error(reply, 403, "forbidden_host")
    assert vault_size(api) == before


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_loopback_hosts_with_the_port_are_accepted(api, port_of, name):
    reply = api.get("/api/v1/health", headers={"Host": f"{name}:{port_of(api)}"})
    assert reply.status == 200 and reply.json()["status"] == "ok"


WEB_ORIGINS = ["https://evil.example", "http://127.0.0.1:1", "http://localhost:9", "null",
               "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "moz-extension://abc"]


@pytest.mark.parametrize("origin", WEB_ORIGINS)
@pytest.mark.parametrize("method,path,body", ALL_ROUTES + [("OPTIONS", "/api/v1/vault", None)])
def test_web_page_origin_is_refused_on_every_method(api, origin, method, path, body):
    before = vault_size(api)
    reply = api.request(method, path, json=body, headers={"Origin": origin})
    assert_error(reply, 403, "forbidden_origin")
    assert "access-control-allow-origin" not in reply.headers
    assert vault_size(api) == before


def test_simple_form_post_from_a_page_changes_nothing(api):
    """A <form enctype=text/plain> POST needs no preflight: the Origin check must stop it."""
    before = vault_size(api)
    reply = api.post("/api/v1/vault", body='{"kind":"phone","value":"13800138000"}',
                     headers={"Origin": "https://evil.example", "Content-Type": "text/plain"})
    assert_error(reply, 403, "forbidden_origin")
    assert vault_size(api) == before


def test_own_origin_is_not_an_api_client(api, port_of):
    reply = api.get("/api/v1/vault", headers={"Origin": f"http://127.0.0.1:{port_of(api)}"})
    assert_error(reply, 403, "forbidden_origin")


def test_extension_origin_gets_cors_headers(api):
    reply = api.get("/api/v1/settings", headers={"Origin": EXTENSION_ORIGIN})
    assert reply.status == 200
    assert reply.headers["access-control-allow-origin"] == EXTENSION_ORIGIN


def test_extension_preflight_is_answered_without_a_token(api):
    reply = api.request("OPTIONS", "/api/v1/vault", auth=False, headers={
        "Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert reply.status == 200
    assert reply.headers["access-control-allow-origin"] == EXTENSION_ORIGIN
    assert "authorization" in reply.headers["access-control-allow-headers"].lower()


@pytest.mark.parametrize("authorization", [None, "Bearer ", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "token"])
@pytest.mark.parametrize("method,path,body", PROTECTED)
def test_unpaired_calls_get_401(api, authorization, method, path, body):
    reply = api.request(method, path, json=body, auth=False, headers={"Authorization": authorization})
    assert_error(reply, 401, "unauthorized")


def test_health_and_openapi_need_no_token(api):
    assert api.get("/api/v1/health", auth=False).status == 200
    assert api.get("/api/v1/openapi.json", auth=False).status == 200


def test_body_over_the_limit_is_413(api):
    big = '{"text": "' + "a" * (3 * 1024 * 1024) + '"}'
    assert_error(api.post("/api/v1/check", body=big, headers={"Content-Type": "application/json"}),
                 413, "too_large")


def test_unknown_path_and_method_are_json(api):
    assert_error(api.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(api.get("/nothing-here"), 404, "not_found")   # "/" is the dashboard (issue 8)
    reply = api.request("PATCH", "/api/v1/settings", json={})
    assert_error(reply, 405, "method_not_allowed")
    assert_error(api.delete("/api/v1/vault/999999"), 404, "not_found")


def test_every_answer_carries_protective_headers(api):
    for reply in (api.get("/api/v1/health"), api.get("/api/v1/nothing"), api.post("/api/v1/check", body="{")):
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["x-frame-options"] == "DENY"
        assert reply.headers["cache-control"] == "no-store"


def test_rate_limit_answers_429_with_retry_after(make_app):
    from helpers.flask_api import FlaskApi

    app = make_app(rate_per_second=0.5, rate_burst=3)
    api = FlaskApi(app, app.extensions["hegai"].tokens.create("t"))
    statuses = [api.get("/api/v1/settings").status for _ in range(3)]
    assert statuses == [200, 200, 200]
    body = assert_error(api.get("/api/v1/settings"), 429, "rate_limited")
    assert int(api.get("/api/v1/settings").headers["retry-after"]) >= 1
    assert "slow" in body["error"]["message"]
    # keyed per client: another token has its own bucket
    other = FlaskApi(app, app.extensions["hegai"].tokens.create("u"))
    assert other.get("/api/v1/settings").status == 200


def test_rate_limit_on_the_real_server():
    from helpers.live_service import LiveService

    with LiveService(env={"HEGAI_RATE_PER_SEC": "0.2", "HEGAI_RATE_BURST": "5"}) as svc:
        client = svc.client()
        statuses = [client.get("/api/v1/health").status for _ in range(8)]
        assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 3
        reply = client.get("/api/v1/vault")
        assert_error(reply, 429, "rate_limited")
        assert int(reply.headers["retry-after"]) >= 1
        client.close()


def test_unexpected_errors_are_generic_and_logged_without_details(flask_api, monkeypatch, caplog):
    from hegai.service import analysis

    def explode(*a, **k):
        raise ValueError("secret 13800138000 must not leak")

    monkeypatch.setattr(analysis.engines, "scan", explode)
    reply = flask_api.post("/api/v1/check", json={"text": "13800138000"})
    body = assert_error(reply, 500, "internal_error")
    assert "13800138000" not in reply.body.decode()
    assert body["error"]["message"] == "internal error"
    assert "13800138000" not in caplog.text and "ValueError" in caplog.text
