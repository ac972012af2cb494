"""User settings: defaults, validation of partial updates, merge, and the ``/api/v1/settings`` routes."""

from __future__ import annotations

import copy

import regex
from flask import Blueprint, current_app, jsonify

from hegai.detect import PII_TYPES

from .validation import invalid, json_body

bp = Blueprint("settings", __name__, url_prefix="/api/v1")

STYLES = ("mark", "blur")
DEFAULTS = {
    "language": "zh_CN",
    "highlight_style": "mark",
    "sensitivity": "normal",
    "sites": {},
    "warn_types": list(PII_TYPES),
    "only_own": False,
    "retention_days": 90,   # how long the dashboard's history is kept (1..3650 days)
}
RETENTION_DAYS = (1, 3650)
_CHOICES = {"language": ("zh_CN", "en"), "highlight_style": STYLES, "sensitivity": ("low", "normal", "high")}
_HOSTNAME = regex.compile(r"^[A-Za-z0-9._\-\[\]:]{1,253}$")
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


def _check_choice(key: str, value) -> None:
    if value not in _CHOICES[key]:
        raise invalid(f"'{key}' must be one of {', '.join(_CHOICES[key])}")


def _check_site(host, site) -> None:
    if not isinstance(host, str) or not _HOSTNAME.match(host):
        raise invalid("'sites' keys must be hostnames")
    if site is None:
        return   # null removes the site's own setting
    if not isinstance(site, dict) or set(site) - {"enabled", "style"}:
        raise invalid("a site's setting is {enabled: bool, style?: 'mark'|'blur'}")
    if not isinstance(site.get("enabled"), bool):
        raise invalid("a site's 'enabled' must be a boolean")
    if "style" in site and site["style"] not in STYLES:
        raise invalid("a site's 'style' must be 'mark' or 'blur'")


def validate(update: dict) -> dict:
    """Check a partial settings object; returns it unchanged or raises a 400."""
    unknown = set(update) - set(DEFAULTS)
    if unknown:
        raise invalid(f"unknown setting(s): {', '.join(sorted(map(str, unknown)))}")
    for key, value in update.items():
        if key in _CHOICES:
            _check_choice(key, value)
        elif key == "only_own" and not isinstance(value, bool):
            raise invalid("'only_own' must be a boolean")
        elif key == "retention_days":
            if isinstance(value, bool) or not isinstance(value, int) or not RETENTION_DAYS[0] <= value <= RETENTION_DAYS[1]:
                raise invalid(f"'retention_days' must be an integer from {RETENTION_DAYS[0]} to {RETENTION_DAYS[1]}")
        elif key == "warn_types":
            if not isinstance(value, list) or any(t not in PII_TYPES for t in value):
                raise invalid("'warn_types' must be an array of PII type names")
        elif key == "sites":
            if not isinstance(value, dict) or len(value) > MAX_SITES:
                raise invalid("'sites' must be an object {hostname: {enabled, style?}}")
            for host, site in value.items():
                _check_site(host, site)
    return update


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
    update = validate(json_body())
    result = {}

    def apply(stored: dict) -> dict:
        # Inside the write transaction: merged into what is stored now, not into an older read.
        result["merged"] = merge(with_defaults(stored), update)
        return {k: result["merged"][k] for k in update}

    _repo().update(apply)
    return jsonify(result["merged"])
