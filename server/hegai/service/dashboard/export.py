"""Export of the history as CSV (one dataset) or JSON (one or all datasets)."""

from __future__ import annotations

import csv
import io
import json

COLUMNS = {
    "exposures": ["first_seen", "last_seen", "times_seen", "host", "url", "kind", "masked", "entry_id"],
    "risk_pages": ["first_seen", "last_seen", "host", "url", "level", "categories"],
    "findings_by_type": ["type", "findings"],
    "findings_by_site": ["host", "findings", "pages"],
    "reports": ["created_at", "updated_at", "platform", "platform_name", "status", "category", "host", "url"],
}
DATASETS = tuple(COLUMNS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if isinstance(value, (list, tuple)):
        value = ";".join(map(str, value))
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell that starts like a formula (CSV injection): quote it.
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows_of(dataset: str, data: dict) -> list[dict]:
    if dataset == "findings_by_type":
        return [{"type": t, "findings": n} for t, n in data["findings_by_type"].items()]
    return data[dataset]


def to_csv(dataset: str, data: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[dataset])
    for row in rows_of(dataset, data):
        writer.writerow([_cell(row.get(col)) for col in COLUMNS[dataset]])
    # BOM: spreadsheet programs then read the Chinese text as UTF-8.
    return "\ufeff" + out.getvalue()


def to_json(datasets: tuple[str, ...], data: dict, meta: dict) -> str:
    body = {"exported_by": "hegai", **meta, **{d: data[d] for d in datasets}}
    return json.dumps(body, ensure_ascii=False, indent=1)
