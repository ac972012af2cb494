"""The gate every request passes: Host (DNS rebinding), Origin (web pages), rate limit, token.

A service on 127.0.0.1 is reachable by every page the user opens, so the checks run before any
route, on every method, including OPTIONS and "simple" form POSTs that CORS would let through.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app, g, request

from .errors import ApiError
from .ratelimit import TokenBuckets
from .storage.tokens_repo import TokensRepo, token_hash

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
PUBLIC_API = {"/api/v1/health", "/api/v1/openapi.json"}


def allowed_hosts(config) -> set[str]:
    return {f"{name}:{config.port}" for name in (*LOOPBACK_NAMES, *config.extra_hosts)}


def own_origins(config) -> set[str]:
    return {f"http://{host}" for host in allowed_hosts(config)}


def check_host(config) -> None:
    if (request.host or "").lower() not in allowed_hosts(config):
        raise ApiError(403, "forbidden_host", "Host must be 127.0.0.1, localhost or [::1] with the service's port")


def check_origin(config) -> None:
    origin = request.headers.get("Origin")
    if origin is None:
        return
    if request.path.startswith("/api/"):
        if origin in config.extension_origins:
            return
    elif origin in own_origins(config):
        return
    raise ApiError(403, "forbidden_origin", "requests from web pages are refused")


class TokenCache:
    """Known token hashes → token id; a miss goes to the database (a CLI may add tokens)."""

    def __init__(self, repo: TokensRepo):
        self.repo = repo
        self._known: dict[str, int] = {}
        self._lock = threading.Lock()

    def identify(self, token: str) -> int | None:
        key = token_hash(token)
        with self._lock:
            if key in self._known:
                return self._known[key]
        token_id = self.repo.find(token)
        if token_id is not None:
            with self._lock:
                self._known[key] = token_id
        return token_id


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def install(app: Flask, tokens: TokenCache) -> None:
    config = app.config["HEGAI"]
    buckets = TokenBuckets(config.rate_per_second, config.rate_burst)
    app.extensions["hegai_buckets"] = buckets

    @app.before_request
    def _gate():
        check_host(config)
        check_origin(config)
        token = bearer_token()
        g.token_id = tokens.identify(token) if token else None
        client = f"token:{g.token_id}" if g.token_id is not None else f"addr:{request.remote_addr}"
        wait = buckets.take(client)
        if wait:
            retry = str(max(1, int(wait + 0.999)))
            raise ApiError(429, "rate_limited", "too many requests; slow down", {"Retry-After": retry})
        if _needs_token() and g.token_id is None:
            raise ApiError(401, "unauthorized", "pair the extension first (missing or unknown token)",
                           {"WWW-Authenticate": "Bearer"})

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        resp.headers["Cache-Control"] = "no-store"
        return resp


def _needs_token() -> bool:
    return (request.path.startswith("/api/") and request.path not in PUBLIC_API
            and request.method != "OPTIONS")


def current_config():
    return current_app.config["HEGAI"]
