"""One record in, one output row out: the same rows for ``hegai batch``, the Spark UDFs and (by
test) ``hegai scan/assess --jsonl``. No I/O and no heavy imports here, so a Spark executor or a
worker process pays only for what it runs."""

from __future__ import annotations

import json

TASKS = ("scan", "assess", "both")
# The service refuses more than this in one text (service/api.py MAX_ASSESS_CHARS); a batch row
# past it gets an error instead of holding a worker for minutes.
MAX_CHARS = 1_000_000
# Warm-up text: a name with a cue word and a phone, so the first record does not pay for loading
# the names model, the automata and the risk tables (hegai.detect.ner_model loads them lazily).
WARM_TEXT = "我叫张伟，在北京大学读书，电话13812345678，有人要开盒他。"


def finding_row(finding) -> dict:
    """A finding as ``hegai scan --jsonl`` prints it."""
    return {"type": finding.type, "start": finding.start, "end": finding.end, "text": finding.text,
            "score": round(finding.score, 3)}


def empty_row(task: str, rid, error: str) -> dict:
    """The error row ``hegai scan/assess --jsonl`` prints for a bad line (nothing scanned)."""
    row: dict = {"id": rid}
    if task in ("scan", "both"):
        row["findings"] = []
    if task in ("assess", "both"):
        row.update(level=None, score=None, categories=[], reasons=[])
    row["error"] = error
    return row


def analyse(task: str, rid, text: str) -> dict:
    """The row for one good text: one scan, reused by the assessment (``assess(text)`` is
    ``assess_findings(text, scan(text))``)."""
    from ..detect import scan

    findings = scan(text)
    row: dict = {"id": rid}
    if task in ("scan", "both"):
        row["findings"] = [finding_row(f) for f in findings]
    if task in ("assess", "both"):
        from ..risk import assess_findings

        a = assess_findings(text, findings)
        row.update(level=a.level, score=round(a.score, 3), categories=list(a.categories), reasons=list(a.reasons))
    return row


def checked(task: str, rid, text, where: str, max_chars: int, text_key: str = "text") -> dict:
    """The row for a record whose text may be missing, not a string or too long; a failure of
    the detector on one text is that record's error, never the end of the run."""
    if not isinstance(text, str):
        return empty_row(task, rid, f"{where}: needs a string '{text_key}'")
    if len(text) > max_chars:
        return empty_row(task, rid, f"{where}: text longer than {max_chars} characters")
    try:
        return analyse(task, rid, text)
    except Exception as exc:   # a detector bug on one odd text must not lose the other records
        return empty_row(task, rid, f"{where}: analysis failed ({exc.__class__.__name__})")


def json_line_row(task: str, number: int, line: bytes | str | Exception, encoding: str | None, id_key: str,
                  text_key: str, max_chars: int) -> dict:
    """The row for one JSONL line, with the error messages of ``hegai scan --jsonl``."""
    where = f"line {number}"
    if isinstance(line, Exception):
        return empty_row(task, None, f"{where}: {line}")
    if isinstance(line, bytes):
        from ..encoding import NotText, decode_line

        try:
            line = decode_line(line, encoding)
        except NotText as exc:
            return empty_row(task, None, f"{where}: {exc}")
    if not line.strip():
        return empty_row(task, None, f"{where}: empty line")
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return empty_row(task, None, f"{where}: invalid JSON ({exc.msg})")
    if not isinstance(rec, dict):
        return empty_row(task, None, f"{where}: needs a string '{text_key}'")
    return checked(task, rec.get(id_key), rec.get(text_key), where, max_chars, text_key)


def warm_up() -> None:
    """Load the names model, the automata and the risk tables now (once per worker process)."""
    analyse("both", None, WARM_TEXT)
