"""Issue 17, item 1: Hegai never reads what it drew as page text. The guard's dialog once said
"…用它找到你" on the page; the page scanner read it as a threat, rated the page 高 and stored it on the
dashboard. Here the banner, the guard's hint and its open dialog are all on a page when the page
changes and is read again: nothing any of them says reaches the service (POST /scan, /assess)."""

from __future__ import annotations

import re

from .harness import banner, guard_ui, progress, wait_idle, wait_modal, wait_until

PAGE = "ui/compose-kaihe.html"
DRAFT = "我的电话13912345678，住址北京市海淀区中关村大街27号5号楼301室，有事找我"

# Records the text of everything the service worker sends to the service for this page.
RECORD_SENT = """(marker) => {
  globalThis.__ownUiSent = [];
  if (!globalThis.__ownUiApi) globalThis.__ownUiApi = {scan: Hegai.api.scan, assessPage: Hegai.api.assessPage};
  Hegai.api.scan = (url, chunks) => {
    if (url.includes(marker)) globalThis.__ownUiSent.push(...chunks.map((c) => c.text));
    return globalThis.__ownUiApi.scan(url, chunks);
  };
  Hegai.api.assessPage = (url, page) => {
    if (url.includes(marker)) globalThis.__ownUiSent.push(...(page.posts || []).map((p) => p.text));
    return globalThis.__ownUiApi.assessPage(url, page);
  };
}"""
STOP = "() => { if (globalThis.__ownUiApi) Object.assign(Hegai.api, globalThis.__ownUiApi); }"


def _phrases(text: str) -> list[str]:
    """The runs of four or more CJK characters of what Hegai shows (a quote of the page or the
    draft is left out by the caller)."""
    return re.findall(r"[\u4e00-\u9fff]{4,}", text)


def test_nothing_hegai_drew_is_read_as_page_text(browser, fixtures):
    page = browser.context.new_page()
    sw = browser.sw
    try:
        page.goto(fixtures.url("weibo.test", PAGE))
        wait_idle(page)
        shown = banner(page)
        assert shown and shown["reasons"], "the 开盒 post got no banner"
        sw.evaluate(RECORD_SENT, PAGE)      # from here on: the hint and the dialog are added to the page
        page.click("#reply")
        page.keyboard.type(DRAFT)
        page.keyboard.press("Control+Enter")
        modal = wait_modal(page, "findings")
        hint = guard_ui(page, "hint")

        own_text = "\n".join([modal["text"], (hint or {}).get("text", ""), *shown["reasons"]])
        page_text = page.evaluate("() => document.body.innerText") + DRAFT
        phrases = sorted({p for p in _phrases(own_text) if p not in page_text})
        assert len(phrases) >= 3, f"too little of Hegai's own words to check: {phrases}"

        before = progress(page)["counts"].get("assessed", 0)
        page.evaluate("""() => {
          const post = document.createElement('article');
          post.className = 'card woo-panel-main'; post.dataset.mid = '7105';
          post.innerHTML = '<div class="detail_wbtext">新来的一条：周末去爬山，风景很好。</div>';
          document.getElementById('feed').append(post);
        }""")
        wait_until(page, lambda: progress(page)["counts"].get("assessed", 0) > before, 20000, "the page read again")
        assert guard_ui(page, "modal"), "the dialog closed before the page was read again"
        sent = "\n".join(sw.evaluate("() => globalThis.__ownUiSent"))
        assert "周末去爬山" in sent, "the new post was not sent: the check would be blind"
        read = [p for p in phrases if p in sent]
        assert not read, f"Hegai's own words were sent as page text: {read}"
    finally:
        sw.evaluate(STOP)
        page.close()
