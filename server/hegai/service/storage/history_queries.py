"""Read side of the history: filtered lists and the aggregates the dashboard charts draw.

Days are the user's local calendar days (the service runs on the user's own machine).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .db import Database
from .detections_repo import _host

MAX_ROWS = 5000


@dataclass(frozen=True)
class Filters:
    site: str | None = None             # exact hostname
    types: tuple[str, ...] = ()         # PII types (findings); exposures use the matching vault kinds
    kinds: tuple[str, ...] = ()         # vault kinds (exposures)
    date_from: str | None = None        # YYYY-MM-DD, local, inclusive
    date_to: str | None = None          # YYYY-MM-DD, local, inclusive

    def where(self, time_col: str, host_col: str = "host") -> tuple[str, list]:
        sql, params = ["1 = 1"], []
        if self.site:
            sql.append(f"{host_col} = ?")
            params.append(self.site)
        if self.date_from:
            sql.append(f"date({time_col}, 'localtime') >= ?")
            params.append(self.date_from)
        if self.date_to:
            sql.append(f"date({time_col}, 'localtime') <= ?")
            params.append(self.date_to)
        return " AND ".join(sql), params


def _in(column: str, values: tuple) -> tuple[str, list]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


class HistoryQueries:
    def __init__(self, db: Database):
        self.db = db

    # -- exposures ---------------------------------------------------------------------------
    def _exposure_where(self, f: Filters) -> tuple[str, list]:
        where, params = f.where("first_seen")
        if f.types or f.kinds:
            clause, more = _in("kind", f.kinds or ("-",))
            where, params = f"{where} AND {clause}", params + more
        return where, params

    def exposures(self, f: Filters) -> list[dict]:
        where, params = self._exposure_where(f)
        rows = self.db.execute(
            "SELECT id, url, host, entry_id, kind, masked, first_seen, last_seen, times_seen FROM exposures "
            f"WHERE {where} ORDER BY first_seen DESC, id DESC LIMIT {MAX_ROWS}", params)
        return [dict(r) for r in rows]

    def exposures_by_day(self, f: Filters) -> list[dict]:
        where, params = self._exposure_where(f)
        rows = self.db.execute(
            f"SELECT date(first_seen, 'localtime') AS day, COUNT(*) AS n FROM exposures WHERE {where} "
            "GROUP BY day ORDER BY day", params)
        return [dict(r) for r in rows]

    # -- findings on visited pages: each value once per page (page_values) --------------------
    def _finding_rows(self, f: Filters, group: str, order: str) -> list[sqlite3.Row]:
        where, params = f.where("v.first_seen", "v.host")
        if f.types:
            clause, more = _in("v.type", f.types)
            where, params = f"{where} AND {clause}", params + more
        return self.db.execute(
            f"SELECT {group}, COUNT(*) AS findings, COUNT(DISTINCT v.url_hash) AS pages "
            f"FROM page_values AS v WHERE {where} GROUP BY 1 ORDER BY {order}",
            params).fetchall()

    def findings_by_type(self, f: Filters) -> dict[str, int]:
        return {r["type"]: r["findings"] for r in self._finding_rows(f, "v.type AS type", "findings DESC, type")}

    def findings_by_site(self, f: Filters) -> list[dict]:
        rows = self._finding_rows(f, "v.host AS host", "findings DESC, host")
        return [dict(r) for r in rows[:MAX_ROWS]]

    def findings_by_day(self, f: Filters) -> list[dict]:
        rows = self._finding_rows(f, "date(v.first_seen, 'localtime') AS day", "day")
        return [dict(r) for r in rows]

    def pages_visited(self, f: Filters) -> int:
        where, params = f.where("created_at")
        return self.db.execute(f"SELECT COUNT(DISTINCT url_hash) FROM detections WHERE {where}",
                               params).fetchone()[0]

    def sites(self) -> list[str]:
        rows = self.db.execute("SELECT host FROM detections UNION SELECT host FROM exposures "
                               "UNION SELECT host FROM risk_pages ORDER BY 1")
        return [r[0] for r in rows if r[0]]

    # -- risk pages --------------------------------------------------------------------------
    def risk_pages(self, f: Filters) -> list[dict]:
        where, params = f.where("last_seen")
        rows = self.db.execute(
            "SELECT id, url, host, level, categories, first_seen, last_seen FROM risk_pages "
            f"WHERE {where} ORDER BY last_seen DESC, id DESC LIMIT {MAX_ROWS}", params)
        return [dict(r, categories=json.loads(r["categories"])) for r in rows]

    # -- reports (table owned by the reporting work) -------------------------------------------
    def reports(self, f: Filters) -> tuple[bool, list[dict]]:
        """(available, reports). Reads only the columns of the first schema, so it keeps working
        while the reporting work extends the table; (False, []) if the table is not there."""
        where, params = Filters(date_from=f.date_from, date_to=f.date_to).where("created_at")
        try:
            rows = self.db.execute(
                "SELECT id, platform, url, category, status, created_at, updated_at FROM reports "
                f"WHERE {where} ORDER BY created_at DESC, id DESC LIMIT {MAX_ROWS}", params).fetchall()
        except sqlite3.OperationalError:
            return False, []
        found = [dict(r, host=_host(r["url"])) for r in rows]
        return True, [r for r in found if not f.site or r["host"] == f.site]
