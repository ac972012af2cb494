"""The platform registry: where and how to report a 开盒 post (data in ``data/platforms.json``).

``HEGAI_PLATFORMS_OVERRIDE`` names a JSON file ``{id: {field: value}}`` merged over the shipped
entries (tests point ``report_url`` and ``hosts`` at local fixture pages; a user can correct an
entry the platform has moved). Unknown ids in the override add new entries.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

OVERRIDE_ENV = "HEGAI_PLATFORMS_OVERRIDE"
DEFAULT_NATIONAL = "cac12377"
REQUIRED = ("id", "name", "kind", "hosts", "report_steps", "category", "verified", "verified_note")
KINDS = ("platform", "national")


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    name_en: str
    kind: str
    hosts: tuple[str, ...]
    report_url: str | None
    report_steps: tuple[str, ...]
    category: tuple[str, ...]
    description_limit: int | None
    description_limit_verified: bool
    protection: dict | None
    verified: bool
    verified_note: str
    extra: dict = field(default_factory=dict)

    def matches_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "name_en": self.name_en, "kind": self.kind,
                "hosts": list(self.hosts), "report_url": self.report_url, "report_steps": list(self.report_steps),
                "category": list(self.category), "description_limit": self.description_limit,
                "description_limit_verified": self.description_limit_verified, "protection": self.protection,
                "verified": self.verified, "verified_note": self.verified_note}


class RegistryError(ValueError):
    pass


def _platform(raw: dict) -> Platform:
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise RegistryError(f"platform {raw.get('id')!r}: missing {', '.join(missing)}")
    if raw["kind"] not in KINDS or not isinstance(raw["verified"], bool):
        raise RegistryError(f"platform {raw['id']!r}: bad kind or verified flag")
    limit = raw.get("description_limit")
    if limit is not None and (not isinstance(limit, int) or limit < 60):
        raise RegistryError(f"platform {raw['id']!r}: description_limit must be an integer >= 60 or null")
    known = {f for f in Platform.__dataclass_fields__ if f != "extra"}
    return Platform(
        id=raw["id"], name=raw["name"], name_en=raw.get("name_en", raw["name"]), kind=raw["kind"],
        hosts=tuple(h.lower() for h in raw["hosts"]), report_url=raw.get("report_url"),
        report_steps=tuple(raw["report_steps"]), category=tuple(raw["category"]),
        description_limit=limit, description_limit_verified=bool(raw.get("description_limit_verified", False)),
        protection=raw.get("protection"), verified=raw["verified"], verified_note=raw["verified_note"],
        extra={k: v for k, v in raw.items() if k not in known})


def _shipped() -> list[dict]:
    text = resources.files("hegai.reports").joinpath("data").joinpath("platforms.json").read_text("utf-8")
    return json.loads(text)["platforms"]


def _merged(entries: list[dict], override: dict) -> list[dict]:
    by_id = {e["id"]: dict(e) for e in entries}
    for pid, fields in override.items():
        if pid.startswith("_"):
            continue
        if not isinstance(fields, dict):
            raise RegistryError(f"override for {pid!r} must be an object")
        by_id[pid] = {**by_id.get(pid, {"id": pid}), **fields, "id": pid}
    return list(by_id.values())


@lru_cache(maxsize=4)
def _load(override_path: str | None) -> tuple[Platform, ...]:
    entries = _shipped()
    if override_path:
        entries = _merged(entries, json.loads(Path(override_path).read_text("utf-8")))
    return tuple(_platform(e) for e in entries)


def all_platforms() -> tuple[Platform, ...]:
    return _load(os.environ.get(OVERRIDE_ENV) or None)


def get(platform_id: str) -> Platform | None:
    return next((p for p in all_platforms() if p.id == platform_id), None)


def for_url(url: str) -> Platform | None:
    """The platform whose hosts cover the URL's hostname (national channels never match a page)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return next((p for p in all_platforms() if p.kind == "platform" and p.matches_host(host)), None)


def resolve(url: str, platform_id: str | None = None) -> Platform:
    """The entry to report to: the one asked for, else the page's platform, else 12377."""
    if platform_id:
        found = get(platform_id)
        if found is None:
            raise KeyError(platform_id)
        return found
    return for_url(url) or get(DEFAULT_NATIONAL)


def national() -> list[Platform]:
    return [p for p in all_platforms() if p.kind == "national"]
