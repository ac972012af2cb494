"""Train the learned name gate (``scripts/train-spans`` runs this).

    python training/spans/train.py [--check]

Deterministic: the same posts give the same weights. Steps:
1. every name and organisation the model proposes in the posts of ``data/`` and the rule gates'
   verdict on it (``hegai.detect.contextual.candidates`` — exactly what the service computes);
2. labels from the writers' spans: a proposal that overlaps a PERSON_NAME / WORKPLACE / SCHOOL span;
3. two logistic models (names: yes/no; organisations: none / workplace / school) trained on the
   proposals the rules turned down, the only ones the gate decides;
4. the thresholds chosen by 5-fold cross-validation grouped by post, as the lowest that keeps
   each type's precision (rules and gate together) at or above TARGET_PRECISION;
5. weights written to ``hegai/data/model/span_gate.json`` with the cross-validated figures.
``--check`` recomputes and exits 1 if the shipped file differs (a test runs it).
It never reads ``../shared/eval``: those sets measure the result. Provenance: PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "server"))

import hegai.detect.registry as registry_module  # noqa: E402
from hegai.detect import default_registry  # noqa: E402
from hegai.detect.contextual import candidates, refine  # noqa: E402
from hegai.detect.contextual.span_model import FEATURE_VERSION, ORG_CLASSES  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = ROOT / "server" / "hegai" / "data" / "model" / "span_gate.json"
TYPES = ("PERSON_NAME", "WORKPLACE", "SCHOOL")
MIN_COUNT = 2
C = 1.0
TARGET_PRECISION = 0.90        # each type, rules and gate together, cross-validated on the writers' posts
THRESHOLDS = [round(0.30 + 0.01 * k, 2) for k in range(66)]      # 0.30 … 0.95, fine enough that a
# change of a few proposals moves the threshold a little, not a whole 0.05 step (and recall with it)


SLOT_TYPES = {"NAME": "PERSON_NAME", "WORK": "WORKPLACE", "SCHOOL": "SCHOOL"}
TEMPLATE_SEED = 20261207


def template_posts() -> list[dict]:
    """The risk templates (training/risk/templates) rendered once each, their name, workplace and
    school slots as spans: the writers' own ways of placing a person's details in a post."""
    sys.path.insert(0, str(ROOT / "training" / "risk"))
    import generate

    rng = random.Random(TEMPLATE_SEED)
    posts = []
    for record in generate.load_templates(ROOT / "training" / "risk" / "templates"):
        text, slots = generate.render_with_spans(record["template"], rng)
        spans = [{"type": SLOT_TYPES[s["slot"]], "start": s["start"], "end": s["end"]}
                 for s in slots if s["slot"] in SLOT_TYPES]
        posts.append({"id": record["source"], "text": text, "spans": spans, "group": f"templates:{record['source']}"})
    return posts


def load_posts() -> list[dict]:
    posts = template_posts()
    for path in sorted((ROOT / "training" / "writers").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                record["group"] = f"{path.stem}:{record['id']}"
                posts.append(record)
    return posts


def proposals(posts: list[dict]) -> tuple[list[dict], dict]:
    """Every proposal with its post index and label; gold counts and rule hits per type."""
    registry = default_registry()
    rows, gold_total = [], {t: 0 for t in TYPES}
    rule_pred = {t: 0 for t in TYPES}
    rule_tp = {t: 0 for t in TYPES}
    seen: dict = {}

    def rules_only(text, raw):
        # the scan's own pipeline, with the rule gates alone; every proposal kept for training
        found, seen["proposals"] = candidates(text, raw)
        return found

    registry_module.refine = rules_only
    try:
        for k, post in enumerate(posts):
            text = post["text"]
            gold = [s for s in post["spans"] if s["type"] in TYPES]
            # the figures are the writers' posts': template renderings are easier (slot values
            # from short lists) and would flatter them
            measured = not post["group"].startswith("templates:")
            for s in gold:
                gold_total[s["type"]] += measured
            seen["proposals"] = []
            final = [f for f in registry.scan(text) if f.type in TYPES]
            for f in final:
                rule_pred[f.type] += measured
                rule_tp[f.type] += measured and any(_overlap(s, f.start, f.end) and s["type"] == f.type for s in gold)
            for c in seen["proposals"]:
                if c["rule"] is not None or not c["anchored"]:
                    continue          # the gate decides only what the rules turned down, near a person
                label = next((s["type"] for s in gold if _overlap(s, c["start"], c["end"])), None)
                taken = any(max(f.start, c["start"]) < min(f.end, c["end"]) for f in final)
                hit = label is not None and any(f.type == label and _overlap({"start": f.start, "end": f.end},
                                                                               c["start"], c["end"]) for f in final)
                rows.append({**c, "post": k, "label": label, "taken": taken, "gold_hit_by_rules": hit,
                             "measured": measured})
    finally:
        registry_module.refine = refine
    return rows, {"gold": gold_total, "rule_pred": rule_pred, "rule_tp": rule_tp}


def _overlap(span: dict, start: int, end: int) -> bool:
    return span["start"] < end and start < span["end"]


def vocabulary(rows: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for f in set(row["features"]):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    return {f: i for i, f in enumerate(names)}


def matrix(rows: list[dict], vocab: dict[str, int]):
    data, indices, indptr = [], [], [0]
    for row in rows:
        cols = sorted({vocab[f] for f in row["features"] if f in vocab})
        indices.extend(cols)
        data.extend([1.0] * len(cols))
        indptr.append(len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))


def fit(rows: list[dict], kind: str):
    vocab = vocabulary(rows)
    X = matrix(rows, vocab)
    if kind == "name":
        y = np.array([r["label"] == "PERSON_NAME" for r in rows], dtype=int)
    else:
        y = np.array([ORG_CLASSES.index(r["label"] if r["label"] in ("WORKPLACE", "SCHOOL") else "NONE")
                      for r in rows])
    model = LogisticRegression(C=C, max_iter=2000, solver="lbfgs", fit_intercept=False)
    model.fit(X, y)
    return model, vocab


def probabilities(model, vocab, rows, kind) -> np.ndarray:
    X = matrix(rows, vocab)
    p = model.predict_proba(X)
    if kind == "name":
        return p[:, list(model.classes_).index(1)]
    return p


def cross_validate(rows: list[dict], posts: int) -> list[dict]:
    """Out-of-fold probabilities on every row (models trained without the row's post)."""
    groups = np.array([r["post"] for r in rows])
    out = [dict(r) for r in rows]
    for kind in ("name", "org"):
        idx = [i for i, r in enumerate(rows) if r["kind"] == kind]
        for train, test in GroupKFold(n_splits=5).split(idx, groups=groups[idx]):
            model, vocab = fit([rows[idx[i]] for i in train], kind)
            probs = probabilities(model, vocab, [rows[idx[i]] for i in test], kind)
            for i, p in zip(test, probs):
                out[idx[i]]["p"] = p
    return out


def figures(scored: list[dict], counts: dict, t_name: float, t_org: float) -> dict:
    """Per type: precision and recall of rules + gate, the gate deciding with these thresholds."""
    pred, tp = dict(counts["rule_pred"]), dict(counts["rule_tp"])
    hit_gold = set()
    for r in scored:
        if r["taken"] or not r["measured"]:
            continue
        if r["kind"] == "name":
            if r["p"] < t_name:
                continue
            kind = "PERSON_NAME"
        else:
            probs = dict(zip(ORG_CLASSES, r["p"]))
            if 1.0 - probs["NONE"] < t_org:
                continue
            kind = max(("WORKPLACE", "SCHOOL"), key=probs.get)
        pred[kind] += 1
        if r["label"] == kind and not r["gold_hit_by_rules"] and (r["post"], r["start"]) not in hit_gold:
            tp[kind] += 1
            hit_gold.add((r["post"], r["start"]))
    return {t: {"precision": round(tp[t] / pred[t], 3) if pred[t] else 1.0,
                "recall": round(tp[t] / counts["gold"][t], 3) if counts["gold"][t] else 1.0} for t in TYPES}


def choose(scored, counts) -> tuple[float, float, dict]:
    best = None
    for t_name in THRESHOLDS:
        for t_org in THRESHOLDS:
            fig = figures(scored, counts, t_name, t_org)
            if any(fig[t]["precision"] < TARGET_PRECISION for t in TYPES):
                continue
            recall = sum(fig[t]["recall"] for t in TYPES)
            if best is None or recall > best[0] + 1e-9:
                best = (recall, t_name, t_org, fig)
    if best is None:
        return 2.0, 2.0, figures(scored, counts, 2.0, 2.0)
    return best[1], best[2], best[3]


def weights(model, vocab, kind) -> dict:
    coef = model.coef_
    out = {}
    for f, i in vocab.items():
        if kind == "name":
            w = float(coef[0, i])
            if abs(w) > 1e-4:
                out[f] = round(w, 5)
        else:
            classes = list(model.classes_)
            row = [float(coef[classes.index(k), i]) if k in classes else 0.0 for k in range(len(ORG_CLASSES))]
            if max(abs(x) for x in row) > 1e-4:
                out[f] = [round(x, 5) for x in row]
    return out


def build() -> dict:
    posts = load_posts()
    rows, counts = proposals(posts)
    scored = cross_validate(rows, len(posts))
    t_name, t_org, fig = choose(scored, counts)
    rules_only = figures(scored, counts, 2.0, 2.0)
    gate = {"feature_version": FEATURE_VERSION, "thresholds": {"name": t_name, "org": t_org}}
    for kind in ("name", "org"):
        model, vocab = fit([r for r in rows if r["kind"] == kind], kind)
        gate[kind] = {"w": weights(model, vocab, kind)}
    gate["provenance"] = {"posts": len(posts), "proposals": len(rows),
                          "files": sorted(p.name for p in (ROOT / "training" / "writers").glob("*.jsonl")),
                          "cross_validated": {"rules_only": rules_only, "rules_and_gate": fig},
                          "target_precision": TARGET_PRECISION}
    return gate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped weights differ")
    args = parser.parse_args(argv)
    gate = build()
    text = json.dumps(gate, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("span_gate.json is up to date" if same else "span_gate.json differs: run scripts/train-spans")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    prov = gate["provenance"]
    print(f"{prov['posts']} posts, {prov['proposals']} turned-down proposals; thresholds {gate['thresholds']}")
    for label, fig in prov["cross_validated"].items():
        print(label, json.dumps(fig, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
