"""Each request's shape is written once, in the OpenAPI document the service serves, and the
service checks bodies against exactly that document (``hegai.service.request_schema``): every
constraint a client reads there is enforced, every body a route reads is described there, and the
enums the code keeps (statuses, levels, vault kinds) are the document's."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources

import pytest

from hegai import __version__
from hegai.reports import records
from hegai.reports.exposure import LEVELS, RISK_CATEGORIES
from hegai.reports.store import STATUSES
from hegai.service import reports_api, request_schema
from hegai.service.config import ServiceConfig
from hegai.service.vault_keys import kinds

DOC = request_schema.document()
# Routes that take no JSON body (a picture's bytes; an empty POST that only acts).
BODILESS = {("POST", "/api/v1/image"), ("POST", "/api/v1/dashboard/login-code"), ("POST", "/api/v1/history/purge"),
            ("POST", "/dashboard/api/history/purge"), ("POST", "/dashboard/logout")}


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        node = DOC
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _example(schema: dict):
    """A small value the schema allows (the first enum value, the first oneOf branch...)."""
    schema = _resolve(schema)
    if "enum" in schema:
        return schema["enum"][0]
    if "oneOf" in schema and "type" not in schema:
        return _example(schema["oneOf"][0])
    kind = schema.get("type", "object")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object":
        required = list(schema.get("required", []))
        for branch in schema.get("oneOf", [])[:1]:
            required += branch.get("required", [])
        return {name: _example(schema["properties"][name]) for name in required}
    if kind == "array":
        return [_example(schema["items"]) for _ in range(schema.get("minItems", 0))]
    if kind == "string":
        return "A" if "pattern" in schema else "x" * max(1, schema.get("minLength", 1))
    return {"integer": schema.get("minimum", 1), "number": 1.5, "boolean": True}[kind]


WRONG = {"string": 5, "integer": "five", "number": "five", "boolean": "yes", "array": {"a": 1}, "object": [1]}


def _violations(schema: dict):
    """(label, body, what the refusal must say) for one broken constraint at a time."""
    schema = _resolve(schema)
    valid = _example(schema)
    for name in schema.get("required", []):
        body = copy.deepcopy(valid)
        del body[name]
        yield f"without {name}", body, f"missing field '{name}'"
    for name, prop in schema.get("properties", {}).items():
        prop = _resolve(prop)
        kind = prop.get("type")
        # One of several alternatives (assess: posts or text): the body sends that one alone.
        branches = [branch.get("required", []) for branch in schema.get("oneOf", [])]
        others = {r for req in branches if name not in req for r in req} if any(name in r for r in branches) else set()
        valid = {k: v for k, v in _example(schema).items() if k not in others}
        if isinstance(kind, str) and kind in WRONG:
            yield f"{name} of the wrong type", {**valid, name: WRONG[kind]}, f"field '{name}' must be"
        if "maxLength" in prop:
            yield f"{name} too long", {**valid, name: "x" * (prop["maxLength"] + 1)}, f"field '{name}' is longer than"
        if "enum" in prop:
            yield f"{name} not one of its values", {**valid, name: "not-a-value"}, f"field '{name}' must be one of"
        if "maxItems" in prop:
            too_many = [_example(prop["items"])] * (prop["maxItems"] + 1)
            yield f"{name} with too many items", {**valid, name: too_many}, f"field '{name}' has more than"


def _cases():
    for path, operations in DOC["paths"].items():
        if path.startswith("/dashboard/"):
            continue                     # the same blueprint as /api/v1/history, behind a session
        for method, op in operations.items():
            schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if schema is None:
                continue
            for label, body, said in _violations(schema):
                yield pytest.param(method.upper(), path.replace("{id}", "1"), body, said, id=f"{method} {path}: {label}")


def test_the_served_document_is_the_one_requests_are_checked_against(flask_api):
    served = flask_api.get("/api/v1/openapi.json", auth=False).json()
    assert served == DOC and served["info"]["version"] == __version__
    raw = json.loads(resources.files("hegai.service").joinpath("data").joinpath("openapi.json").read_text("utf-8"))
    assert {**raw, "info": {**raw["info"], "version": __version__}} == served


def test_every_body_a_route_reads_is_described(app):
    routes = {request_schema.route_key(m, r.rule) for r in app.url_map.iter_rules()
              for m in r.methods & {"POST", "PUT", "PATCH"}}
    assert routes - BODILESS == request_schema.documented_bodies()


@pytest.mark.parametrize("method, path, body, said", list(_cases()))
def test_every_constraint_in_the_document_is_enforced(flask_api, method, path, body, said):
    reply = flask_api.request(method, path, json=body)
    assert reply.status in (400, 413), (reply.status, reply.body[:300])
    error = reply.json()["error"]
    assert error["code"] in ("invalid", "too_large") and error["message"].startswith(said), error


def test_a_body_the_document_allows_passes_the_check(flask_api):
    reply = flask_api.post("/api/v1/scan", json=_example(DOC["components"]["schemas"]["ScanRequest"]))
    assert reply.status == 200, reply.body[:300]
    assert flask_api.post("/api/v1/assess", json={"url": "https://a.test/", "text": "x", "posts": []}).json()[
        "error"]["message"] == "send exactly one of 'posts' or 'text'"


def test_the_codes_enums_and_limits_are_the_documents():
    schemas = DOC["components"]["schemas"]
    create = schemas["ReportCreate"]["properties"]
    assert tuple(schemas["ReportStatus"]["enum"]) == STATUSES
    assert sorted(schemas["VaultKind"]["enum"]) == sorted(kinds())
    assert tuple(create["findings"]["properties"]["level"]["enum"]) == LEVELS
    assert tuple(create["findings"]["properties"]["categories"]["items"]["enum"]) == RISK_CATEGORIES
    assert tuple(create["if_reported"]["enum"]) == records.IF_REPORTED
    assert create["text"]["maxLength"] == reports_api.MAX_TEXT             # sizes the route's body limit
    risk = DOC["paths"]["/api/v1/history/risk-pages"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert tuple(risk["properties"]["level"]["enum"]) == LEVELS[2:]
    assert schemas["ScanRequest"]["properties"]["chunks"]["maxItems"] == ServiceConfig.max_chunks


def test_the_settings_defaults_are_a_valid_update():
    """Every setting has a default, and the defaults are what SettingsUpdate allows."""
    import jsonschema

    from hegai.service.settings import DEFAULTS

    update = DOC["components"]["schemas"]["SettingsUpdate"]
    assert set(update["properties"]) == set(DEFAULTS)
    schema = {**copy.deepcopy(update), "components": DOC["components"]}     # its $refs resolve in place
    jsonschema.Draft202012Validator(schema).validate(DEFAULTS)


def test_refusals_never_quote_the_value_sent(flask_api):
    secret = "13800138000"
    for body in ({"url": "https://a.test/", "text": secret, "if_reported": secret},
                 {"kind": secret, "value": secret}):
        path = "/api/v1/reports" if "text" in body else "/api/v1/vault"
        reply = flask_api.post(path, json=body)
        assert reply.status == 400 and secret not in reply.body.decode(), reply.body
    assert re.search(r"unknown field '.{1,40}'", flask_api.request("PUT", "/api/v1/settings",
                     json={"x" * 500: 1}).json()["error"]["message"])
