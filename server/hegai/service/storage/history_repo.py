"""What the dashboard's history records: the user's own entries seen on pages (exposures) and
the 开盒-risk pages seen. Page statistics by type and site live in ``detections``.

One row per (page, vault entry) and per risk page: seeing it again only moves ``last_seen``.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlsplit, urlunsplit

from hegai.risk.assessment import LEVELS

from .clock import now_iso
from .db import Database
from .detections_repo import _host


def page_url(url: str) -> str:
    """The page a URL names: without its #fragment (in-page anchors are the same page)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return urlunsplit(parts._replace(fragment=""))


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


class HistoryRepo:
    def __init__(self, db: Database):
        self.db = db

    def record_exposures(self, url: str, entries: list, now: str | None = None) -> int:
        """Record vault ``entries`` (VaultEntry) seen on ``url``; returns how many were new."""
        now = now or now_iso()
        url = page_url(url)
        key, host = url_hash(url), _host(url)
        conn, new = self.db.conn, 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            for entry in entries:
                cur = conn.execute(
                    "INSERT INTO exposures (url, url_hash, host, entry_id, kind, masked, first_seen, last_seen) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_hash, entry_id) DO NOTHING",
                    (url, key, host, entry.id, entry.kind, entry.masked, now, now))
                if cur.rowcount:
                    new += 1
                else:
                    conn.execute("UPDATE exposures SET last_seen = ?, times_seen = times_seen + 1 "
                                 "WHERE url_hash = ? AND entry_id = ?", (now, key, entry.id))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return new

    def record_risk_page(self, url: str, level: str, categories: list[str], now: str | None = None) -> bool:
        """Record a risk page (keeps its highest level and every category); True when new."""
        now = now or now_iso()
        url = page_url(url)
        key = url_hash(url)
        row = self.db.execute("SELECT level, categories FROM risk_pages WHERE url_hash = ?", (key,)).fetchone()
        if row is None:
            self.db.write(
                "INSERT INTO risk_pages (url, url_hash, host, level, categories, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_hash) DO NOTHING",
                (url, key, _host(url), level, json.dumps(sorted(set(categories))), now, now))
            return True
        merged = sorted(set(json.loads(row["categories"])) | set(categories))
        highest = max(row["level"], level, key=LEVELS.index)
        self.db.write("UPDATE risk_pages SET level = ?, categories = ?, last_seen = ? WHERE url_hash = ?",
                      (highest, json.dumps(merged), now, key))
        return False
