"""A log of what was detected on which site: counts and types only, never text or values."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlsplit

from .clock import now_iso
from .db import Database


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return host.encode("utf-8", "replace").decode("utf-8")[:253]


# The dashboard counts each value once per page, so a page keeps a short fingerprint of each
# value found on it: 16 bits of an HMAC keyed by the page URL. Enough to tell one page's values
# apart (two values of a type on one page share a fingerprint with odds of about n²/131072), far
# too few to say which value it was: each fingerprint fits some 1.5 million mobile numbers, and
# anyone who has the URL to key it with can read the page itself.
FINGERPRINT_HEX = 4


def value_fingerprint(url: str, value_key: str) -> str:
    key = url.encode("utf-8", "surrogatepass")
    return hmac.new(key, value_key.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:FINGERPRINT_HEX]


class DetectionsRepo:
    def __init__(self, db: Database):
        self.db = db

    def record(self, url: str, chunks: int, counts: dict[str, int], own_matches: int, level: str | None,
               values: list[tuple[str, str]] = ()) -> None:
        """One scan; ``values`` are its findings as (type, value key) for the per-page distinct count."""
        url_hash = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        now, host = now_iso(), _host(url)
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "INSERT INTO detections (created_at, host, url_hash, chunks, counts, own_matches, level) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now, host, url_hash, chunks, json.dumps(counts, sort_keys=True), own_matches, level))
            conn.executemany(
                "INSERT OR IGNORE INTO page_values (url_hash, host, type, fingerprint, first_seen) VALUES (?, ?, ?, ?, ?)",
                [(url_hash, host, kind, value_fingerprint(url, key), now) for kind, key in set(values)])
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def recent(self, limit: int = 100) -> list[dict]:
        rows = self.db.execute(
            "SELECT created_at, host, chunks, counts, own_matches, level FROM detections ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [dict(r, counts=json.loads(r["counts"])) for r in rows]
