"""Benchmark: the extension on a 10,000-node page.

Measures (Debian chromium, real service, real extension):
  - time from navigation start (and from the load event) to the last highlight;
  - the longest main-thread task caused by the content script: Long Animation Frame entries whose
    scripts come from chrome-extension:// (script durations), the longest 'longtask' on the page
    (the page itself runs no script after load), and the content script's own longest slice.
Prints a summary and writes bench/results/extension.json.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.harness import Browser, FixtureServer, progress, wait_until  # noqa: E402
from tests.helpers.live_service import LiveService  # noqa: E402

NODES = 10_000
RUNS = 3
PHONES = ["13800138000", "13912345678", "15800001111", "18612345678"]

OBSERVER = """<script>
  window.__perf = {longtasks: [], frames: []};
  new PerformanceObserver((list) => { for (const e of list.getEntries()) __perf.longtasks.push(e.duration); })
    .observe({type: 'longtask', buffered: true});
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) __perf.frames.push({
      duration: e.duration, blocking: e.blockingDuration,
      scripts: e.scripts.map((s) => ({url: s.sourceURL, duration: s.duration, invoker: s.invoker}))}); })
      .observe({type: 'long-animation-frame', buffered: true});
  } catch (e) {}
</script>"""


def build_page() -> str:
    """About NODES DOM nodes: posts of a paragraph with inline elements; every 25th has a phone."""
    posts, nodes, i = [], 0, 0
    while nodes < NODES:
        phone = f"，联系电话 {PHONES[i % len(PHONES)]}" if i % 25 == 0 else ""
        posts.append(f'<div class="post"><span class="user">用户{i}</span><p>第{i}条动态：今天去了<b>公园</b>'
                     f'和<a href="#">朋友</a>一起吃饭{phone}。</p></div>')
        nodes += 10  # div, span+text, p+3 texts, b+text, a+text
        i += 1
    return (f"<!doctype html><html lang=zh-CN><head><meta charset=utf-8><title>bench</title>{OBSERVER}</head>"
            f"<body>{''.join(posts)}</body></html>"), i


def run_once(browser: Browser, url: str, expected_marks: int) -> dict:
    page = browser.context.new_page()
    page.goto(url)
    # Hegai gives the page no signal (SPEC "Security model"): progress is read from the service worker.
    def idle_note():
        notes = progress(page)
        idle = [n for n in notes["recent"] if n["event"] == "idle"]
        return (idle[-1], notes) if idle and idle[-1].get("marked", 0) >= expected_marks else None
    idle, notes = wait_until(page, idle_note, 120_000, f"{expected_marks} marks")
    page.wait_for_timeout(300)  # let the observers deliver buffered entries
    batches = [n for n in notes["recent"] if n["event"] == "batch"]
    trips = sorted(b["ms"] for b in batches)
    result = page.evaluate("""() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const ext = __perf.frames.flatMap((f) => f.scripts).filter((s) => s.url.startsWith('chrome-extension://'));
      return {
        load_event_ms: nav.loadEventEnd,
        longest_extension_script_ms: ext.length ? Math.max(...ext.map((s) => s.duration)) : 0,
        extension_scripts_in_long_frames: ext.length,
        longest_longtask_ms: __perf.longtasks.length ? Math.max(...__perf.longtasks) : 0,
        longtasks: __perf.longtasks.length,
      };
    }""")
    result.update(round_trips=notes["counts"].get("batch", 0), chunks_sent=notes["chunksSent"],
                  round_trip_median_ms=trips[len(trips) // 2] if trips else 0, marks=idle["marked"],
                  all_highlights_ms=idle["at"], content_script_max_slice_ms=idle["maxSliceMs"])
    result["element_count"] = page.evaluate("() => document.getElementsByTagName('*').length")
    result["text_nodes"] = page.evaluate(
        "() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n = 0; while (w.nextNode()) n++; return n; }")
    result["load_to_highlights_ms"] = result["all_highlights_ms"] - result["load_event_ms"]
    page.close()
    return result


def main() -> int:
    html, posts = build_page()
    expected = len(range(0, posts, 25))
    with tempfile.TemporaryDirectory() as tmp, LiveService() as service, sync_playwright() as pw:
        Path(tmp, "bench.html").write_text(html, encoding="utf-8")
        with FixtureServer(Path(tmp)) as server:
            browser = Browser(pw)
            try:
                browser.connect(service.port, service.token)
                url = server.url("bench.test", "bench.html")
                run_once(browser, url, expected)  # warm-up: service caches, chromium code caches
                runs = [run_once(browser, url, expected) for _ in range(RUNS)]
            finally:
                browser.close()

    def median(key):
        return round(statistics.median(r[key] for r in runs), 1)

    summary = {
        "page": {"dom_nodes": runs[0]["element_count"] + runs[0]["text_nodes"], "elements": runs[0]["element_count"],
                 "text_nodes": runs[0]["text_nodes"], "findings_marked": runs[0]["marks"]},
        "runs": RUNS,
        "median": {k: median(k) for k in ("load_event_ms", "all_highlights_ms", "load_to_highlights_ms",
                                          "content_script_max_slice_ms", "longest_extension_script_ms",
                                          "longest_longtask_ms", "round_trips", "chunks_sent",
                                          "round_trip_median_ms")},
        "worst": {k: round(max(r[k] for r in runs), 1) for k in ("load_to_highlights_ms", "content_script_max_slice_ms",
                                                                  "longest_extension_script_ms", "longest_longtask_ms")},
        "raw": runs,
    }
    out = ROOT / "bench" / "results" / "extension.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m, w = summary["median"], summary["worst"]
    print(f"extension bench: {summary['page']['dom_nodes']} DOM nodes, {summary['page']['findings_marked']} marks, {RUNS} runs")
    print(f"  navigation start -> all highlights: {m['all_highlights_ms']} ms (median); load event -> all highlights: "
          f"{m['load_to_highlights_ms']} ms (median, worst {w['load_to_highlights_ms']})")
    print(f"  longest content-script slice: {m['content_script_max_slice_ms']} ms (worst {w['content_script_max_slice_ms']}); "
          f"longest extension script in a long frame: {m['longest_extension_script_ms']} ms (worst {w['longest_extension_script_ms']})")
    print(f"  longest long task on the page (incl. parsing/layout): {m['longest_longtask_ms']} ms (worst {w['longest_longtask_ms']})")
    print(f"  {m['chunks_sent']:.0f} chunks in {m['round_trips']:.0f} round trips to the service "
          f"(median round trip {m['round_trip_median_ms']} ms)")
    print(f"  written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
