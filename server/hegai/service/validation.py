"""Reads and checks JSON request bodies; anything wrong is a 400 with a clear message. The body's
shape is checked against the route's schema in the served OpenAPI document (``request_schema``);
``field`` and ``text_field`` then read typed values and check what a schema cannot say."""

from __future__ import annotations

import json

from flask import request

from . import request_schema
from .errors import ApiError


def invalid(message: str) -> ApiError:
    return ApiError(400, "invalid", message)


def json_body() -> dict:
    """The request body as a JSON object, or a 400 ``bad_json``."""
    raw = request.get_data(cache=True)   # enforces MAX_CONTENT_LENGTH (413)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "bad_json", "the request body is not valid UTF-8 JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "the request body must be a JSON object")
    return request_schema.check(body)      # the route's schema in the served OpenAPI document


def field(body: dict, name: str, kind: type | tuple, required: bool = True, default=None):
    if name not in body or body[name] is None:
        if required:
            raise invalid(f"missing field '{name}'")
        return default
    value = body[name]
    # bool is an int in Python; a JSON true is never a number here.
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise invalid(f"field '{name}' must be {_describe(kind)}")
    return value


def text_field(body: dict, name: str, required: bool = True, max_len: int | None = None,
               allow_surrogates: bool = True, default=None) -> str | None:
    value = field(body, name, str, required, default)
    if value is None:
        return None
    if max_len is not None and len(value) > max_len:
        raise invalid(f"field '{name}' is longer than {max_len} characters")
    if not allow_surrogates and has_lone_surrogate(value):
        raise invalid(f"field '{name}' contains invalid characters")
    return value


def has_lone_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _as_tuple(kind) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


def _describe(kind) -> str:
    names = {str: "a string", int: "an integer", bool: "a boolean", list: "an array", dict: "an object",
             float: "a number"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))
