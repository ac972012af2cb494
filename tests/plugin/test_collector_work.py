"""The page collector does work linear in the page (issue 22: every element's CSS path rescanned
its siblings, so 10,000 list items took 18 s and a 5 MB page 144 s). Measured by counting work,
not time: the DOM is instrumented so that every read of ``children``/``childNodes`` adds the
length of what it returned, and the total must stay within a small multiple of the node count.
The 5 MB timing itself is ``scripts/bench collector``."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

ITEMS = 20_000
# Counts every child a `children` / `childNodes` read hands out (the quadratic collector read a
# 20,000-child list once per child: 4·10^8).
COUNT_CHILD_READS = """() => {
  window.__childReads = 0;
  for (const [proto, name] of [[Element.prototype, "children"], [Document.prototype, "children"],
                               [DocumentFragment.prototype, "children"], [Node.prototype, "childNodes"]]) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || !desc.get) continue;
    Object.defineProperty(proto, name, { configurable: true, get() {
      const list = desc.get.call(this); window.__childReads += list.length; return list; } });
  }
}"""
PAGE = ("<!doctype html><html><head><meta charset='utf-8'><title>列表</title></head><body><ul id='list'>"
        + "".join(f"<li class='item'>第{i}条 <b>留言</b></li>" for i in range(ITEMS))
        + "</ul><p>联系 13800138000</p></body></html>")


def _collect() -> tuple[int, int, object]:
    from playwright.sync_api import sync_playwright

    from hegai.testing.browser import launch_chromium
    from hegai.testing.page_text import collect_page_text

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.set_content(PAGE, timeout=120_000)
        page.evaluate(COUNT_CHILD_READS)
        text = collect_page_text(page)
        reads = page.evaluate("() => window.__childReads")
        nodes = page.evaluate("() => document.querySelectorAll('*').length")
        browser.close()
    return reads, nodes, text


def test_collector_work_is_linear_in_the_page():
    with ThreadPoolExecutor(1) as pool:   # a thread of its own: other modules' Playwright may hold this one
        reads, elements, text = pool.submit(_collect).result()
    dom_nodes = elements * 2   # each <li> has a text node, a <b> and its text: generous either way
    assert text.nodes >= ITEMS * 3
    assert reads <= 5 * dom_nodes, f"{reads} child reads for {dom_nodes} nodes"
    assert text.work <= 5 * text.nodes
    # and the paths are still exact: the last item is the 20,000th of its kind
    assert text.where(text.text.index(f"第{ITEMS - 1}条")) == f"#list > li.item:nth-of-type({ITEMS})"
    assert text.where(text.text.index("13800138000")) == "body > p"
