"""``/api/v1/reports`` and ``/api/v1/platforms``: one-click reports with evidence (library:
``hegai.reports``). The service never fetches a page off this machine: re-check takes the page
text the extension read from a freshly opened tab (loopback URLs excepted, see
``hegai.reports.recheck``)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request

from hegai.reports import platforms, records
from hegai.reports.evidence import MAX_SCREENSHOT_BYTES, EvidenceError, EvidenceStore
from hegai.reports.package import TamperedEvidence, build_zip
from hegai.reports.recheck import BadPage
from hegai.reports.store import ReportsRepo

from .errors import ApiError
from .validation import invalid, json_body, text_field

bp = Blueprint("reports", __name__, url_prefix="/api/v1")
log = logging.getLogger("hegai.service")

# Field limits are in ReportCreate (the OpenAPI document); the post's text sizes the body limit.
MAX_TEXT = 200_000
# A base64 screenshot is 4/3 of its bytes; the rest of the body is small.
CREATE_BODY_LIMIT = MAX_SCREENSHOT_BYTES * 4 // 3 + MAX_TEXT * 4 + 64 * 1024


@dataclass
class ReportsContext:
    repo: ReportsRepo
    store: EvidenceStore


@bp.record_once
def _setup(state) -> None:
    db = state.app.extensions["hegai"].db
    context = ReportsContext(ReportsRepo(db), EvidenceStore(Path(db.home)))
    removed = records.sweep_orphans(context.repo, context.store)
    if removed:
        log.info("reports: removed %d evidence folder(s) left by an interrupted report", removed)
    state.app.extensions["hegai_reports"] = context


def _ctx() -> ReportsContext:
    return current_app.extensions["hegai_reports"]


@bp.before_request
def _larger_body_for_evidence():
    # Screenshots need more than the API's default body limit; only this one route gets it.
    if request.method == "POST" and request.path.rstrip("/") == "/api/v1/reports":
        request.max_content_length = max(CREATE_BODY_LIMIT, current_app.config["MAX_CONTENT_LENGTH"] or 0)


def _record_or_404(report_id: int):
    record = _ctx().repo.get(report_id)
    if record is None:
        raise ApiError(404, "not_found", "no such report")
    return record


def _platform_json(platform_id: str) -> dict | None:
    found = platforms.get(platform_id)
    return found.to_dict() if found else None


def _entry(record) -> dict | None:
    """The address to open for a report (stored at creation; older reports: worked out again)."""
    if "entry" in record.evidence:
        return record.evidence["entry"]
    found = platforms.get(record.platform)
    return found.entry(record.evidence.get("post_id")) if found else None


@bp.get("/platforms")
def list_platforms():
    return jsonify({"platforms": [p.to_dict() for p in platforms.all_platforms()],
                    "default": platforms.DEFAULT_NATIONAL})


def _http_url(body: dict) -> str:
    url = text_field(body, "url", allow_surrogates=False)
    if not re.match(r"^https?://[^\s/]+", url, re.I):
        raise invalid("field 'url' must be an http(s) URL")
    return url


def _hints(body: dict) -> tuple[tuple[str, ...], str | None]:
    """The page summary the extension already holds: ``findings: {categories?, level?}`` (their
    values are enums in ReportCreate)."""
    summary = body.get("findings") or {}
    return tuple(summary.get("categories", [])), summary.get("level")


def _new_report(body: dict) -> records.NewReport:
    """A report from a body json_body checked against ReportCreate (lengths, post_id's form, the
    hints' enums); here what a schema cannot say: the URL's scheme, a platform in the registry,
    characters that are no text."""
    url = _http_url(body)
    platform_id = body.get("platform")
    if platform_id and platforms.get(platform_id) is None:
        raise invalid(f"unknown platform '{platform_id}' (see GET /api/v1/platforms)")
    categories, level = _hints(body)
    return records.NewReport(
        url=url, title=text_field(body, "title", required=False, allow_surrogates=False, default=""),
        text=text_field(body, "text", allow_surrogates=False), screenshot=body.get("screenshot"),
        platform=platform_id or None, post_id=body.get("post_id") or None, hint_categories=categories,
        hint_level=level)


def _if_reported(body: dict) -> str:
    """What to do when this page (and post) was reported before: ``refuse`` (409, the default:
    a second click is more often a mistake than a wish for report #2), ``update`` or ``new``."""
    return body.get("if_reported") or "refuse"


def _already_reported(err: records.AlreadyReported):
    resp = jsonify({"error": {"code": "already_reported", "message": str(err)},
                    "report": err.record.summary()})
    resp.status_code = 409
    return resp


@bp.post("/reports")
def create_report():
    body = json_body()
    new, if_reported = _new_report(body), _if_reported(body)
    try:
        record, platform = records.create(_ctx().repo, _ctx().store, new, if_reported)
    except records.AlreadyReported as err:
        log.info("report %d: the same page reported again, refused", err.record.id)
        return _already_reported(err)
    except EvidenceError as err:
        raise invalid(str(err)) from None
    exposure = record.evidence["exposure"]
    updated = record.evidence["history"][-1].get("note") == records.UPDATED_NOTE   # a new report's has none
    log.info("report %d %s: platform=%s, counts=%s, categories=%s", record.id, "updated" if updated else "created",
             platform.id, exposure["counts"], exposure["categories"])
    return jsonify({"report": record.public(), "platform": platform.to_dict(), "updated": updated,
                    "report_text": record.evidence["report"], "entry": record.evidence.get("entry")}), \
        200 if updated else 201


@bp.get("/reports")
def list_reports():
    return jsonify({"reports": [r.summary() for r in _ctx().repo.list()]})


@bp.get("/reports/<rowid:report_id>")
def get_report(report_id: int):
    record = _record_or_404(report_id)
    return jsonify({"report": record.public(), "platform": _platform_json(record.platform),
                    "entry": _entry(record)})


@bp.patch("/reports/<rowid:report_id>")
def update_report(report_id: int):
    body = json_body()       # status: one of ReportStatus; note: at most 500 characters
    status = body["status"]
    note = text_field(body, "note", required=False, allow_surrogates=False, default="")
    record = _ctx().repo.set_status(_record_or_404(report_id), status, note)
    log.info("report %d: status %s", report_id, status)
    return jsonify({"report": record.public()})


@bp.get("/reports/<rowid:report_id>/evidence.zip")
def evidence_zip(report_id: int):
    record = _record_or_404(report_id)
    try:
        data = build_zip(record, _ctx().store)
    except TamperedEvidence as err:
        log.warning("report %d: evidence files changed since capture (%d)", report_id, len(err.names))
        raise ApiError(409, "evidence_changed", str(err)) from None
    except FileNotFoundError:
        raise ApiError(409, "evidence_missing", "evidence files are missing") from None
    resp = current_app.response_class(data, mimetype="application/zip")
    resp.headers["Content-Disposition"] = f'attachment; filename="hegai-report-{report_id}.zip"'
    return resp


@bp.post("/reports/<rowid:report_id>/recheck")
def recheck_report(report_id: int):
    body = json_body() if request.get_data(cache=True).strip() else {}
    text = text_field(body, "text", required=False, allow_surrogates=False)
    record = _record_or_404(report_id)
    try:
        record = records.recheck(_ctx().repo, record, text, _ctx().store)
    except records.RecheckNeedsText as err:
        raise invalid(str(err)) from None
    except BadPage as err:
        raise ApiError(422, "bad_page", str(err)) from None
    except OSError:
        raise ApiError(502, "fetch_failed", "could not load the page on this machine") from None
    result = record.evidence["rechecks"][-1]
    log.info("report %d: recheck %s (%d of %d still there)", report_id, result["verdict"],
             result["remaining"], result["reported"])
    return jsonify({"report": record.public(), "recheck": result})
