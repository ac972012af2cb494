"""A log of what was detected on which site: counts and types only, never text or values."""

from __future__ import annotations

import hashlib
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


class DetectionsRepo:
    def __init__(self, db: Database):
        self.db = db

    def record(self, url: str, chunks: int, counts: dict[str, int], own_matches: int, level: str | None) -> None:
        url_hash = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        self.db.write(
            "INSERT INTO detections (created_at, host, url_hash, chunks, counts, own_matches, level) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), _host(url), url_hash, chunks, json.dumps(counts, sort_keys=True), own_matches, level),
        )

    def recent(self, limit: int = 100) -> list[dict]:
        rows = self.db.execute(
            "SELECT created_at, host, chunks, counts, own_matches, level FROM detections ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [dict(r, counts=json.loads(r["counts"])) for r in rows]
