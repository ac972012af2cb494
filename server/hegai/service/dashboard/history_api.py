"""``/api/v1/history/...``: the history the dashboard shows. The same blueprint is mounted twice:
under ``/api/v1/history`` (bearer token: the extension, scripts) and under
``/dashboard/api/history`` (session cookie: the dashboard page). Recording is the extension's.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date

from flask import Blueprint, current_app, jsonify, request

from hegai.detect import PII_TYPES, TYPE_LABELS_EN, TYPE_LABELS_ZH
from hegai.reports import platforms

from .. import settings
from ..errors import ApiError
from ..storage.history_repo import LEVELS
from ..validation import invalid, json_body, text_field
from ..vault_keys import kinds
from . import access, export, filters

bp = Blueprint("history", __name__)
log = logging.getLogger("hegai.service")



def _services():
    return current_app.extensions["hegai"]


def _history():
    return current_app.extensions["hegai_dashboard"]


@bp.before_request
def _authenticate():
    if not access.via_extension():
        access.require_session()


def _extension_only() -> None:
    if not access.via_extension():
        raise ApiError(403, "forbidden", "only the extension records history")


def _retention_days() -> int:
    return settings.current(_services().settings)["retention_days"]


def _named(reports: list[dict]) -> list[dict]:
    """Each report with its platform's names (豆瓣 / Douban), from the platform registry."""
    def names(pid: str) -> dict:
        found = platforms.get(pid)
        return {"platform_name": found.name if found else pid, "platform_name_en": found.name_en if found else pid}
    return [{**r, **names(r["platform"])} for r in reports]


def _reports(f) -> tuple[bool, list[dict]]:
    available, reports = _history().queries.reports(f)
    return available, _named(reports)


def _collect(f) -> dict:
    q = _history().queries
    available, reports = _reports(f)
    return {
        "exposures": q.exposures(f), "exposures_by_day": q.exposures_by_day(f),
        "findings_by_type": q.findings_by_type(f), "findings_by_site": q.findings_by_site(f),
        "findings_by_day": q.findings_by_day(f), "pages_visited": q.pages_visited(f),
        "risk_pages": q.risk_pages(f), "reports": reports, "reports_available": available,
    }


@bp.get("/summary")
def summary():
    f = filters.from_request()
    data = _collect(f)
    risk_levels = Counter(p["level"] for p in data["risk_pages"])
    return jsonify({
        "filters": filters.echo(f),
        "totals": {"exposures": len(data["exposures"]), "pages_visited": data["pages_visited"],
                   "findings": sum(data["findings_by_type"].values()), "risk_pages": len(data["risk_pages"]),
                   "reports": len(data["reports"])},
        **{k: data[k] for k in ("exposures_by_day", "findings_by_day", "findings_by_type", "findings_by_site",
                                "reports_available")},
        "risk_by_level": {lvl: risk_levels[lvl] for lvl in LEVELS if risk_levels[lvl]},
        "reports_by_status": dict(Counter(r["status"] for r in data["reports"])),
        "choices": {"sites": _history().queries.sites(), "types": list(PII_TYPES), "kinds": list(kinds())},
        "type_labels": {"zh_CN": TYPE_LABELS_ZH, "en": TYPE_LABELS_EN},
        "retention_days": _retention_days(),
        "language": settings.current(_services().settings)["language"],
    })


@bp.get("/exposures")
def list_exposures():
    return jsonify({"exposures": _history().queries.exposures(filters.from_request())})


@bp.post("/exposures")
def record_exposures():
    """The extension saw the user's own entries on a page: ``{url, entry_ids:[id...]}``. Kind and
    masked form come from the vault, never from the caller."""
    _extension_only()
    body = json_body()       # url, and 1 to 100 integer entry_ids (the OpenAPI document)
    url = text_field(body, "url", allow_surrogates=False)
    ids = body["entry_ids"]
    entries = [e for e in _services().vault.list() if e.id in set(ids)]
    if not entries:
        raise ApiError(404, "not_found", "no such vault entry")
    new = _history().repo.record_exposures(url, entries)
    log.info("history: exposure of %d entr%s on a page (%d new)", len(entries), "y" if len(entries) == 1 else "ies", new)
    return jsonify({"recorded": [e.id for e in entries], "new": new}), 201 if new else 200


@bp.get("/findings")
def findings():
    f = filters.from_request()
    q = _history().queries
    return jsonify({"by_type": q.findings_by_type(f), "by_site": q.findings_by_site(f),
                    "by_day": q.findings_by_day(f), "pages_visited": q.pages_visited(f)})


@bp.get("/risk-pages")
def list_risk_pages():
    return jsonify({"risk_pages": _history().queries.risk_pages(filters.from_request())})


@bp.post("/risk-pages")
def record_risk_page():
    """``{url, level, categories}`` for a page whose 开盒 risk is medium or higher."""
    _extension_only()
    body = json_body()       # level medium to critical, up to 20 category names (the OpenAPI document)
    url = text_field(body, "url", allow_surrogates=False)
    level, categories = body["level"], body.get("categories") or []
    new = _history().repo.record_risk_page(url, level, categories)
    return jsonify({"new": new}), 201 if new else 200


@bp.get("/reports")
def list_reports():
    available, reports = _reports(filters.from_request())
    return jsonify({"available": available, "reports": reports})


@bp.get("/export")
def export_history():
    f = filters.from_request()
    fmt = request.args.get("format", "json")
    dataset = request.args.get("dataset", "all" if fmt == "json" else "exposures")
    if fmt not in ("csv", "json") or dataset not in (*export.DATASETS, "all") or (fmt, dataset) == ("csv", "all"):
        raise invalid("format=csv&dataset=<one of " + ", ".join(export.DATASETS) + "> or format=json[&dataset=…]")
    data = _collect(f)
    stamp = date.today().isoformat()
    if fmt == "csv":
        body, mimetype = export.to_csv(dataset, data), "text/csv"
    else:
        chosen = export.DATASETS if dataset == "all" else (dataset,)
        body, mimetype = export.to_json(chosen, data, {"filters": filters.echo(f), "date": stamp}), "application/json"
    resp = current_app.response_class(body, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f'attachment; filename="hegai-history-{dataset}-{stamp}.{fmt}"'
    return resp


@bp.get("/retention")
def get_retention():
    return jsonify({"retention_days": _retention_days()})


@bp.put("/retention")
def put_retention():
    update = {"retention_days": json_body()["retention_days"]}       # an integer 1 to 3650
    _services().settings.save(update)
    purged = _history().retention.purge(update["retention_days"])
    return jsonify({"retention_days": update["retention_days"], "purged": purged})


@bp.post("/purge")
def purge_now():
    return jsonify({"purged": _history().retention.purge(_retention_days())})


@bp.delete("")
def delete_all():
    deleted = _history().retention.delete_all()
    return jsonify({"deleted": deleted})
