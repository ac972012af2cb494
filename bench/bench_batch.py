"""Throughput of ``hegai batch`` with 1 and 2 workers, peak memory per worker, where a record's
time goes, and what a large platform's day would cost in executor-core hours at that rate.

Posts are generated (tests/helpers/synthetic_posts.py: chatter, own contacts, requests, offers,
dossiers; nothing from ../shared/eval). Runs alternate 1, 2, 1, 2 … so a burst of load from other
work on the machine hits both alike; the best run of each is kept, and the load average around
each run is recorded (on a shared machine the 2-worker speed-up is below what idle cores give),
and so is the CPU time of every process, from which a core's own rate is computed.
Writes bench/results/batch.json.

    .venv/bin/python bench/bench_batch.py [--posts 20000] [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "tests"))

from hegai.batch import Options, run  # noqa: E402
from helpers.synthetic_posts import records, write_jsonl  # noqa: E402

# "A large platform's day" (issue 20): 500 million posts, about 100 GB of UTF-8 text.
DAY_POSTS = 500_000_000
DAY_BYTES = 100 * 10**9


def _run(src: Path, workers: int, task: str) -> dict:
    load_before = os.getloadavg()[0]
    summary = run(src, src.with_name(f"out-{workers}.jsonl"),
                  Options(task=task, workers=workers, force=True, progress=False, checkpoint_every=10**9))
    startup = summary.worker_startup_cpu_seconds
    working = summary.worker_cpu_seconds - startup + summary.parent_cpu_seconds
    return {"workers": workers, "seconds": round(summary.seconds, 2),
            "records_per_s": round(summary.processed / summary.seconds, 1),
            "cpu_seconds": {"workers": summary.worker_cpu_seconds, "of_which_startup": startup,
                            "parent": summary.parent_cpu_seconds},
            # records per CPU-second once loaded, the parent's reading and writing counted: what a
            # core does when it is not shared (the start-up, once per worker, is reported apart)
            "records_per_cpu_s": round(summary.processed / working, 1),
            "peak_mb_per_worker": summary.worker_peak_mb,
            "load_1min_before": round(load_before, 2), "load_1min_after": round(os.getloadavg()[0], 2)}


def where_time_goes(posts: list[dict], cache: bool = True) -> dict:
    """One process, one record at a time, in CPU seconds (``time.process_time``: not stretched by
    other work on the machine): the share of each step, the names model apart from the
    rule-based recognizers. ``cache=False`` empties the names model's clause cache before every
    record: generated posts repeat their filler sentences, real posts mostly do not."""
    from hegai.batch.rows import finding_row, warm_up
    from hegai.detect import ner_model, scan
    from hegai.risk import assess_findings

    warm_up()
    ner_model.forget()
    model_cpu = [0.0]
    untimed = ner_model.LacTagger.tag

    def timed_tag(self, clauses):
        began = time.process_time()
        try:
            return untimed(self, clauses)
        finally:
            model_cpu[0] += time.process_time() - began

    ner_model.LacTagger.tag = timed_tag
    lines = [json.dumps(p, ensure_ascii=False) for p in posts]
    steps = dict.fromkeys(["json_in", "scan_rules", "scan_names_model", "assess", "json_out"], 0.0)
    try:
        for line in lines:
            if not cache:
                ner_model.forget()
            t0 = time.process_time()
            rec = json.loads(line)
            t1 = time.process_time()
            findings = scan(rec["text"])
            t2 = time.process_time()
            a = assess_findings(rec["text"], findings)
            t3 = time.process_time()
            json.dumps({"id": rec["id"], "findings": [finding_row(f) for f in findings], "level": a.level,
                        "score": a.score, "categories": list(a.categories), "reasons": list(a.reasons)},
                       ensure_ascii=False)
            t4 = time.process_time()
            steps["json_in"] += t1 - t0
            steps["scan_rules"] += t2 - t1
            steps["assess"] += t3 - t2
            steps["json_out"] += t4 - t3
    finally:
        ner_model.LacTagger.tag = untimed
    steps["scan_names_model"] = model_cpu[0]
    steps["scan_rules"] -= model_cpu[0]
    total = sum(steps.values())
    return {"records": len(lines), "cpu_seconds": round(total, 2), "records_per_cpu_s": round(len(lines) / total, 1),
            "share": {k: round(v / total, 3) for k, v in steps.items()}}


def at_scale(records_per_s: float, chars_per_s: float, avg_post_chars: float) -> dict:
    """Executor-core hours for a day, from one core's measured rate, counted two ways: by posts
    (our posts' length) and by characters (100 GB of UTF-8, mostly 3-byte CJK: ~33 G characters)."""
    by_posts = DAY_POSTS / records_per_s / 3600
    day_chars = DAY_BYTES / 3
    by_chars = day_chars / chars_per_s / 3600
    return {"posts": DAY_POSTS, "bytes": DAY_BYTES, "their_avg_post_chars": round(day_chars / DAY_POSTS, 1),
            "our_avg_post_chars": round(avg_post_chars, 1),
            "core_hours_by_posts": round(by_posts), "core_hours_by_chars": round(by_chars),
            "cores_for_24h": round(max(by_posts, by_chars) / 24)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--task", default="both", choices=("scan", "assess", "both"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "batch.json")
    args = parser.parse_args()

    posts = records(args.posts, seed=2026)
    chars = sum(len(p["text"]) for p in posts)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(Path(tmp) / "posts.jsonl", posts)
        for _ in range(args.repeats):
            for workers in (1, 2):
                runs.append(_run(src, workers, args.task))
                print(f"  {runs[-1]}", flush=True)
    best = {w: max((r for r in runs if r["workers"] == w), key=lambda r: r["records_per_s"]) for w in (1, 2)}
    per_cpu = {w: max(r["records_per_cpu_s"] for r in runs if r["workers"] == w) for w in (1, 2)}
    one = per_cpu[1]                 # a core's rate, from CPU time: not lowered by other work on the machine
    per_core_chars = one * chars / len(posts)
    cached, uncached = where_time_goes(posts[:3000]), where_time_goes(posts[:3000], cache=False)
    # real posts repeat less than generated ones: plan with the rate slowed as the cache's loss slows one process
    slower = min(1.0, uncached["records_per_cpu_s"] / cached["records_per_cpu_s"])
    result = {
        "task": args.task, "posts": len(posts), "chars": chars, "cpu_count": os.cpu_count(),
        "best": {str(w): r for w, r in best.items()},
        # measured, wall clock: on a shared machine this is what the load left us
        "speedup_2_workers_wall": round(best[2]["records_per_s"] / best[1]["records_per_s"], 2),
        # projected for two idle cores: twice the 2-worker run's rate per CPU-second (parent included)
        # over the 1-worker rate; what it leaves out is contention for memory bandwidth and caches
        "speedup_2_workers_cpu": round(2 * per_cpu[2] / per_cpu[1], 2),
        "per_core": {"records_per_cpu_s": one, "chars_per_cpu_s": round(per_core_chars),
                     "records_per_cpu_s_2_workers": per_cpu[2]},
        "runs": runs,
        "where_time_goes": cached,
        "where_time_goes_uncached": uncached,
        # planning figures: the 1-worker rate per CPU-second and the 2-worker one (cores that share a
        # machine's caches), both without the help of the clause cache
        "day_of_a_large_platform": at_scale(one * slower, per_core_chars * slower, chars / len(posts)),
        "day_of_a_large_platform_2_worker_rate": at_scale(per_cpu[2] * slower, per_cpu[2] * slower * chars / len(posts),
                                                          chars / len(posts)),
        "environment": {"python": platform.python_version(), "machine": platform.machine(),
                        "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
    }
    print(json.dumps({k: result[k] for k in ("best", "speedup_2_workers_wall", "speedup_2_workers_cpu", "per_core",
                                             "where_time_goes", "where_time_goes_uncached", "day_of_a_large_platform",
                                             "day_of_a_large_platform_2_worker_rate")},
                     ensure_ascii=False, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
