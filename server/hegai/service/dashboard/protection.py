"""How to turn on a platform's own protection (微博 "一键防护" and its equivalents), read from the
reporting work's platform registry (``hegai/reports/data/platforms.json``). The registry is
optional: without it, or without an entry for the site, the answer is ``None``.
"""

from __future__ import annotations

import json
import logging
from importlib import resources

log = logging.getLogger("hegai.service")

PROTECTION_FIELDS = ("protection", "one_click_protection", "self_protection")


def _registry() -> list[dict]:
    try:
        raw = resources.files("hegai.reports").joinpath("data").joinpath("platforms.json").read_text("utf-8")
        data = json.loads(raw)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return []
    entries = data.get("platforms", data) if isinstance(data, dict) else data
    if isinstance(entries, dict):
        entries = [dict(v, id=k) for k, v in entries.items() if isinstance(v, dict)]
    return [e for e in entries if isinstance(e, dict)]


def _hosts(entry: dict) -> list[str]:
    hosts = entry.get("hosts") or entry.get("domains") or []
    return [h.lower().lstrip(".") for h in hosts if isinstance(h, str)]


def for_host(host: str) -> dict | None:
    """{platform, name, protection, verified} for the platform serving ``host``, or None."""
    host = (host or "").lower()
    for entry in _registry():
        if any(host == h or host.endswith("." + h) for h in _hosts(entry)):
            protection = next((entry[f] for f in PROTECTION_FIELDS if entry.get(f)), None)
            return {"platform": entry.get("id"), "name": entry.get("name"), "protection": protection,
                    "verified": entry.get("verified")}
    return None
