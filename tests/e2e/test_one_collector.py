"""One collector for the extension and ``hegai audit`` (issue 22): the same page, read by the real
extension (what its content script sent to the real service) and by the audit's own Chromium
(``hegai.testing.collect_page_text``), gives the same words. They once had two collectors that
read ``<br>``, whitespace between inline elements, ``visibility:hidden``, closed ``<details>``,
buttons, svg and ``display:none`` differently."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from hegai.testing.page_text import PageText, collect_page_text

from .harness import marked_texts, service_worker, wait_idle, wait_until

PAGE = "collector/page.html"
HOST = "bench.test"   # a fixture host without an adapter of its own: the generic one

# Records the text of every chunk the content script sends for scanning, then passes it on to
# the real service (sw/api.js looks Hegai.api.scan up at each call).
RECORD_SENT = """(marker) => {
  globalThis.__sentTexts = [];
  if (!globalThis.__sendScan) globalThis.__sendScan = Hegai.api.scan;
  Hegai.api.scan = (url, chunks) => {
    if (url.includes(marker)) globalThis.__sentTexts.push(...chunks.map((c) => c.text));
    return globalThis.__sendScan(url, chunks);
  };
}"""
STOP_RECORDING = "() => { if (globalThis.__sendScan) Hegai.api.scan = globalThis.__sendScan; }"


def _body_words(page: PageText) -> Counter:
    """The words of the page's text without the lines only the audit reads (the title, alt,
    aria-label, placeholder and field values: located as `path [attribute]`)."""
    chars = list(page.text)
    extra = [(s, e) for s, e, element in page.spans if page.paths[element].endswith("]")]
    if page.title_range:
        extra.append(page.title_range)
    for start, end in extra:
        chars[start:end] = " " * (end - start)
    return Counter("".join(chars).split())


def _audit(playwright, url: str) -> PageText:
    from hegai.testing.browser import launch_chromium

    # The audit's own Chromium (no extension), sent to the same address as the extension's.
    browser = launch_chromium(playwright, extra_args=[f"--host-resolver-rules=MAP {HOST} 127.0.0.1"])
    try:
        page = browser.new_page()
        page.goto(url, wait_until="load")
        return collect_page_text(page)
    finally:
        browser.close()


def test_the_extension_and_the_audit_read_a_page_alike(browser, fixtures, playwright_instance):
    url = fixtures.url(HOST, PAGE)
    service_worker(browser.context).evaluate(RECORD_SENT, PAGE)
    page = browser.context.new_page()
    try:
        page.goto(url)
        wait_idle(page)
        sent = wait_until(page, lambda: (lambda texts: texts if any("框架第二段" in t for t in texts) else None)(
            service_worker(browser.context).evaluate("() => globalThis.__sentTexts")), 20000, "the iframe's text")
        marked = marked_texts(page)
    finally:
        service_worker(browser.context).evaluate(STOP_RECORDING)
        page.close()
    audited = _audit(playwright_instance, url)

    extension_words = Counter(" ".join(sent).split())
    assert extension_words == _body_words(audited), (
        f"only the extension: {extension_words - _body_words(audited)}; "
        f"only the audit: {_body_words(audited) - extension_words}")
    # What both now read as a user would: a line break and a space separate, inline pieces join,
    # hidden and collapsed text is not read, shadow roots and the same-origin frame are.
    words = set(extension_words)
    assert {"联系人", "13912345678", "两段数字：1390013", "9000不是一个号码", "手机：13800138000，邮箱", "1", "2", "3"} <= words
    assert {"影子里的地址", "插槽里的名字", "王小明", "嵌套影子", "15900001111", "框架里的字", "18612345678"} <= words
    assert "看得见的字" in words
    for hidden in ("13700001111", "13700002222", "13700003333", "13700004444", "图里的字", "13700005555",
                   "13700006666", "13700007777", "未分配的子节点"):
        assert not any(hidden in w for w in extension_words), hidden
    assert marked.get("13800138000") == "PHONE_MOBILE", marked
    # The audit reads the texts outside the body on top: the title, alt, aria-label and fields.
    lines = set(audited.text.split("\n"))
    assert {"张先生的主页", "替代文字", "标签文字", "请输入", "预填 15800001111"} <= lines
    assert audited.where(audited.text.index("预填")) == "body > p:nth-of-type(5) > input [value]"
    assert audited.where(audited.text.index("嵌套影子")).endswith("profile-card ::shadow inner-card ::shadow p")
    assert audited.where(audited.text.index("框架第二段")) == "#frame ::frame body > div"
