"""400 for bad JSON, wrong types and missing fields, on every JSON endpoint, both ways."""

from __future__ import annotations

import pytest

from helpers.api_asserts import assert_error

JSON_ENDPOINTS = [("POST", "/api/v1/scan"), ("POST", "/api/v1/check"), ("POST", "/api/v1/vault"),
                  ("PUT", "/api/v1/settings")]
BAD_JSON = ["", "{", "nul", "{'a': 1}", "[1, 2]", '"text"', "42", "\xff\xfe", "[" * 100_000 + "]" * 100_000]


@pytest.mark.parametrize("method,path", JSON_ENDPOINTS)
@pytest.mark.parametrize("raw", BAD_JSON, ids=range(len(BAD_JSON)))
def test_bad_json(api, method, path, raw):
    body = raw.encode("latin-1") if raw == "\xff\xfe" else raw
    assert_error(api.request(method, path, body=body, headers={"Content-Type": "application/json"}),
                 400, "bad_json")


INVALID = [
    ("POST", "/api/v1/scan", {"chunks": []}),                                   # missing url
    ("POST", "/api/v1/scan", {"url": "https://a/"}),                            # missing chunks
    ("POST", "/api/v1/scan", {"url": 5, "chunks": []}),
    ("POST", "/api/v1/scan", {"url": "https://a/", "chunks": {"id": 1}}),
    ("POST", "/api/v1/scan", {"url": "https://a/", "chunks": ["text"]}),
    ("POST", "/api/v1/scan", {"url": "https://a/", "chunks": [{"id": 1}]}),
    ("POST", "/api/v1/scan", {"url": "https://a/", "chunks": [{"text": "x"}]}),
    ("POST", "/api/v1/scan", {"url": "https://a/", "chunks": [{"id": True, "text": "x"}]}),
    ("POST", "/api/v1/scan", {"url": "https://a/", "chunks": [{"id": 1.5, "text": "x"}]}),
    ("POST", "/api/v1/scan", {"url": "https://a/", "chunks": [{"id": 1, "text": 12}]}),
    ("POST", "/api/v1/scan", {"url": "u" * 9000, "chunks": []}),
    ("POST", "/api/v1/check", {}),
    ("POST", "/api/v1/check", {"text": ["a"]}),
    ("POST", "/api/v1/check", {"text": "a", "url": 3}),
    ("POST", "/api/v1/vault", {"value": "13800138000"}),
    ("POST", "/api/v1/vault", {"kind": "phone"}),
    ("POST", "/api/v1/vault", {"kind": "passport", "value": "E12345678"}),
    ("POST", "/api/v1/vault", {"kind": "phone", "value": 13800138000}),
    ("POST", "/api/v1/vault", {"kind": "phone", "value": "abc"}),
    ("POST", "/api/v1/vault", {"kind": "phone", "value": "1" * 100}),
    ("POST", "/api/v1/vault", {"kind": "name", "value": "张\ud800"}),
    ("POST", "/api/v1/vault", {"kind": "name", "value": "张三", "label": 5}),
    ("POST", "/api/v1/vault", {"kind": "address", "value": ""}),       # once a 500 (found by fuzzing)
    ("POST", "/api/v1/vault", {"kind": "address", "value": "   "}),
    ("PUT", "/api/v1/settings", {"colour": "red"}),
    ("PUT", "/api/v1/settings", {"sensitivity": "extreme"}),
    ("PUT", "/api/v1/settings", {"language": "fr"}),
    ("PUT", "/api/v1/settings", {"highlight_style": None}),
    ("PUT", "/api/v1/settings", {"only_own": "yes"}),
    ("PUT", "/api/v1/settings", {"warn_types": "PHONE_MOBILE"}),
    ("PUT", "/api/v1/settings", {"warn_types": ["PHONE"]}),
    ("PUT", "/api/v1/settings", {"sites": []}),
    ("PUT", "/api/v1/settings", {"sites": {"weibo.com": True}}),
    ("PUT", "/api/v1/settings", {"sites": {"weibo.com": {"enabled": "no"}}}),
    ("PUT", "/api/v1/settings", {"sites": {"weibo.com": {"enabled": True, "style": "glow"}}}),
    ("PUT", "/api/v1/settings", {"sites": {"weibo.com": {"enabled": True, "extra": 1}}}),
    ("PUT", "/api/v1/settings", {"sites": {"not a host!": {"enabled": True}}}),
]


@pytest.mark.parametrize("method,path,body", INVALID, ids=range(len(INVALID)))
def test_wrong_types_and_missing_fields(api, method, path, body):
    assert_error(api.request(method, path, json=body), 400, "invalid")


def test_too_many_chunks(make_app):
    from helpers.flask_api import FlaskApi

    app = make_app(max_chunks=3)
    api = FlaskApi(app, app.extensions["hegai"].tokens.create("t"))
    chunks = [{"id": i, "text": "x"} for i in range(4)]
    assert_error(api.post("/api/v1/scan", json={"url": "https://a/", "chunks": chunks}), 400, "invalid")
