"""Query-string filters shared by every history endpoint: ?site=&type=&from=&to=."""

from __future__ import annotations

from datetime import date

import regex
from flask import request

from hegai.detect import PII_TYPES

from ..storage.history_queries import Filters
from ..validation import invalid
from ..vault_keys import kinds

_HOSTNAME = regex.compile(r"^[A-Za-z0-9._\-\[\]:]{1,253}$")


def _day(name: str) -> str | None:
    raw = request.args.get(name) or None
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise invalid(f"'{name}' must be a date YYYY-MM-DD") from None


def _types(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Comma-separated PII types and/or vault kinds → (PII types, vault kinds), each widened to
    the other: type=phone finds PHONE_MOBILE findings; type=PHONE_MOBILE finds phone exposures."""
    vault = kinds()
    types, chosen_kinds = set(), set()
    for name in filter(None, (x.strip() for x in raw.split(","))):
        if name in PII_TYPES:
            types.add(name)
            chosen_kinds |= {k for k, spec in vault.items() if name in spec["types"]}
        elif name in vault:
            chosen_kinds.add(name)
            types |= set(vault[name]["types"])
        else:
            raise invalid(f"unknown type '{name[:40]}'")
    return tuple(sorted(types)), tuple(sorted(chosen_kinds))


def from_request() -> Filters:
    site = (request.args.get("site") or "").strip().lower() or None
    if site and not _HOSTNAME.match(site):
        raise invalid("'site' must be a hostname")
    types, chosen_kinds = _types(request.args.get("type") or "")
    date_from, date_to = _day("from"), _day("to")
    if date_from and date_to and date_from > date_to:
        raise invalid("'from' is after 'to'")
    return Filters(site=site, types=types, kinds=chosen_kinds, date_from=date_from, date_to=date_to)


def echo(f: Filters) -> dict:
    return {"site": f.site, "types": list(f.types), "kinds": list(f.kinds), "from": f.date_from, "to": f.date_to}
