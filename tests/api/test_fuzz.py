"""Property tests: whatever JSON (or bytes) reaches the JSON endpoints, the answer is never a 500."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.flask_api import FlaskApi
from hegai.service import create_app
from hegai.service.config import ServiceConfig

ENDPOINTS = [("POST", "/api/v1/scan"), ("POST", "/api/v1/assess"), ("POST", "/api/v1/check"), ("POST", "/api/v1/vault"),
             ("PUT", "/api/v1/settings"), ("POST", "/pair/confirm")]

# Text that stresses the detectors and the offset conversion: digits, CJK, emoji, full-width,
# separators, lone surrogates.
pii_alphabet = st.sampled_from(list("0123456789０１２３４５６７８９+-— ·xX@.省市区路号电话微信QQ张王😀\n\t") + ["\ud800"])
texty = st.one_of(st.text(max_size=200), st.text(pii_alphabet, max_size=120))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texty)
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=5)), max_leaves=20)

chunk = st.fixed_dictionaries({"id": st.one_of(st.integers(), st.text(max_size=8), json_values), "text": texty})
scan_body = st.fixed_dictionaries({"url": st.one_of(texty, json_values), "chunks": st.lists(chunk, max_size=4)})
assess_body = st.fixed_dictionaries({"url": st.one_of(texty, json_values), "text": st.one_of(texty, json_values)})
check_body = st.fixed_dictionaries({"text": st.one_of(texty, json_values)},
                                   optional={"url": st.one_of(texty, json_values)})
vault_body = st.fixed_dictionaries(
    {"kind": st.one_of(st.sampled_from(["phone", "id_card", "address", "name", "plate", "email", "qq",
                                        "wechat", "bank_card"]), json_values),
     "value": st.one_of(texty, json_values)}, optional={"label": st.one_of(texty, json_values)})
settings_body = st.dictionaries(
    st.sampled_from(["language", "highlight_style", "sensitivity", "sites", "warn_types", "only_own", "x"]),
    st.one_of(json_values, st.dictionaries(st.text(max_size=20), json_values, max_size=3)), max_size=4)
pair_body = st.fixed_dictionaries({"nonce": json_values, "ext": json_values})
structured = {"/api/v1/scan": scan_body, "/api/v1/assess": assess_body, "/api/v1/check": check_body, "/api/v1/vault": vault_body,
              "/api/v1/settings": settings_body, "/pair/confirm": pair_body}


@pytest.fixture(scope="module")
def fuzz_api(tmp_path_factory):
    config = ServiceConfig(home=tmp_path_factory.mktemp("fuzz") / "home", port=8765,
                           rate_per_second=1e9, rate_burst=1e9)
    app = create_app(config)
    return FlaskApi(app, app.extensions["hegai"].tokens.create("fuzz"))


def assert_not_500(reply):
    assert reply.status < 500, reply.body[:300]
    if reply.status >= 400:
        assert "error" in json.loads(reply.body)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("method,path", ENDPOINTS)
@FUZZ
@given(data=st.data())
def test_structured_bodies_never_500(fuzz_api, method, path, data):
    body = data.draw(structured[path])
    raw = json.dumps(body)           # lone surrogates travel as \ud800 escapes, as JSON.stringify sends them
    headers = {"Content-Type": "application/json"}
    if path == "/pair/confirm":
        headers["Origin"] = "http://127.0.0.1:8765"
    assert_not_500(fuzz_api.request(method, path, body=raw, headers=headers))


@pytest.mark.parametrize("method,path", ENDPOINTS)
@FUZZ
@given(body=st.one_of(json_values.map(json.dumps), st.binary(max_size=300)))
def test_arbitrary_bodies_never_500(fuzz_api, method, path, body):
    assert_not_500(fuzz_api.request(method, path, body=body, headers={"Content-Type": "application/json"}))


@settings(max_examples=60, deadline=None)
@given(path=st.text(st.characters(codec="ascii", exclude_characters="?#"), max_size=30),
       method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]))
def test_any_path_and_method_never_500(fuzz_api, path, method):
    assert_not_500(fuzz_api.request(method, "/api/v1/" + path.lstrip("/"), body="{}"))


def test_live_server_never_500(live):
    """A smaller run over real HTTP (waitress): same property, real sockets."""
    client = live.client()

    @settings(max_examples=40, deadline=None)
    @given(path=st.sampled_from([p for _, p in ENDPOINTS]), data=st.data())
    def run(path, data):
        method = dict((p, m) for m, p in ENDPOINTS)[path]
        body = json.dumps(data.draw(structured[path]))
        assert_not_500(client.request(method, path, body=body, headers={"Content-Type": "application/json"}))

    try:
        run()
    finally:
        client.close()
