"""The evidence package: a zip a person can hand to 12377 or the police.

Contents: the evidence files as captured (screenshot, post.txt, capture.json, report.txt), a
printable ``summary.html``, and ``manifest.json`` with the SHA-256 of every other file. The
hashes are the ones recorded when each file was written; export refuses files that no longer
match them. Zip entry times are the capture time, so the same report exports to the same bytes.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from functools import lru_cache
from importlib import resources
import jinja2

from hegai import __version__

from .builder import beijing_time
from .evidence import EvidenceStore, sha256_hex
from .exposure import label
from .store import ReportRecord

MANIFEST = "manifest.json"
SUMMARY = "summary.html"


class TamperedEvidence(RuntimeError):
    def __init__(self, names: list[str]):
        super().__init__("evidence files changed since capture: " + ", ".join(names))
        self.names = names


# The risk level as the summary prints it (the extension's level_* labels, Chinese first).
LEVEL_LABELS = {"none": "无 (none)", "low": "低 (low)", "medium": "中 (medium)", "high": "高 (high)",
                "critical": "严重 (critical)"}


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    # Autoescaping: a page title or a post is whatever the page wrote, <script> included.
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(resources.files("hegai.reports").joinpath("summary_template.html").read_text("utf-8"))


def summary_html(record: ReportRecord, files: list[dict]) -> str:
    ev = record.evidence
    exposure = ev.get("exposure", {})
    rows = [{"label": label(t), "count": n, "masked": exposure.get("masked", {}).get(t, [])}
            for t, n in exposure.get("counts", {}).items()]
    level = exposure.get("level", "")
    return _template().render(
        version=__version__, report_id=record.id, captured_at=beijing_time(ev["captured_at"]),
        captured_at_iso=ev["captured_at"], url=record.url, title=ev.get("title", ""),
        post_id=ev.get("post_id"), platform=ev.get("platform_name", record.platform),
        level_label=LEVEL_LABELS.get(level, level), exposure_rows=rows,
        post_text_masked=ev.get("post_text_masked", ""), report_long=ev.get("report", {}).get("long", ""),
        screenshots=[f["name"] for f in files if f["media_type"].startswith("image/")], files=files)


def manifest(record: ReportRecord, files: list[dict]) -> dict:
    ev = record.evidence
    return {"format": "hegai-evidence/1", "tool": f"hegai {__version__}", "hash": "sha256",
            "report_id": record.id, "platform": record.platform, "url": record.url,
            "captured_at": ev["captured_at"], "created_at": record.created_at,
            "files": [{"name": f["name"], "sha256": f["sha256"], "bytes": f["bytes"], "media_type": f["media_type"]}
                      for f in files]}


def _zip_time(iso: str) -> tuple:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)


def build_zip(record: ReportRecord, store: EvidenceStore) -> bytes:
    ev = record.evidence
    files = list(ev.get("files", []))
    tampered = store.verify(ev["key"], files)
    if tampered:
        raise TamperedEvidence(tampered)
    summary = summary_html(record, files).encode("utf-8")
    listed = files + [{"name": SUMMARY, "sha256": sha256_hex(summary), "bytes": len(summary),
                       "media_type": "text/html"}]
    manifest_bytes = json.dumps(manifest(record, listed), ensure_ascii=False, indent=2).encode("utf-8")
    when = _zip_time(ev["captured_at"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in [*((f["name"], store.read(ev["key"], f["name"])) for f in files),
                           (SUMMARY, summary), (MANIFEST, manifest_bytes)]:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def verify_zip(data: bytes) -> list[str]:
    """Names in the zip's manifest whose bytes do not match their SHA-256 (empty = intact)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        listed = json.loads(zf.read(MANIFEST))["files"]
        names = set(zf.namelist())
        return [f["name"] for f in listed if f["name"] not in names or sha256_hex(zf.read(f["name"])) != f["sha256"]]
