"""Dashboard login: the extension (bearer token) asks for a one-time code, opens
``/dashboard-login?code=…`` in a tab, and the service trades the code for a session cookie
(HttpOnly, SameSite=Strict). Only hashes are kept, in memory: a restart logs the dashboard out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time

CODE_TTL_SECONDS = 120
SESSION_TTL_SECONDS = 12 * 3600
MAX_PENDING = 64
MAX_SESSIONS = 64


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


class _Expiring:
    """secret hash → expiry, bounded; expired entries are dropped as new ones arrive."""

    def __init__(self, ttl: float, limit: int, clock):
        self.ttl, self.limit, self.clock = ttl, limit, clock
        self._items: dict[str, float] = {}
        self._lock = threading.Lock()

    def add(self) -> str:
        secret = secrets.token_urlsafe(32)
        with self._lock:
            now = self.clock()
            self._items = {k: v for k, v in self._items.items() if v > now}
            while len(self._items) >= self.limit:
                self._items.pop(next(iter(self._items)))
            self._items[_digest(secret)] = now + self.ttl
        return secret

    def valid(self, secret: str | None, consume: bool = False) -> bool:
        if not secret:
            return False
        key = _digest(secret)
        with self._lock:
            expiry = self._items.pop(key, None) if consume else self._items.get(key)
        return expiry is not None and expiry > self.clock()

    def drop(self, secret: str | None) -> None:
        if secret:
            with self._lock:
                self._items.pop(_digest(secret), None)


class DashboardSessions:
    def __init__(self, clock=time.monotonic):
        self.codes = _Expiring(CODE_TTL_SECONDS, MAX_PENDING, clock)
        self.sessions = _Expiring(SESSION_TTL_SECONDS, MAX_SESSIONS, clock)
        # Cookies ignore ports: another server on 127.0.0.1 receives the session cookie and can
        # replay it. The page also sends a per-session secret derived from this in-memory key,
        # which it got in the login redirect's #fragment (never sent to any server).
        self._key = secrets.token_bytes(32)

    def secret(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def valid_secret(self, session_id: str | None, secret: str | None) -> bool:
        return bool(session_id and secret) and hmac.compare_digest(
            self.secret(session_id), secret.encode("ascii", "replace").decode("ascii"))

    def issue_code(self) -> str:
        return self.codes.add()

    def login(self, code: str | None) -> str | None:
        """A new session id for a valid, unused code; None otherwise (a code works once)."""
        return self.sessions.add() if self.codes.valid(code, consume=True) else None

    def valid(self, session_id: str | None) -> bool:
        return self.sessions.valid(session_id)

    def logout(self, session_id: str | None) -> None:
        self.sessions.drop(session_id)
