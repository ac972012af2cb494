"""Throughput and memory of ``hegai.detect.scan`` on a ~1 MB mixed Chinese corpus, side by side
with JioNLP's extractors (when ``jionlp`` is installed: the optional ``bench`` extra).

The corpus is generated deterministically from templates below (posts in the styles of Weibo,
Tieba, Douban, Zhihu, Bilibili and Xiaohongshu, some with personal info, many with hard-negative
numbers), plus the texts of ../shared/eval when present. Prints a table and writes
bench/results/scan.json. Target: whole-text throughput ≥ 3× JioNLP's combined extractors.

Then the four corpora of issue 18, each timed for Hegai and JioNLP in turn (best of the
repeats) in this one process:
- ``pii_dense``: the labelled posts (tests/fixtures, ../shared/eval posts and negatives) joined,
  repeated to ~1 MB; target ≥ 1× JioNLP;
- ``addresses_page``: ../shared/eval/addresses.dev joined by newlines; target ≥ 0.5×;
- ``filler``: the generated corpus above; target ≥ 3×;
- ``short_texts``: the texts of 100–300 characters of those sets, one call each; target ≥ 1×.
These are timed in CPU time of the process (``CLOCK``), so a busy machine does not skew them.

    .venv/bin/python bench/bench_scan.py [--size-kb 1024] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# HEGAI_BENCH_SERVER: another tree's server/ (the code before a change, for before/after numbers).
sys.path.insert(0, os.environ.get("HEGAI_BENCH_SERVER", str(ROOT / "server")))

from hegai.detect import scan  # noqa: E402

SHARED_EVAL = Path(os.environ.get("HEGAI_SHARED_EVAL", ROOT.parent / "shared" / "eval"))

OPENERS = [
    "#今日话题# ", "【求助】", "楼主说一下，", "豆友们好，", "谢邀，", "up主你好，", "姐妹们！", "转发微博 //@小王: ",
    "刚看到一个帖子，", "有没有人知道，", "分享一下今天的经历：", "回复 @路人甲：",
]
FILLERS = [
    "今天天气不错，下午去了趟超市，买了三斤苹果，一共花了23.5元。",
    "这部电影我看了两遍，剧情一般但是配乐很好，推荐给大家。",
    "股票代码600519今天涨了3.2%，成交额128.6亿元，北向资金净流入15亿。",
    "快递单号SF1234567890123，显示已经到了分拣中心，估计明天能到。",
    "订单号：202311110012345678901，商品已发货，请注意查收。",
    "G1868次列车晚点了40分钟，CA1234航班也延误了。",
    "这本书的ISBN是978-7-5327-4245-6，豆瓣评分8.7分。",
    "时间：2023-10-01 14:30:00，地点：人民广场，参加人数约1200人。",
    "新款手机型号SM-G9980，售价4999元，128GB版本。",
    "第3章第12节讲的是二叉树，时间复杂度O(n log n)。",
    "北京和上海的房价都很高，朝阳区和浦东新区尤其贵。",
    "大家三五成群地去吃火锅，一个人也可以点一份单人套餐。",
    "视频播放量12.3万，弹幕3456条，投币2.1万，收藏8888。",
    "我家猫今天又把杯子推到地上了，气死我了哈哈哈😂😂😂",
    "求推荐适合新手的相机，预算5000以内，主要拍风景。",
]
PII_SNIPPETS = [
    "有事联系我，电话 {mobile}。", "我的手机号是{mobile_spaced}，白天打。", "他的身份证号{id}被人挂出来了。",
    "加我QQ：{qq}，备注来意。", "vx: {wechat} 私聊", "邮箱 {email} 欢迎投稿。", "发到 {email_obf} 就行。",
    "车牌{plate}的车一直停在我家门口。", "座机：{landline}，工作日可打。", "卡号 {card} 转账请备注。",
    "客服热线400-820-8820，24小时。", "出生日期：{birth}。", "他住的小区定位坐标 {geo}。",
]


def _luhn_complete(body: str) -> str:
    from stdnum import luhn
    return body + luhn.calc_check_digit(body)


def _id_number(rng: random.Random) -> str:
    from stdnum.cn import ric
    body = rng.choice(["110101", "310104", "440106", "510107", "330106"]) + \
        f"{rng.randint(1960, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + ric.calc_check_digit(body + "0")


def _fill(template: str, rng: random.Random) -> str:
    mobile = rng.choice(["138", "139", "186", "157", "199"]) + f"{rng.randint(0, 99999999):08d}"
    values = {
        "mobile": mobile, "mobile_spaced": f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}",
        "id": _id_number(rng), "qq": str(rng.randint(10000, 9999999999)),
        "wechat": "wx_" + "".join(rng.choice("abcdefghjk0123456789") for _ in range(8)),
        "email": f"user{rng.randint(1, 9999)}@163.com", "email_obf": f"me{rng.randint(1, 999)} at qq dot com",
        "plate": rng.choice("京沪粤川浙") + rng.choice("ABCDE") + f"{rng.randint(10000, 99999)}",
        "landline": f"010-{rng.randint(20000000, 89999999)}", "birth": f"{rng.randint(1970, 2004)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        "card": _luhn_complete("622202" + f"{rng.randint(0, 10**12 - 1):012d}"),
        "geo": f"{rng.uniform(20, 45):.5f}, {rng.uniform(100, 125):.5f}",
    }
    return template.format(**values)


def build_posts(size_chars: int, seed: int = 20240601) -> list[str]:
    rng = random.Random(seed)
    posts: list[str] = []
    total = 0
    shared = _shared_texts()
    while total < size_chars:
        if shared and rng.random() < 0.2:
            post = rng.choice(shared)
        else:
            parts = [rng.choice(OPENERS)] + [rng.choice(FILLERS) for _ in range(rng.randint(2, 6))]
            if rng.random() < 0.35:
                parts.insert(rng.randint(1, len(parts)), _fill(rng.choice(PII_SNIPPETS), rng))
            post = "".join(parts)
        posts.append(post)
        total += len(post) + 1
    return posts


def _shared_texts() -> list[str]:
    texts = []
    for name in ("negatives.dev.jsonl", "addresses.dev.jsonl"):
        path = SHARED_EVAL / name
        if path.is_file():
            with open(path, encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh)
    return texts


STRUCTURED_TYPES = {"ID_CARD", "PHONE_MOBILE", "PHONE_LANDLINE", "BANK_CARD", "EMAIL", "QQ", "WECHAT",
                    "LICENSE_PLATE", "PASSPORT", "IP_ADDRESS", "GEO_COORD", "DATE_OF_BIRTH"}
JIONLP_SCOPE = {"ID_CARD", "PHONE_MOBILE", "PHONE_LANDLINE", "EMAIL", "QQ", "LICENSE_PLATE"}


def _time_each(recognizers, corpus: str) -> dict[str, float]:
    """Seconds per recognizer on one shared Document (normalisation counted separately)."""
    from hegai.detect.base import Document
    from hegai.detect.triggers import TriggerIndex

    doc = Document(corpus, TriggerIndex(recognizers))
    t0 = time.perf_counter()
    doc.norm
    doc.digit_runs
    times = {"(normalise + digit runs)": round(time.perf_counter() - t0, 4)}
    t0 = time.perf_counter()
    doc.trigger_hits   # the shared trigger pass (hegai.detect.triggers), timed on its own
    times["(shared trigger pass)"] = round(time.perf_counter() - t0, 4)
    for rec in recognizers:
        t0 = time.perf_counter()
        list(rec.analyze(doc))
        times[rec.name] = round(time.perf_counter() - t0, 4)
    return times


def _best(fn, repeats: int, clock=time.perf_counter) -> float:
    """Best of ``repeats``, each with the names model's clause cache emptied first (a repeat
    would otherwise time the cache, not the model)."""
    from hegai.detect import ner_model

    best = float("inf")
    for _ in range(repeats):
        ner_model.forget()
        t0 = clock()
        fn()
        best = min(best, clock() - t0)
    return best


def _jionlp_extractors():
    try:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp
    except ImportError:
        return None
    names = ["extract_phone_number", "extract_id_card", "extract_email", "extract_qq",
             "extract_motor_vehicle_licence_plate", "extract_url"]
    return {name: getattr(jionlp, name) for name in names if hasattr(jionlp, name)}


def _jsonl_texts(path: Path) -> list[str]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def issue_corpora(filler: str, size_chars: int) -> dict[str, object]:
    """The corpora of issue 18: name → one text, or a list of texts (one call each)."""
    labelled = [t for p in sorted((ROOT / "tests" / "fixtures").glob("*/*.jsonl")) for t in _jsonl_texts(p)]
    labelled += _jsonl_texts(SHARED_EVAL / "posts.dev.jsonl") + _jsonl_texts(SHARED_EVAL / "negatives.dev.jsonl")
    dense = "\n".join(labelled)
    corpora: dict[str, object] = {"pii_dense": (dense + "\n") * max(1, size_chars // (len(dense) + 1))}
    addresses = _jsonl_texts(SHARED_EVAL / "addresses.dev.jsonl")
    if addresses:
        corpora["addresses_page"] = "\n".join(addresses)
    corpora["filler"] = filler
    corpora["short_texts"] = [t for t in labelled if 100 <= len(t) <= 300]
    return corpora


def _compare(corpora: dict, extractors, repeats: int) -> dict:
    """Hegai's scan and JioNLP's extractors on each corpus, measured in turn."""
    from hegai.detect.registry import Registry

    no_model = Registry(model=False)
    no_model.scan("预热 13812345678")
    rows = {}
    for name, corpus in corpora.items():
        texts = corpus if isinstance(corpus, list) else [corpus]
        # Short texts are quick: time the whole list several times over to get past the clock.
        rounds = max(1, 200_000 // max(1, sum(map(len, texts)))) if isinstance(corpus, list) else 1
        chars = rounds * sum(map(len, texts))

        def hegai(texts=texts, rounds=rounds, run=scan):
            for _ in range(rounds):
                for t in texts:
                    run(t)

        def jio(texts=texts, rounds=rounds):
            for _ in range(rounds):
                for t in texts:
                    for fn in extractors.values():
                        fn(t)

        best_h = best_n = best_j = float("inf")
        for _ in range(repeats):     # alternate, so a burst of load hits both alike
            best_h = min(best_h, _best(hegai, 1, CLOCK))
            best_n = min(best_n, _best(lambda: hegai(run=no_model.scan), 1, CLOCK))
            if extractors:
                best_j = min(best_j, _best(jio, 1, CLOCK))
        row = {"chars": chars, "texts": len(texts) * rounds, "hegai_chars_per_s": round(chars / best_h),
               "hegai_without_names_model_chars_per_s": round(chars / best_n)}
        if extractors:
            row["jionlp_chars_per_s"] = round(chars / best_j)
            row["ratio"] = round(best_j / best_h, 2)
        rows[name] = row
    return rows


TARGETS = {"pii_dense": 1.0, "addresses_page": 0.5, "filler": 3.0, "short_texts": 1.0}
# The process's CPU time (every thread of it, the names model's ONNX Runtime threads too): on a
# shared machine another process's load stretches wall time, for one side more than the other.
CLOCK = time.process_time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=1024, help="corpus size in K characters")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scan.json")
    args = parser.parse_args()

    posts = build_posts(args.size_kb * 1024)
    corpus = "\n".join(posts)
    chars = len(corpus)
    scan("预热 warm-up 13812345678")          # load recognizers and data outside the timing

    whole = _best(lambda: scan(corpus), args.repeats)
    per_post = _best(lambda: [scan(p) for p in posts], args.repeats)
    findings = scan(corpus)

    # The structured recognizers alone (this file's area), and the subset JioNLP also covers.
    from hegai.detect.registry import Registry, discover

    every = discover()
    structured = Registry([r for r in every if set(r.types) & STRUCTURED_TYPES], model=False)
    same_scope = Registry([r for r in every if set(r.types) & JIONLP_SCOPE], model=False)
    structured_s = _best(lambda: structured.scan(corpus), args.repeats)
    same_scope_s = _best(lambda: same_scope.scan(corpus), args.repeats)
    by_recognizer = _time_each(every, corpus)

    tracemalloc.start()
    scan(corpus)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    result = {
        "corpus": {"chars": chars, "posts": len(posts), "shared_eval_used": bool(_shared_texts())},
        "hegai": {
            "whole_text_seconds": round(whole, 4), "whole_text_chars_per_s": round(chars / whole),
            "per_post_seconds": round(per_post, 4), "per_post_chars_per_s": round(chars / per_post),
            "per_post_mean_ms": round(1000 * per_post / len(posts), 4),
            "peak_memory_mb": round(peak / 2**20, 2), "findings": len(findings),
            "structured_only_chars_per_s": round(chars / structured_s),
            "jionlp_scope_chars_per_s": round(chars / same_scope_s),
            "seconds_by_recognizer": by_recognizer,
        },
        "environment": {"python": platform.python_version(), "machine": platform.machine()},
    }

    extractors = _jionlp_extractors()
    if extractors:
        def run_all(text):
            return [fn(text) for fn in extractors.values()]

        run_all("预热 13812345678")
        each = {name: round(chars / _best(lambda fn=fn: fn(corpus), 1)) for name, fn in extractors.items()}
        combined = _best(lambda: run_all(corpus), args.repeats)
        result["jionlp"] = {
            "extractors": list(extractors), "combined_seconds": round(combined, 4),
            "combined_chars_per_s": round(chars / combined), "each_chars_per_s": each,
        }
        result["speedup_whole_text_vs_jionlp"] = round(combined / whole, 2)
        result["speedup_jionlp_scope_vs_jionlp"] = round(combined / same_scope_s, 2)
    else:
        result["jionlp"] = None

    result["issue_18"] = _compare(issue_corpora(corpus, args.size_kb * 1024), extractors or {}, args.repeats)
    _print_table(result)
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")
    return 0


def _print_table(result: dict) -> None:
    c, h, j = result["corpus"], result["hegai"], result["jionlp"]
    print(f"corpus: {c['chars']:,} chars, {c['posts']:,} posts (shared eval texts: {c['shared_eval_used']})")
    print(f"{'what':<42}{'seconds':>10}{'chars/s':>14}")
    print(f"{'hegai scan, whole text':<42}{h['whole_text_seconds']:>10.3f}{h['whole_text_chars_per_s']:>14,}")
    print(f"{'hegai scan, post by post':<42}{h['per_post_seconds']:>10.3f}{h['per_post_chars_per_s']:>14,}")
    print(f"{'hegai structured recognizers only':<42}{'':>10}{h['structured_only_chars_per_s']:>14,}")
    print(f"{'hegai, JioNLP scope (phone/ID/email/QQ/plate)':<42}{'':>10}{h['jionlp_scope_chars_per_s']:>14,}")
    if j:
        print(f"{'jionlp 6 extractors combined, whole text':<42}{j['combined_seconds']:>10.3f}{j['combined_chars_per_s']:>14,}")
        for name, cps in j["each_chars_per_s"].items():
            print(f"{'  jionlp.' + name:<42}{'':>10}{cps:>14,}")
        print(f"speed-up (whole text) vs jionlp combined: {result['speedup_whole_text_vs_jionlp']}x (target ≥ 3x); "
              f"same scope: {result['speedup_jionlp_scope_vs_jionlp']}x")
    else:
        print("jionlp not installed: comparison skipped (pip install .[bench])")
    print(f"peak memory (tracemalloc, whole-text scan): {h['peak_memory_mb']} MB; findings: {h['findings']}")
    slowest = sorted(h["seconds_by_recognizer"].items(), key=lambda kv: -kv[1])[:6]
    print("slowest parts (s): " + ", ".join(f"{name} {sec:.3f}" for name, sec in slowest))
    print(f"\n{'issue 18 corpus':<16}{'chars':>11}{'hegai chars/s':>15}{'(no names model)':>17}"
          f"{'jionlp chars/s':>16}{'ratio':>7}{'target':>8}")
    for name, row in result["issue_18"].items():
        print(f"{name:<16}{row['chars']:>11,}{row['hegai_chars_per_s']:>15,}"
              f"{row['hegai_without_names_model_chars_per_s']:>17,}{row.get('jionlp_chars_per_s', 0):>16,}"
              f"{row.get('ratio', 0):>7.2f}{TARGETS[name]:>7.1f}x")


if __name__ == "__main__":
    sys.exit(main())
