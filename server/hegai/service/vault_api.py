"""``/api/v1/vault``: the user's own entries. Answers carry the masked form only, never the value."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify

from .errors import ApiError
from .validation import invalid, json_body, text_field
from .vault_guard import entry_mask
from .vault_keys import kinds, match_key

bp = Blueprint("vault", __name__, url_prefix="/api/v1")
log = logging.getLogger("hegai.service")

MIN_KEY = {"name": 2, "address": 4, "email": 3, "wechat": 3}
DEFAULT_MIN_KEY = 5     # phone, ID, bank card, QQ, plate


def _repo():
    return current_app.extensions["hegai"].vault


@bp.get("/vault")
def list_entries():
    return jsonify({"entries": [e.public() for e in _repo().list()]})


@bp.post("/vault")
def add_entry():
    body = json_body()       # VaultAdd: kind (VaultKind), value, label of at most 100 characters
    kind = body["kind"]
    # Each kind's own length limit is in vault_kinds.json, with the kind's other rules.
    value = text_field(body, "value", max_len=kinds()[kind]["max_len"], allow_surrogates=False).strip()
    label = text_field(body, "label", required=False, allow_surrogates=False, default="")
    key = match_key(kind, value)
    if len(key) < MIN_KEY.get(kind, DEFAULT_MIN_KEY):
        raise invalid(f"'value' is too short to be a {kind}")
    repo = _repo()
    existing = next((e for e in repo.list() if e.kind == kind and e.match_key == key), None)
    if existing:
        return jsonify({"entry": existing.public()}), 200
    entry = repo.add(kind, value, key, entry_mask(kind, value, key), label)
    log.info("vault: added one %s entry", kind)
    return jsonify({"entry": entry.public()}), 201


@bp.delete("/vault/<rowid:entry_id>")
def delete_entry(entry_id: int):
    if not _repo().delete(entry_id):
        raise ApiError(404, "not_found", "no such vault entry")
    log.info("vault: deleted one entry")
    return jsonify({"deleted": entry_id})
