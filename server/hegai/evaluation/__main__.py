"""``python -m hegai.evaluation [FILE.jsonl ...]``: accuracy tables (what ``scripts/evaluate`` runs).

With no file: our PII fixtures (tests/fixtures/pii), our risk set (tests/fixtures/risk) and the
shared public data (../shared/eval, skipped with a message when absent). A file whose records
carry a ``level`` label goes to the risk evaluator, every other SPEC-format file to PII scoring.
Values in error listings are masked unless ``--show-values``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .pii import evaluate_pii, format_pii, merge, TARGETS, check_targets
from . import risk   # ships in the package: imported directly, a broken import fails (issue 17)

ROOT = Path(__file__).resolve().parents[3]
MAX_JSON_ERRORS = 2000


def repo_root() -> Path:
    return ROOT if (ROOT / "tests" / "fixtures").is_dir() else Path.cwd()


def shared_eval_dir() -> Path | None:
    """HEGAI_SHARED_EVAL if set, else ../shared/eval next to the repo; None when absent."""
    candidate = Path(os.environ.get("HEGAI_SHARED_EVAL") or repo_root().parent / "shared" / "eval")
    return candidate if candidate.is_dir() else None


def load_jsonl(path: Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{lineno}: invalid JSON ({exc.msg})")
    return records


def file_kind(records: list[dict]) -> str:
    """'risk' (records labelled with a level), 'pii' (SPEC spans) or 'other' (not evaluable)."""
    if any("level" in r or isinstance(r.get("risk"), dict) for r in records):
        return "risk"
    if records and all(isinstance(r.get("text"), str) for r in records):
        return "pii"
    return "other"


# ---- runs ----------------------------------------------------------------------------------

def run_pii_group(title: str, paths: list[Path], args, report: dict) -> dict | None:
    summaries = []
    for path in paths:
        summary = evaluate_pii(load_jsonl(path), show_values=args.show_values)
        summaries.append(summary)
        report["files"][str(path)] = _trim(summary)
        g = summary["groups"]["all"]
        print(f"  {path.name:<28} {summary['records']:>5} records  all-types P {_f(g['precision'])} R {_f(g['recall'])}")
    if not summaries:
        return None
    merged = merge(summaries)
    print(f"\n== {title} ==")
    print(format_pii(merged, max_errors=args.errors, show_ignored=args.show_ignored))
    return merged


def run_pii_file(path: Path, records: list[dict], args, report: dict) -> dict:
    print(f"\n== {path} ==")
    summary = evaluate_pii(records, show_values=args.show_values)
    report["files"][str(path)] = _trim(summary)
    print(format_pii(summary, max_errors=args.errors, show_ignored=args.show_ignored))
    return summary


def run_risk(title: str, records: list[dict], args, report: dict) -> None:
    print(f"\n== {title} ==")
    summary = risk.evaluate_risk(records)
    report["risk"][title] = summary
    print(risk.format_risk(summary))


def _trim(summary: dict) -> dict:
    return {**summary, "errors": summary["errors"][:MAX_JSON_ERRORS]}


def _f(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def evaluate_defaults(args, report: dict) -> None:
    root = repo_root()
    pii_fixtures = sorted((root / "tests" / "fixtures" / "pii").glob("*.jsonl"))
    print(f"== our PII fixtures ({root / 'tests/fixtures/pii'}) ==")
    merged = run_pii_group("our PII fixtures, all files together", pii_fixtures, args, report)
    if merged:
        report["pii_fixtures"] = _trim(merged)
        report["targets"] += check_targets("fixtures", merged)
    risk_files = sorted((root / "tests" / "fixtures" / "risk").glob("*.jsonl"))
    if risk_files:
        run_risk("our risk fixtures", [r for p in risk_files for r in load_jsonl(p)], args, report)
    shared = shared_eval_dir()
    if shared is None:
        print("\n== shared evaluation data: skipped (no ../shared/eval; set HEGAI_SHARED_EVAL to point at it) ==")
        return
    for path in sorted(shared.glob("*.jsonl")):
        evaluate_file(path, args, report)


def evaluate_file(path: Path, args, report: dict) -> None:
    records = load_jsonl(path)
    kind = file_kind(records)
    if kind == "risk":
        if any(r.get("spans") for r in records):   # a posts set labels both: spans and risk
            summary = run_pii_file(path, records, args, report)
            report["targets"] += check_targets(path.name, summary)
        run_risk(str(path), records, args, report)
    elif kind == "pii":
        summary = run_pii_file(path, records, args, report)
        report["targets"] += check_targets(path.name, summary)
    else:
        print(f"\n== {path} ==\n  skipped: records have no 'text' (not SPEC JSONL; e.g. peer test vectors)")


def print_targets(targets: list[dict]) -> None:
    if not targets:
        return
    print("\n== targets ==")
    for t in targets:
        value = "n/a" if t["value"] is None else f"{t['value']:.3f}" if isinstance(t["value"], float) else str(t["value"])
        print(f"  {'PASS' if t['passed'] else 'FAIL'}  {t['name']:<52} {value} (want {t['op']} {t['target']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hegai.evaluation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="JSONL files (default: fixtures + ../shared/eval)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the summary as JSON")
    parser.add_argument("--show-values", action="store_true", help="print values in error listings unmasked")
    parser.add_argument("--show-ignored", action="store_true", help="show non-SPEC gold parts (ADDR_*) and their coverage")
    parser.add_argument("--errors", type=int, default=40, metavar="N", help="list at most N errors per table (default 40)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    report: dict = {"files": {}, "risk": {}, "targets": []}
    if args.files:
        for path in args.files:
            evaluate_file(path, args, report)
    else:
        evaluate_defaults(args, report)
    print_targets(report["targets"])
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nJSON summary written to {args.json}")
    return 1 if args.check and not all(t["passed"] for t in report["targets"]) else 0


if __name__ == "__main__":
    sys.exit(main())
