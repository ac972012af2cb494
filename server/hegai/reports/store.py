"""Report records in the service's SQLite ``reports`` table (schema: storage migration 0001).

The row holds no personal value: masked findings, keyed fingerprints, hashes and the masked
report text live in the ``evidence`` JSON column; the raw post text is an evidence file.
Any object with ``execute(sql, params)`` and ``write(sql, params)`` (the service's
``Database``) will do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from hegai.detect.registry import redact

STATUSES = ("drafted", "submitted", "platform_replied", "content_removed", "content_still_up")
STATUS_LABELS_ZH = {"drafted": "已起草", "submitted": "已提交", "platform_replied": "平台已回复",
                    "content_removed": "内容已删除", "content_still_up": "内容仍在"}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class ReportRecord:
    id: int
    created_at: str
    updated_at: str
    platform: str
    url: str
    category: str
    status: str
    evidence: dict = field(default_factory=dict)

    def public(self) -> dict:
        """What the API shows: everything but the salt and fingerprints."""
        ev = self.evidence
        return {
            "id": self.id, "created_at": self.created_at, "updated_at": self.updated_at,
            "platform": self.platform, "url": self.url, "category": self.category, "status": self.status,
            "status_label": STATUS_LABELS_ZH.get(self.status, self.status),
            "title": ev.get("title", ""), "post_id": ev.get("post_id"), "captured_at": ev.get("captured_at"),
            "post_text_masked": ev.get("post_text_masked", ""), "exposure": ev.get("exposure", {}),
            "report": ev.get("report", {}), "files": ev.get("files", []),
            "history": ev.get("history", []), "rechecks": ev.get("rechecks", []),
        }

    def summary(self) -> dict:
        """A log line: no texts."""
        ev = self.evidence
        return {"id": self.id, "created_at": self.created_at, "updated_at": self.updated_at,
                "platform": self.platform, "url": self.url, "status": self.status,
                "status_label": STATUS_LABELS_ZH.get(self.status, self.status), "title": ev.get("title", ""),
                "counts": ev.get("exposure", {}).get("counts", {}),
                "last_recheck": (ev.get("rechecks") or [None])[-1]}


_COLUMNS = "id, created_at, updated_at, platform, url, category, status, evidence"


def _record(row) -> ReportRecord:
    return ReportRecord(row["id"], row["created_at"], row["updated_at"], row["platform"], row["url"],
                        row["category"], row["status"], json.loads(row["evidence"]))


class ReportsRepo:
    def __init__(self, db):
        self.db = db

    def add(self, platform: str, url: str, category: str, evidence: dict, status: str = "drafted") -> ReportRecord:
        now = now_iso()
        evidence = {**evidence, "history": [{"at": now, "status": status}]}
        cur = self.db.write(
            "INSERT INTO reports (created_at, updated_at, platform, url, category, status, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now, now, platform, url, category, status, json.dumps(evidence, ensure_ascii=False)))
        return ReportRecord(cur.lastrowid, now, now, platform, url, category, status, evidence)

    def get(self, report_id: int) -> ReportRecord | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM reports WHERE id = ?", (report_id,)).fetchone()
        return _record(row) if row else None

    def evidence_keys(self) -> set[str]:
        rows = self.db.execute("SELECT json_extract(evidence, '$.key') FROM reports")
        return {r[0] for r in rows if r[0]}

    def for_page(self, url: str, post_id: str | None) -> ReportRecord | None:
        """The latest report of the same page (the URL as stored, masked) and the same post."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM reports WHERE url = ? AND json_extract(evidence, '$.post_id') IS ? "
            "ORDER BY id DESC LIMIT 1", (url, post_id)).fetchone()
        return _record(row) if row else None

    def replace_evidence(self, record: ReportRecord, platform: str, category: str, evidence: dict,
                         note: str) -> ReportRecord:
        """The same report with a new capture: its id, status, history and re-checks stay."""
        kept = {k: record.evidence[k] for k in ("history", "rechecks") if k in record.evidence}
        record.evidence = {**evidence, **kept}
        record.evidence.setdefault("history", []).append({"at": now_iso(), "status": record.status, "note": note})
        record.platform, record.category = platform, category
        record.updated_at = now_iso()
        self.db.write("UPDATE reports SET updated_at = ?, platform = ?, category = ?, evidence = ? WHERE id = ?",
                      (record.updated_at, platform, category, json.dumps(record.evidence, ensure_ascii=False),
                       record.id))
        return record

    def list(self) -> list[ReportRecord]:
        return [_record(r) for r in self.db.execute(f"SELECT {_COLUMNS} FROM reports ORDER BY id DESC")]

    def _save(self, record: ReportRecord) -> ReportRecord:
        record.updated_at = now_iso()
        self.db.write("UPDATE reports SET updated_at = ?, status = ?, evidence = ? WHERE id = ?",
                      (record.updated_at, record.status, json.dumps(record.evidence, ensure_ascii=False), record.id))
        return record

    def set_status(self, record: ReportRecord, status: str, note: str = "") -> ReportRecord:
        if status not in STATUSES:
            raise ValueError(status)
        record.status = status
        entry = {"at": now_iso(), "status": status}
        if note:
            entry["note"] = redact(note)      # a note may quote a ticket, a phone…: masked at rest
        record.evidence.setdefault("history", []).append(entry)
        return self._save(record)

    def add_recheck(self, record: ReportRecord, result: dict) -> ReportRecord:
        record.evidence.setdefault("rechecks", []).append(result)
        if result["verdict"] in STATUSES:
            record.status = result["verdict"]
            record.evidence.setdefault("history", []).append({"at": result["at"], "status": record.status,
                                                              "note": "recheck"})
        return self._save(record)
