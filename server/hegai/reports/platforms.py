"""The platform registry: where and how to report a 开盒 post (data in ``data/platforms.json``).

Every fact in the registry says where it comes from: ``{value, confidence, sources, note?}``,
and every report step ``{text, confidence, sources, note?}``. ``confidence`` is ``confirmed``,
``likely`` or ``unverified``; only ``confirmed`` is shown to users as a plain instruction, the
rest carry "未核实，请以平台页面为准". A confirmed or likely fact must name a source URL.

``HEGAI_PLATFORMS_OVERRIDE`` names a JSON file ``{id: {field: value}}`` merged over the shipped
entries (tests point ``report_url`` and ``hosts`` at local fixture pages; a user can correct an
entry the platform has moved). A bare value there is a fact with no source: ``unverified``.
Unknown ids in the override add new entries.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

OVERRIDE_ENV = "HEGAI_PLATFORMS_OVERRIDE"
DEFAULT_NATIONAL = "cac12377"
REQUIRED = ("id", "name", "kind", "hosts", "report_steps", "verified", "verified_note")
KINDS = ("platform", "national")
CONFIDENCE = ("confirmed", "likely", "unverified")
FACT_FIELDS = ("report_url", "post_report_url", "category", "description_limit", "protection", "kaihe_entry")
POST_ID_SLOT = "{post_id}"
OVERRIDE_NOTE = "本机覆盖文件（HEGAI_PLATFORMS_OVERRIDE）给出的值，没有出处。"


class RegistryError(ValueError):
    pass


@dataclass(frozen=True)
class Fact:
    """A value from the registry with where it comes from (a step's value is its text)."""
    value: Any
    confidence: str
    sources: tuple[str, ...] = ()
    note: str = ""

    @property
    def confirmed(self) -> bool:
        return self.confidence == "confirmed"

    def provenance(self) -> dict:
        return {"confidence": self.confidence, "sources": list(self.sources), "note": self.note}


UNKNOWN = Fact(None, "unverified", (), "没有出处。")


class Step(Fact):
    """One report step: its text, and the same provenance as any fact."""

    @property
    def text(self) -> str:
        return self.value

    def to_dict(self) -> dict:
        return {"text": self.text, **self.provenance()}


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    name_en: str
    kind: str
    hosts: tuple[str, ...]
    steps: tuple[Step, ...]
    facts: dict
    verified: bool
    verified_note: str
    post_id_pattern: str | None = None
    extra: dict = field(default_factory=dict)

    def fact(self, name: str) -> Fact:
        return self.facts.get(name, UNKNOWN)

    @property
    def report_url(self) -> str | None:
        return self.fact("report_url").value

    @property
    def report_steps(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.steps)

    @property
    def category(self) -> tuple[str, ...]:
        return tuple(self.fact("category").value or ())

    @property
    def description_limit(self) -> int | None:
        return self.fact("description_limit").value

    @property
    def description_limit_verified(self) -> bool:
        return self.description_limit is not None and self.fact("description_limit").confirmed

    @property
    def protection(self) -> dict | None:
        """The platform's own protection switch with where that comes from, or None."""
        fact = self.fact("protection")
        return {**fact.value, **fact.provenance()} if fact.value else None

    def matches_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def entry(self, post_id: str | None = None, url: str | None = None) -> dict | None:
        """The address to open for this report: the post's own form when the platform has one and
        the post id is known (from the page, else from the URL), else the general entry, else None."""
        form = self.fact("post_report_url")
        pid = self._post_id(post_id, url) if form.value else None
        if pid:
            return {"url": form.value.replace(POST_ID_SLOT, quote(pid, safe="")), "per_post": True,
                    **form.provenance()}
        if self.report_url:
            return {"url": self.report_url, "per_post": False, **self.fact("report_url").provenance()}
        return None

    def _post_id(self, post_id: str | None, url: str | None) -> str | None:
        pattern = re.compile(self.post_id_pattern or r"^[A-Za-z0-9_\-]{1,64}$")
        candidates = [post_id, POST_ID_FROM_URL.get(self.id, lambda _u: None)(url or "")]
        return next((c for c in candidates if c and pattern.fullmatch(c)), None)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "name_en": self.name_en, "kind": self.kind,
                "hosts": list(self.hosts), "report_url": self.report_url,
                "post_report_url": self.fact("post_report_url").value,
                "report_steps": [s.to_dict() for s in self.steps], "category": list(self.category),
                "description_limit": self.description_limit,
                "description_limit_verified": self.description_limit_verified,
                "protection": self.protection,
                "facts": {name: self.fact(name).provenance() for name in FACT_FIELDS},
                "verified": self.verified, "verified_note": self.verified_note}


# -- Weibo post ids ----------------------------------------------------------------------------
# Weibo's complaint form takes the post's numeric mid; a post URL carries either the mid or its
# base62 form (weibo.com/<uid>/<bid>): the bid's 4-character groups, read from the end, are the
# mid's 7-digit groups.
_BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WEIBO_PATH = re.compile(r"^/(?:detail|status|\d+)/([0-9]{10,20}|[0-9A-Za-z]{9})/?$")


def weibo_mid(bid: str) -> str:
    """The numeric mid of a Weibo post from its base62 id (``z0JH2lOMb`` → ``3501756485200075``)."""
    groups = []
    for end in range(len(bid), 0, -4):
        number = 0
        for char in bid[max(0, end - 4):end]:
            number = number * 62 + _BASE62.index(char)
        groups.append(str(number) if end <= 4 else f"{number:07d}")
    return "".join(reversed(groups)).lstrip("0") or "0"


def weibo_mid_from_url(url: str) -> str | None:
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    found = _WEIBO_PATH.match(path)
    if not found:
        return None
    key = found.group(1)
    return key if key.isdigit() else weibo_mid(key)


POST_ID_FROM_URL = {"weibo": weibo_mid_from_url}


# -- loading -----------------------------------------------------------------------------------
def _sources(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(s, str) and re.match(r"^https?://", s) for s in raw):
        raise RegistryError(f"{where}: sources must be a list of http(s) URLs")
    return tuple(raw)


def _checked(confidence: Any, sources: tuple[str, ...], where: str) -> str:
    if confidence not in CONFIDENCE:
        raise RegistryError(f"{where}: confidence must be one of {', '.join(CONFIDENCE)}")
    if confidence != "unverified" and not sources:
        raise RegistryError(f"{where}: a {confidence} fact needs a source URL")
    return confidence


def _fact(raw: Any, where: str) -> Fact:
    if not (isinstance(raw, dict) and "confidence" in raw):
        return Fact(raw, "unverified", (), OVERRIDE_NOTE)        # a bare value has no source
    sources = _sources(raw.get("sources", []), where)
    return Fact(raw.get("value"), _checked(raw["confidence"], sources, where), sources, raw.get("note", ""))


def _step(raw: Any, where: str) -> Step:
    if isinstance(raw, str):
        return Step(raw, "unverified", (), OVERRIDE_NOTE)
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise RegistryError(f"{where}: a step is a string or {{text, confidence, sources}}")
    sources = _sources(raw.get("sources", []), where)
    return Step(raw["text"], _checked(raw.get("confidence"), sources, where), sources, raw.get("note", ""))


def _check_values(pid: str, facts: dict) -> None:
    limit = facts["description_limit"].value
    if limit is not None and (not isinstance(limit, int) or limit < 60):
        raise RegistryError(f"platform {pid!r}: description_limit must be an integer >= 60 or null")
    form = facts["post_report_url"].value
    if form is not None and POST_ID_SLOT not in form:
        raise RegistryError(f"platform {pid!r}: post_report_url needs a {POST_ID_SLOT} slot")
    protection = facts["protection"].value
    if protection is not None and not (isinstance(protection, dict) and protection.get("name")):
        raise RegistryError(f"platform {pid!r}: protection needs a name")


def _platform(raw: dict) -> Platform:
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise RegistryError(f"platform {raw.get('id')!r}: missing {', '.join(missing)}")
    pid = raw["id"]
    if raw["kind"] not in KINDS or not isinstance(raw["verified"], bool):
        raise RegistryError(f"platform {pid!r}: bad kind or verified flag")
    facts = {name: _fact(raw[name], f"{pid}.{name}") if name in raw else UNKNOWN for name in FACT_FIELDS}
    _check_values(pid, facts)
    steps = tuple(_step(s, f"{pid}.report_steps[{i}]") for i, s in enumerate(raw["report_steps"]))
    known = {*REQUIRED, *FACT_FIELDS, "name_en", "post_id_pattern"}
    return Platform(
        id=pid, name=raw["name"], name_en=raw.get("name_en", raw["name"]), kind=raw["kind"],
        hosts=tuple(h.lower() for h in raw["hosts"]), steps=steps, facts=facts, verified=raw["verified"],
        verified_note=raw["verified_note"], post_id_pattern=raw.get("post_id_pattern"),
        extra={k: v for k, v in raw.items() if k not in known})


def shipped_raw() -> list[dict]:
    """The registry file's entries as written (tests check that every fact names its source)."""
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
    entries = shipped_raw()
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
    return for_host(host)


def for_host(host: str) -> Platform | None:
    """The platform serving ``host`` (a subdomain of one of its hosts counts), or None."""
    return next((p for p in all_platforms() if p.kind == "platform" and p.matches_host(host or "")), None)


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
