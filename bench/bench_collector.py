"""Benchmark: the page collector (``server/hegai/testing/collector.js``) on a generated 5 MB page.

The page (issue 22) is a forum-like document: a 20,000-item list in one parent, long tables,
nested posts with classes and ids, inputs, images with alt text and personal information here
and there. Measures, in Debian's chromium through Playwright: the time to collect the text,
the DOM nodes walked and touched ("work", linear in the page size), and the time ``hegai.detect``
takes to scan what was collected. Target: collection of the 5 MB page ≤ 10 s on this machine.
Prints a summary and writes bench/results/collector.json.

    .venv/bin/python bench/bench_collector.py [--size-mb 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

TARGET_S = 10.0
POST = ('<div class="post" id="post-{i}"><div class="meta"><span class="author">用户{i}</span>'
        '<span class="time">2024-05-{d:02d} 12:{m:02d}</span></div><p class="body">{text}</p>'
        '<img src="data:," alt="配图{i}"><div class="actions"><a href="#r{i}">回复</a> <a href="#l{i}">赞</a></div></div>\n')
TEXTS = ["今天天气不错，下午去了趟超市，买了三斤苹果。", "这部电影我看了两遍，剧情一般但是配乐很好。",
         "有事联系我，电话 13800138000。", "求推荐适合新手的相机，预算5000以内，主要拍风景。",
         "视频播放量12.3万，弹幕3456条，投币2.1万，收藏8888。"]


def generate_page(size_bytes: int, seed: int = 22) -> str:
    """A deterministic page of about ``size_bytes`` UTF-8 bytes."""
    rng = random.Random(seed)
    parts = ['<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>论坛</title></head><body>',
             '<ul class="list">'] + [f"<li>条目 {i} {rng.choice(TEXTS)}</li>" for i in range(20000)] + ["</ul>"]
    parts.append("<table><tbody>" + "".join(
        f"<tr><td>{i}</td><td>{rng.choice(TEXTS)}</td><td><input value=\"备注{i}\"></td></tr>" for i in range(5000))
        + "</tbody></table>")
    size, i = sum(len(p.encode()) for p in parts), 0
    while size < size_bytes:
        post = POST.format(i=i, d=i % 28 + 1, m=i % 60, text=rng.choice(TEXTS) * rng.randint(1, 4))
        parts.append(post)
        size += len(post.encode())
        i += 1
    parts.append("</body></html>")
    return "".join(parts)


def measure(html: str) -> dict:
    from playwright.sync_api import sync_playwright

    from hegai.detect import scan
    from hegai.testing.browser import launch_chromium
    from hegai.testing.page_text import collect_page_text

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        path = Path(tmp) / "big.html"
        path.write_text(html, encoding="utf-8")
        browser = launch_chromium(playwright)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        text = collect_page_text(page)
        collect_s = time.perf_counter() - started
        browser.close()
    started = time.perf_counter()
    findings = scan(text.text)
    scan_s = time.perf_counter() - started
    return {"page_bytes": len(html.encode()), "load_s": round(load_s, 2), "collect_s": round(collect_s, 2),
            "scan_s": round(scan_s, 2), "nodes": text.nodes, "work": text.work, "text_chars": len(text.text),
            "elements": len(text.paths), "findings": len(findings)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=5.0)
    args = parser.parse_args()
    result = measure(generate_page(int(args.size_mb * 1024 * 1024)))
    result.update(target_collect_s=TARGET_S, meets_target=result["collect_s"] <= TARGET_S,
                  machine=platform.machine(), python=platform.python_version())
    for key, value in result.items():
        print(f"  {key:<16} {value}")
    out = ROOT / "bench" / "results" / "collector.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
