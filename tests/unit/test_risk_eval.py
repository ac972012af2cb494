"""Our labelled risk set: its make-up, and the accuracy targets on it."""

import json
from collections import Counter
from pathlib import Path

import pytest
from stdnum.cn import ric

from hegai.evaluation.risk import TARGETS, evaluate_risk
from hegai.risk import CATEGORIES, LEVELS

RISK_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "risk"


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for p in sorted(RISK_DIR.glob("*.jsonl")) for line in p.open(encoding="utf-8") if line.strip()]


def test_set_size_coverage_and_hard_negatives(records):
    assert len(records) >= 200
    for r in records:
        assert r["level"] in LEVELS and set(r["categories"]) <= set(CATEGORIES) and "spans" in r
    per_category = Counter(c for r in records for c in r["categories"])
    assert all(per_category[c] >= 15 for c in CATEGORIES), per_category
    assert sum(1 for r in records if not r["categories"] and r["level"] in ("none", "low")) >= 60


def test_id_numbers_in_the_set_have_valid_checksums(records):
    import regex

    ids = [m for r in records for m in regex.findall(r"(?<!\d)\d{17}[\dX](?!\d)", r["text"])]
    assert ids and all(ric.is_valid(n) for n in ids)


def test_targets_on_our_set(records):
    summary = evaluate_risk(records)
    assert summary["level_within_one"] >= TARGETS["level_within_one"], summary["level_within_one"]
    assert summary["category_macro_f1"] >= TARGETS["category_f1"], summary["category_macro_f1"]
    # Each category at 0.85, not 0.90: with the learned layer (issue 15) this set's older labels
    # and the blind-written training posts part on one convention — a post titled 开盒结果 with a
    # dossier reads as a seller's sample (TRADE) to the model, as EXPOSURE only here.
    for category, s in summary["categories"].items():
        assert s["f1"] >= 0.85, (category, s)
