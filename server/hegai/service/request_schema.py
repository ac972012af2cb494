"""Request bodies are checked against the OpenAPI document this service serves
(``data/openapi.json``, at ``GET /api/v1/openapi.json``): each request's shape is written once.

Why the document is the source and the checks are derived from it, not the other way round: the
document is what clients read, and most of it (responses, errors, descriptions, examples) is no
request shape at all. Generating it from Python models (pydantic, apispec) would leave all of that
written by hand beside the models, in a second notation. OpenAPI 3.1 schemas are JSON Schema
2020-12, so a JSON Schema library (``jsonschema``) checks a body against exactly the schema a
client reads. Handlers keep only what a schema cannot say (a vault id that exists, a platform in
the registry, a limit set in the service's configuration, characters that are no text).

A field sent as ``null`` counts as absent, as it always has (``validation.field``), unless the
body's schema says ``"x-null-is-absent": false`` (settings).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from urllib.parse import quote

import jsonschema
from flask import request
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from hegai import __version__

from .errors import ApiError

DOCUMENT_URI = "urn:hegai:openapi"
JSON = "application/json"
_PARAM = re.compile(r"\{[^}]*\}|<[^>]*>")       # {id} in the document, <rowid:report_id> in Flask
_KINDS = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "a boolean",
          "array": "an array", "object": "an object", "null": "null"}


@lru_cache(maxsize=1)
def document() -> dict:
    """The OpenAPI document as served (its version is the package's)."""
    raw = resources.files("hegai.service").joinpath("data").joinpath("openapi.json").read_text("utf-8")
    doc = json.loads(raw)
    doc["info"]["version"] = __version__
    return doc


@lru_cache(maxsize=1)
def served_text() -> str:
    return json.dumps(document(), ensure_ascii=False)


def route_key(method: str, path: str) -> tuple[str, str]:
    """``("POST", "/api/v1/reports/{}")`` for a document path or a Flask rule alike."""
    return method.upper(), _PARAM.sub("{}", path)


@lru_cache(maxsize=1)
def _validators() -> dict[tuple[str, str], tuple[jsonschema.protocols.Validator, bool]]:
    """Per operation with a JSON body: its validator (``$ref`` resolved inside the document) and
    whether a null field counts as absent (yes, unless the body's schema says
    ``"x-null-is-absent": false``: settings refuse a null, as they always have)."""
    doc = document()
    registry = Registry().with_resource(DOCUMENT_URI, Resource.from_contents(doc, default_specification=DRAFT202012))
    found = {}
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            if JSON not in op.get("requestBody", {}).get("content", {}):
                continue
            pointer = "/".join(["", "paths", _escape(path), method, "requestBody", "content", _escape(JSON), "schema"])
            validator = jsonschema.Draft202012Validator({"$ref": f"{DOCUMENT_URI}#{quote(pointer)}"},
                                                        registry=registry)
            root = _resolved(op["requestBody"]["content"][JSON]["schema"])
            found[route_key(method, path)] = (validator, root.get("x-null-is-absent", True))
    return found


def _resolved(schema: dict) -> dict:
    while "$ref" in schema:
        node = document()
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def documented_bodies() -> set[tuple[str, str]]:
    return set(_validators())


def check(body: dict) -> dict:
    """The body without its null fields (a null is an absent field), once the current route's
    schema allows it; else 400 ``invalid``."""
    key = route_key(request.method, request.url_rule.rule)
    if key not in _validators():      # a route reading a body the document does not describe: a bug
        raise LookupError(f"no request schema for {key[0]} {key[1]} in openapi.json")
    validator, null_is_absent = _validators()[key]
    present = {k: v for k, v in body.items() if v is not None} if null_is_absent else body
    error = jsonschema.exceptions.best_match(validator.iter_errors(present))
    if error is not None:
        # A field marked "x-too-large" answers 413 too_large when it is too long (a page's text
        # to assess, as it always was); anything else wrong is 400 invalid.
        too_large = error.validator in ("maxLength", "maxItems") and error.schema.get("x-too-large") is True
        raise ApiError(413 if too_large else 400, "too_large" if too_large else "invalid", message(error))
    return present


def _where(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def message(error: jsonschema.ValidationError) -> str:
    """The API's wording for a schema error. Never the value sent: only names and the schema's own
    constraints (a key the caller made up is cut to 40 characters)."""
    where, rule, value = _where(error.absolute_path), error.validator, error.validator_value
    field = f"field '{where}'" if where else "the body"
    prefix = f"{where}." if where else ""
    if rule == "required":
        missing = next((n for n in value if n not in error.instance), value[0])
        return f"missing field '{prefix}{missing}'"
    if rule == "type":
        kinds = value if isinstance(value, list) else [value]
        return f"{field} must be " + " or ".join(_KINDS.get(k, k) for k in kinds)
    if rule == "additionalProperties":
        extra = next((k for k in error.instance if k not in error.schema.get("properties", {})), "?")
        return f"unknown field '{prefix}{str(extra)[:40]}'"
    if rule == "oneOf" and all(set(branch) == {"required"} for branch in value):
        names = " or ".join(f"'{branch['required'][0]}'" for branch in value)
        return f"send exactly one of {names}"
    if rule == "enum":
        return f"{field} must be one of " + ", ".join(map(str, value))
    wording = {"maxLength": "is longer than {} characters", "minLength": "is shorter than {} characters",
               "maxItems": "has more than {} items", "minItems": "has fewer than {} items",
               "maximum": "must be at most {}", "minimum": "must be at least {}", "pattern": "must match {}",
               "const": "must be {}"}
    return f"{field} " + wording.get(rule, "does not match the API schema ({})").format(value if rule in wording else rule)
