"""Pairing: the page, the one-time nonce, same-Origin confirm, and the token it yields."""

from __future__ import annotations

import re

import pytest

from helpers.api_asserts import assert_error

EXT = "bhdpaekabndnmhaenibmgdkeiplpoojm"


@pytest.fixture
def unpaired(api, make_app):
    from helpers.flask_api import FlaskApi

    if isinstance(api, FlaskApi):
        return FlaskApi(make_app(), None)
    client = type(api)(f"http://127.0.0.1:{api.port}")   # same server, no token
    return client


def page_nonce(reply) -> str:
    return re.search(r'data-nonce="([^"]+)"', reply.body.decode()).group(1)


def own_origin(client, port_of) -> dict:
    return {"Origin": f"http://127.0.0.1:{port_of(client)}"}


def test_pair_page_is_locked_down(unpaired):
    reply = unpaired.get(f"/pair?ext={EXT}")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    html = reply.body.decode()
    assert "确认配对" in html and "Confirm" in html and 'lang="zh-CN"' in html
    assert "chrome.runtime.sendMessage" in html and "hegai-pair" in html
    assert reply.headers["x-frame-options"] == "DENY"
    csp = reply.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "connect-src 'self'" in csp
    script_nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert f'<script nonce="{script_nonce}">' in html


def test_pair_page_for_an_unknown_extension(unpaired):
    for ext in ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", "<script>", EXT + "x"):
        reply = unpaired.get(f"/pair?ext={ext}")
        assert reply.status == 400 and "data-nonce" not in reply.body.decode()
        assert "<script>" not in reply.body.decode().split("</style>")[1].replace("<script nonce", "")


def test_pair_page_opened_by_another_site_is_refused(unpaired):
    reply = unpaired.get(f"/pair?ext={EXT}", headers={"Sec-Fetch-Site": "cross-site"})
    assert_error(reply, 403, "forbidden_origin")


def test_confirm_gives_a_working_token_once(unpaired, port_of):
    nonce = page_nonce(unpaired.get(f"/pair?ext={EXT}"))
    reply = unpaired.post("/pair/confirm", json={"nonce": nonce, "ext": EXT}, headers=own_origin(unpaired, port_of))
    assert reply.status == 200, reply.body
    body = reply.json()
    assert body["port"] == port_of(unpaired) and len(body["token"]) >= 32
    assert unpaired.get("/api/v1/vault", headers={"Authorization": f"Bearer {body['token']}"}).status == 200
    assert unpaired.get("/api/v1/health").json()["paired"] is True
    again = unpaired.post("/pair/confirm", json={"nonce": nonce, "ext": EXT}, headers=own_origin(unpaired, port_of))
    assert_error(again, 400, "invalid")


def test_confirm_needs_the_services_own_origin(unpaired, port_of):
    nonce = page_nonce(unpaired.get(f"/pair?ext={EXT}"))
    for headers in ({}, {"Origin": "https://evil.example"}, {"Origin": "http://127.0.0.1:1"},
                    {"Origin": f"chrome-extension://{EXT}"}):
        reply = unpaired.post("/pair/confirm", json={"nonce": nonce, "ext": EXT}, headers=headers)
        assert_error(reply, 403, "forbidden_origin")
    # the nonce was not spent by the refused attempts
    ok = unpaired.post("/pair/confirm", json={"nonce": nonce, "ext": EXT}, headers=own_origin(unpaired, port_of))
    assert ok.status == 200


def test_confirm_rejects_forged_nonce_and_other_extension(unpaired, port_of):
    nonce = page_nonce(unpaired.get(f"/pair?ext={EXT}"))
    for body in ({"nonce": "forged", "ext": EXT}, {"nonce": nonce, "ext": "a" * 32}, {"nonce": nonce}):
        assert_error(unpaired.post("/pair/confirm", json=body, headers=own_origin(unpaired, port_of)), 400, "invalid")


def test_extra_extension_ids_from_the_environment(monkeypatch, make_app):
    from helpers.flask_api import FlaskApi

    other = "a" * 32
    monkeypatch.setenv("HEGAI_EXTENSION_IDS", f" {other} ,")
    api = FlaskApi(make_app(), None)
    assert api.get(f"/pair?ext={other}").status == 200
    assert api.get("/api/v1/health", headers={"Origin": f"chrome-extension://{other}"}).status == 200
