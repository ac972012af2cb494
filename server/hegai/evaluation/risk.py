"""Risk evaluation: level accuracy and per-category precision/recall on labelled posts.

Records: ``{"id", "text", "level", "categories": [...]}`` (tests/fixtures/risk/*.jsonl), or the
labels nested as ``"risk": {"level", "categories"}`` (the shared posts set).
Outputs hold ids, labels and predictions only, never the texts (they contain PII).
"""

from __future__ import annotations

from collections import Counter

from ..risk import CATEGORIES, LEVELS, assess

TARGETS = {"category_f1": 0.90, "level_within_one": 0.95}
SEVERE = ("high", "critical")


def labels(record: dict) -> tuple[str | None, list[str]]:
    """(level, categories) of a record, whether the labels stand at the top or under ``risk``."""
    nested = record.get("risk") if isinstance(record.get("risk"), dict) else {}
    level = record.get("level", nested.get("level"))
    return level, list(record.get("categories", nested.get("categories", [])) or [])


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate_risk(records: list[dict]) -> dict:
    counts = {c: Counter() for c in CATEGORIES}
    confusion: Counter = Counter()
    exact = within_one = severe = severe_caught = 0
    errors = []
    labelled = [(r, *labels(r)) for r in records if labels(r)[0] in LEVELS]
    for record, gold_level, gold_categories in labelled:
        result = assess(record["text"])
        gold, predicted = LEVELS.index(gold_level), LEVELS.index(result.level)
        exact += gold == predicted
        within_one += abs(gold - predicted) <= 1
        if gold_level in SEVERE:
            severe += 1
            severe_caught += result.level in SEVERE
        confusion[(gold_level, result.level)] += 1
        gold_cats, got_cats = set(gold_categories), set(result.categories)
        for category in CATEGORIES:
            counts[category]["tp"] += category in gold_cats and category in got_cats
            counts[category]["fp"] += category not in gold_cats and category in got_cats
            counts[category]["fn"] += category in gold_cats and category not in got_cats
        if gold != predicted or gold_cats != got_cats:
            errors.append({"id": record.get("id"), "gold_level": gold_level, "level": result.level,
                           "gold_categories": sorted(gold_cats), "categories": sorted(got_cats)})
    n = len(labelled) or 1
    per_category = {c: _prf(counts[c]["tp"], counts[c]["fp"], counts[c]["fn"]) for c in CATEGORIES}
    return {
        "records": len(labelled),
        "level_exact": round(exact / n, 4),
        "level_within_one": round(within_one / n, 4),
        "severe_rated_severe": round(severe_caught / severe, 4) if severe else None,
        "category_macro_f1": round(sum(v["f1"] for v in per_category.values()) / len(per_category), 4),
        "categories": per_category,
        "confusion": {f"{g}->{p}": k for (g, p), k in sorted(confusion.items())},
        "errors": errors,
        "targets": TARGETS,
        "meets_targets": (within_one / n >= TARGETS["level_within_one"]
                          and all(v["f1"] >= TARGETS["category_f1"] for v in per_category.values())),
    }


def format_risk(summary: dict) -> str:
    severe = summary["severe_rated_severe"]
    lines = [f"  records {summary['records']}   level exact {summary['level_exact']:.3f}   "
             f"level within one step {summary['level_within_one']:.3f}   "
             f"high/critical rated high+ {'-' if severe is None else f'{severe:.3f}'}   "
             f"category macro-F1 {summary['category_macro_f1']:.3f}",
             f"  {'category':<12} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for category, s in summary["categories"].items():
        lines.append(f"  {category:<12} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}  "
                     f"{s['tp']:>3} {s['fp']:>3} {s['fn']:>3}")
    off = {k: v for k, v in summary["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
    if off:
        lines.append("  level confusions (gold->predicted): " + ", ".join(f"{k} ×{v}" for k, v in off.items()))
    for error in summary["errors"][:40]:
        lines.append(f"    {error['id']}: {error['gold_level']}→{error['level']}  "
                     f"{'+'.join(error['gold_categories']) or '-'} → {'+'.join(error['categories']) or '-'}")
    lines.append(f"  targets (category F1 ≥ {TARGETS['category_f1']}, within-one ≥ {TARGETS['level_within_one']}): "
                 + ("met" if summary["meets_targets"] else "NOT met"))
    return "\n".join(lines)
