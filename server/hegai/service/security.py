"""The gate every request passes: Host (DNS rebinding), Origin (web pages), rate limit, token.

A service on 127.0.0.1 is reachable by every page the user opens, so the checks run before any
route, on every method, including OPTIONS and "simple" form POSTs that CORS would let through.
"""

from __future__ import annotations

import threading
import time

import regex
from flask import Flask, current_app, g, request

from .errors import ApiError
from .ratelimit import TokenBuckets
from .host_install import ExtensionRegistry
from .storage.paths import data_dir
from .storage.tokens_repo import TokensRepo, token_hash

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
PUBLIC_API = {"/api/v1/health", "/api/v1/openapi.json"}
EXTENSION_ID = regex.compile(r"^[a-p]{32}$")


def allowed_hosts(config) -> set[str]:
    return {f"{name}:{config.port}" for name in (*LOOPBACK_NAMES, *config.extra_hosts)}


def own_origins(config) -> set[str]:
    return {f"http://{host}" for host in allowed_hosts(config)}


def check_host(config) -> None:
    if (request.host or "").lower() not in allowed_hosts(config):
        raise ApiError(403, "forbidden_host", "Host must be 127.0.0.1, localhost or [::1] with the service's port")


def check_origin(config, known_extension=lambda ext_id: False) -> None:
    origin = request.headers.get("Origin")
    if origin is None:
        return
    if request.path.startswith("/api/"):
        if origin in config.extension_origins or _paired_extension(origin, known_extension):
            return
    elif origin in own_origins(config):
        return
    raise ApiError(403, "forbidden_origin", "requests from web pages are refused")


def _paired_extension(origin: str, known_extension) -> bool:
    """A web page cannot send a chrome-extension:// Origin, but another extension can: besides
    the pinned and HEGAI_EXTENSION_IDS ids, only an id the user registered with
    ``hegai install-browser-host --extension-id`` (a store install) may call the API."""
    ext_id = origin.removeprefix("chrome-extension://")
    return ext_id != origin and bool(EXTENSION_ID.match(ext_id)) and known_extension(ext_id)


class TokenCache:
    """Known token hashes → token id. An entry is trusted for ``RECHECK_SECONDS``, then checked
    against the database again (a CLI or the native host may add or revoke tokens; tokens expire),
    and ``last_used_at`` is written then: at most one write per token per interval, not per call."""

    RECHECK_SECONDS = 60.0

    def __init__(self, repo: TokensRepo, clock=time.monotonic):
        self.repo = repo
        self.clock = clock
        self._known: dict[str, tuple[int, float]] = {}
        self._revocations = 0   # a lookup that raced a revocation is not cached
        self._lock = threading.Lock()

    def identify(self, token: str) -> int | None:
        key = token_hash(token)
        with self._lock:
            hit = self._known.get(key)
            revocations = self._revocations
        if hit is not None and self.clock() - hit[1] < self.RECHECK_SECONDS:
            return hit[0]
        token_id = self.repo.find(token)
        with self._lock:
            if token_id is None or revocations != self._revocations:
                self._known.pop(key, None)
            else:
                self._known[key] = (token_id, self.clock())
        if token_id is not None:
            self.repo.touch(token_id)
        return token_id

    def revoke(self, token_id: int) -> bool:
        """Revoke in the database and forget at once: the very next call with it gets 401."""
        revoked = self.repo.revoke(token_id)
        with self._lock:
            self._revocations += 1
            self._known = {k: v for k, v in self._known.items() if v[0] != token_id}
        return revoked


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def install(app: Flask, tokens: TokenCache) -> None:
    config = app.config["HEGAI"]
    buckets = TokenBuckets(config.rate_per_second, config.rate_burst)
    app.extensions["hegai_buckets"] = buckets
    app.extensions["hegai_token_cache"] = tokens

    @app.before_request
    def _gate():
        check_host(config)
        check_origin(config, ExtensionRegistry(config.home or data_dir()).contains)
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
