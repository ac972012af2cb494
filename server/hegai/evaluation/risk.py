"""Risk evaluation: level accuracy and per-category precision/recall on labelled posts.

Records: ``{"id", "text", "level", "categories": [...]}`` (tests/fixtures/risk/*.jsonl).
Outputs hold ids, labels and predictions only, never the texts (they contain PII).
"""

from __future__ import annotations

from collections import Counter

from ..risk import CATEGORIES, LEVELS, assess

TARGETS = {"category_f1": 0.90, "level_within_one": 0.95}


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate_risk(records: list[dict]) -> dict:
    counts = {c: Counter() for c in CATEGORIES}
    confusion: Counter = Counter()
    exact = within_one = 0
    errors = []
    labelled = [r for r in records if r.get("level") in LEVELS]
    for record in labelled:
        result = assess(record["text"])
        gold, predicted = LEVELS.index(record["level"]), LEVELS.index(result.level)
        exact += gold == predicted
        within_one += abs(gold - predicted) <= 1
        confusion[(record["level"], result.level)] += 1
        gold_cats, got_cats = set(record.get("categories", [])), set(result.categories)
        for category in CATEGORIES:
            counts[category]["tp"] += category in gold_cats and category in got_cats
            counts[category]["fp"] += category not in gold_cats and category in got_cats
            counts[category]["fn"] += category in gold_cats and category not in got_cats
        if gold != predicted or gold_cats != got_cats:
            errors.append({"id": record.get("id"), "gold_level": record["level"], "level": result.level,
                           "gold_categories": sorted(gold_cats), "categories": sorted(got_cats)})
    n = len(labelled) or 1
    per_category = {c: _prf(counts[c]["tp"], counts[c]["fp"], counts[c]["fn"]) for c in CATEGORIES}
    return {
        "records": len(labelled),
        "level_exact": round(exact / n, 4),
        "level_within_one": round(within_one / n, 4),
        "categories": per_category,
        "confusion": {f"{g}->{p}": k for (g, p), k in sorted(confusion.items())},
        "errors": errors,
        "targets": TARGETS,
        "meets_targets": (within_one / n >= TARGETS["level_within_one"]
                          and all(v["f1"] >= TARGETS["category_f1"] for v in per_category.values())),
    }


def format_risk(summary: dict) -> str:
    lines = [f"  records {summary['records']}   level exact {summary['level_exact']:.3f}   "
             f"level within one step {summary['level_within_one']:.3f}",
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
