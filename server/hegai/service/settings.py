"""User settings: defaults, merge of partial updates (their shape: SettingsUpdate in the OpenAPI
document, checked by ``json_body``), and the ``/api/v1/settings`` routes."""

from __future__ import annotations

import copy

from flask import Blueprint, current_app, jsonify

from hegai.detect import PII_TYPES

from .validation import invalid, json_body

bp = Blueprint("settings", __name__, url_prefix="/api/v1")

DEFAULTS = {
    "language": "zh_CN",
    "highlight_style": "mark",
    "sensitivity": "normal",
    "sites": {},
    "warn_types": list(PII_TYPES),
    "only_own": False,
    "retention_days": 90,   # how long the dashboard's history is kept (1..3650 days)
}
# What an update may hold (keys, values, site hostnames, 1..3650 days) is SettingsUpdate in the
# OpenAPI document; the sites stored after a merge are bounded here.
MAX_SITES = 5000


def current(repo) -> dict:
    return with_defaults(repo.load())


def with_defaults(stored: dict) -> dict:
    merged = copy.deepcopy(DEFAULTS)
    merged.update(stored)
    return merged


def language(repo) -> str:
    """Just the UI language (every scan batch asks for it: no copy of the defaults)."""
    return repo.load().get("language", DEFAULTS["language"])


def merge(settings: dict, update: dict) -> dict:
    merged = copy.deepcopy(settings)
    for key, value in update.items():
        if key != "sites":
            merged[key] = value
            continue
        sites = merged.setdefault("sites", {})
        for host, site in value.items():
            host = host.lower()
            if site is None:
                sites.pop(host, None)
            else:
                sites[host] = site
    if len(merged.get("sites", {})) > MAX_SITES:
        raise invalid(f"at most {MAX_SITES} sites")
    merged["warn_types"] = list(dict.fromkeys(merged["warn_types"]))
    return merged


def _repo():
    return current_app.extensions["hegai"].settings


@bp.get("/settings")
def get_settings():
    return jsonify(current(_repo()))


@bp.put("/settings")
def put_settings():
    update = json_body()       # SettingsUpdate in the OpenAPI document: known keys, their values, site hostnames
    result = {}

    def apply(stored: dict) -> dict:
        # Inside the write transaction: merged into what is stored now, not into an older read.
        result["merged"] = merge(with_defaults(stored), update)
        return {k: result["merged"][k] for k in update}

    _repo().update(apply)
    return jsonify(result["merged"])
