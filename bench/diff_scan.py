"""Findings before and after a change to detection: every difference, on every data set at hand.

Runs ``scan`` of two source trees (the reference, by default the last commit's ``server/``
taken with ``git archive``, and this working tree) in two processes over the same texts, and
lists every text whose findings differ: what only the old code found, what only the new one
found. Issue 18 asks that a faster design find the same values, or better ones, each named.

Texts: ../shared/eval/*.jsonl (and the inputs of peer_vectors; addresses and posts also joined
into one page each), the fixtures under tests/fixtures (pii, risk), training/writers/*.jsonl,
../conv/blind*.jsonl, the bench corpus of bench/bench_scan.py, generated stress text (address
parts, numbers and punctuation mixed at random, seeded) and hypothesis-drawn text (derandomized).
Findings are compared whole: type, offsets, score and reasons. The names model is off on both
sides (HEGAI_NAMES_MODEL=0) unless ``--model`` is given: the recognizers are what is usually
compared; ``--model`` compares a change to the model's own path (its decoder, its batching).

    .venv/bin/python bench/diff_scan.py [--base DIR] [--types ADDRESS,PHONE_MOBILE] [--show 40] [--model]

Exit status 1 when there is any difference (so a script can wait for "no difference").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = Path(os.environ.get("HEGAI_SHARED_EVAL", ROOT.parent / "shared" / "eval"))
CONV = Path(os.environ.get("HEGAI_CONV", ROOT.parent / "conv"))   # blind sets of earlier rounds

# Pieces of addresses and of things that look like them, for the generated stress text.
_STRESS_PIECES = [
    "浙江省", "杭州市", "西湖区", "朝阳区", "北京", "上海市", "浦东新区", "金华", "文三路", "人民路", "建设3路",
    "88号", "5号楼", "3栋", "2单元", "1201室", "七组", "B座", "8楼", "-", "—", "_", " ", "·", "，", "。", "\n",
    "阳光小区", "星河国际", "科技园", "开发区", "工业园", "镇", "乡", "村", "街道", "社区", "大厦", "广场",
    "中心", "公司", "有限公司", "店", "馆", "面馆", "超市", "路口", "交叉口", "与", "和", "东侧", "西",
    "7-5-1320", "A11", "C3", "1389", "2023-05-01", "13812345678", "100元", "3点", "10:30", "QQ123456",
    "组织部", "委员会", "政府", "《", "》", "项目", "老街", "牛肉", "火锅", "我家", "住在", "地址：", "在",
    "的", "了", "一", "二", "三", "甲", "之", "市辖区", "中国",
]


def _jsonl_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def datasets(stress_count: int = 4000) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    for path in sorted(SHARED_EVAL.glob("*.jsonl")):
        if path.name != "peer_vectors.jsonl":
            sets[f"eval/{path.name}"] = _jsonl_texts(path)
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.jsonl")):
        try:
            sets[f"fixtures/{path.relative_to(ROOT / 'tests' / 'fixtures')}"] = _jsonl_texts(path)
        except (KeyError, ValueError):   # a fixture of records without a text
            continue
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_scan import build_posts   # deterministic: the same corpus on both sides
    sets["bench/scan corpus"] = build_posts(512 * 1024)
    for path in sorted((ROOT / "training" / "writers").glob("*.jsonl")) + sorted(CONV.glob("blind*.jsonl")):
        sets[f"{path.parent.name}/{path.name}"] = _jsonl_texts(path)
    vectors = SHARED_EVAL / "peer_vectors.jsonl"
    if vectors.exists():   # test vectors of other libraries: the inputs are texts too
        with vectors.open(encoding="utf-8") as fh:
            sets["eval/peer_vectors inputs"] = [str(json.loads(line).get("input", ""))
                                                for line in fh if line.strip()]
    # Whole pages, as the bench reads them: a chain may not cross a line, the page must say so.
    for name in ("addresses.dev.jsonl", "posts.dev.jsonl"):
        if f"eval/{name}" in sets:
            sets[f"eval/{name} joined"] = ["\n".join(sets[f"eval/{name}"])]
    rng = random.Random(18)
    sets["generated stress"] = ["".join(rng.choice(_STRESS_PIECES) for _ in range(rng.randint(2, 24)))
                                for _ in range(stress_count)]
    sets["hypothesis text"] = _hypothesis_texts()
    return sets


def _hypothesis_texts(count: int = 3000) -> list[str]:
    """Texts drawn by hypothesis (derandomized: the same on every run) from address pieces,
    digits, Latin letters, CJK and punctuation: shapes no data set holds."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    atoms = st.one_of(st.sampled_from(_STRESS_PIECES),
                      st.text(alphabet="0123456789-—#号楼栋室AaBb", max_size=8),
                      st.text(max_size=6), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5))
    drawn: list[str] = []

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(atoms, max_size=30).map("".join))
    def collect(text):
        drawn.append(text)

    collect()
    return drawn


_WORKER = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from hegai.detect.registry import Registry
reg = Registry(model=os.environ["HEGAI_NAMES_MODEL"] == "1")
texts = json.load(open(sys.argv[2], encoding="utf-8"))
out = {name: [[[f.type, f.start, f.end, f.score, list(f.reasons or ())] for f in reg.scan(t)] for t in items]
       for name, items in texts.items()}
json.dump(out, open(sys.argv[3], "w", encoding="utf-8"))
"""


def _run(server_dir: Path, texts_file: Path, out_file: Path, model: bool = False) -> dict:
    env = dict(os.environ, HEGAI_NAMES_MODEL="1" if model else "0", PYTHONPATH=str(server_dir))
    subprocess.run([sys.executable, "-c", _WORKER, str(server_dir), str(texts_file), str(out_file)],
                   check=True, env=env, cwd=str(server_dir.parent))
    return json.loads(out_file.read_text(encoding="utf-8"))


def _base_from_git(tmp: Path) -> Path:
    """The last commit's server/ (read-only: git archive touches neither the index nor the tree)."""
    data = subprocess.run(["git", "archive", "HEAD", "server"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(tmp)
    return tmp / "server"


def _key(f: list) -> tuple:
    return (*f[:4], tuple(f[4]) if len(f) > 4 else ())


def differences(sets: dict, old: dict, new: dict, types: set[str] | None):
    """(set name, text index, text, only old, only new) for every text whose findings differ."""
    for name, texts in sets.items():
        for i, text in enumerate(texts):
            # Score and reasons too: "identical" means what a reader is shown, not only the spans.
            before = {_key(f) for f in old[name][i] if types is None or f[0] in types}
            after = {_key(f) for f in new[name][i] if types is None or f[0] in types}
            if before != after:
                yield name, i, text, sorted(before - after), sorted(after - before)


def shape(gone: list, added: list) -> str:
    """What kind of difference: a value found or lost, or the same value with other bounds."""
    if not gone:
        return "found (only new)"
    if not added:
        return "lost (only old)"
    if len(gone) == len(added) == 1:
        (t0, s0, e0), (t1, s1, e1) = gone[0][:3], added[0][:3]
        if (t0, s0, e0) == (t1, s1, e1):
            return "score or reasons"
        if t0 != t1:
            return "type changed"
        if s1 <= s0 and e1 >= e0:
            return "wider"
        if s1 >= s0 and e1 <= e0:
            return "narrower"
    return "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="server/ directory of the reference code (default: HEAD's)")
    parser.add_argument("--types", help="compare only these types (comma-separated)")
    parser.add_argument("--show", type=int, default=1000, help="differences printed at most")
    parser.add_argument("--json", type=Path, help="also write every difference here")
    parser.add_argument("--model", action="store_true", help="with the names model on both sides")
    args = parser.parse_args()
    types = set(args.types.split(",")) if args.types else None

    sets = datasets()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = args.base.resolve() if args.base else _base_from_git(tmp / "base")
        texts_file = tmp / "texts.json"
        texts_file.write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
        old = _run(base, texts_file, tmp / "old.json", args.model)
        new = _run(ROOT / "server", texts_file, tmp / "new.json", args.model)

    found = list(differences(sets, old, new, types))
    for name, texts in sets.items():
        mine = [d for d in found if d[0] == name]
        shapes = Counter(shape(d[3], d[4]) for d in mine)
        detail = ", ".join(f"{k} {v}" for k, v in sorted(shapes.items()))
        print(f"{name:<40} {len(texts):>6} texts  {len(mine):>4} differ" + (f"  ({detail})" if detail else ""))
    for name, i, text, gone, added in found[:args.show]:
        print(f"\n[{name} #{i}] {text[:160]!r}")
        for kind, items in (("-", gone), ("+", added)):
            for t, s, e, score, reasons in items:
                print(f"  {kind} {t:<14} {text[s:e]}  {score} {'/'.join(reasons)}")
    if args.json:
        args.json.write_text(json.dumps([{"set": n, "index": i, "text": t, "only_old": g, "only_new": a}
                                         for n, i, t, g, a in found], ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n{len(found)} texts differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
