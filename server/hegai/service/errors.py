"""Every error is JSON ``{"error": {"code", "message"}}``; never a stack trace, never a value."""

from __future__ import annotations

import json
import logging

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("hegai.service")

# HTTP status → contract error code for errors raised by Flask/werkzeug themselves.
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 429: "rate_limited"}


def escaped(text: str) -> str:
    """``text`` on one line, as ASCII: controls, quotes and non-ASCII as JSON escapes (\\n, \\u0000)."""
    return json.dumps(text, ensure_ascii=True)[1:-1]


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def error_response(status: int, code: str, message: str, headers: dict | None = None):
    resp = jsonify({"error": {"code": code, "message": message}})
    resp.status_code = status
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        if exc.status in (401, 403, 429):
            # Path without the query string, and the code: never a header value or a body. The path
            # is escaped: a page can put %0a or %00 in it to forge log lines.
            log.warning("refused %s %s: %d %s", escaped(request.method[:16]), escaped(request.path[:200]),
                        exc.status, exc.code)
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = _HTTP_CODES.get(exc.code or 500, "http_error")
        # The route's own limit (reports and pictures raise the app-wide one).
        limit = request.max_content_length or app.config["MAX_CONTENT_LENGTH"]
        message = {413: f"request body too large (limit {limit} bytes)"}.get(exc.code, exc.name)
        resp = error_response(exc.code or 500, code, message)
        if exc.code == 405 and exc.valid_methods:
            resp.headers["Allow"] = ", ".join(exc.valid_methods)
        return resp

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # The type only: a message or traceback could quote the user's text.
        log.error("internal error: %s", type(exc).__name__)
        return error_response(500, "internal_error", "internal error")
