"""Fixture pages that mimic real platforms: what gets marked, the hover text, the banner, content
that arrives later (infinite scroll, SPA navigation, expanded replies, shadow roots, iframes),
a screenshot of each, and no request from the extension to anything but the local service."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from stdnum.cn import ric

from .harness import (FIXTURE_HOSTS, LOOPBACK_HOSTS, banner, chunks_sent, idle_count, mark_pieces, marked_texts,
                      marks, screenshot, wait_idle, wait_marked)

# What a user must see marked on each page when it loads (text -> type).
EXPECTED = {
    "weibo": {"13800138000": "PHONE_MOBILE", "44030519900101123X": "ID_CARD", "13912345678": "PHONE_MOBILE"},
    "zhihu": {"310104198510234561": "ID_CARD", "18612345678": "PHONE_MOBILE", "17722223333": "PHONE_MOBILE"},
    "bilibili": {"13698765432": "PHONE_MOBILE", "510107199208157893": "ID_CARD"},
    "douban": {"13572468135": "PHONE_MOBILE"},
    "tieba": {"13800138000": "PHONE_MOBILE", "320102198804123452": "ID_CARD"},
    "xiaohongshu": {"15012345678": "PHONE_MOBILE"},
}
ID_NUMBERS = [t for page in EXPECTED.values() for t, kind in page.items() if kind == "ID_CARD"]


def open_page(browser, fixtures, name: str):
    page = browser.context.new_page()
    page.goto(fixtures.url(f"{name}.test", f"{name}.html"))
    wait_idle(page)
    browser.tab_id(page)
    return page


@pytest.fixture(scope="module")
def pages(browser, fixtures):
    """Each fixture page, loaded once for the module."""
    opened = {name: open_page(browser, fixtures, name) for name in EXPECTED}
    yield opened
    for p in opened.values():
        p.close()


def test_fixture_id_numbers_are_valid():
    assert all(ric.is_valid(n) for n in ID_NUMBERS)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_marks_type_and_text(pages, name):
    page = pages[name]
    seen = marked_texts(page)
    for text, kind in EXPECTED[name].items():
        assert seen.get(text) == kind, f"{name}: {text} not marked as {kind}; marked: {seen}"


def test_hover_says_type_and_reasons(pages):
    phone = next(m for m in marks(pages["weibo"]) if m["text"] == "13800138000")
    assert phone["title"].startswith("手机号 · ")
    assert "号段有效" in phone["title"]


def test_number_split_across_text_nodes_is_one_finding(pages):
    split = {m["text"]: m for m in marks(pages["tieba"])}
    assert split["13800138000"]["pieces"] == 3  # 138<b>0013</b>8000
    assert split["320102198804123452"]["pieces"] == 2
    # The page still reads the same: marking only wrapped the text.
    assert "手机：13800138000" in pages["tieba"].inner_text(".l_post[data-floor='1']")


def test_nested_shadow_roots_and_same_origin_iframe(pages):
    bili = pages["bilibili"]
    assert sum(1 for m in mark_pieces(bili) if m["in_shadow"]) >= 2   # inside the comments' open roots
    assert "17722223333" in marked_texts(pages["zhihu"])  # inside zhihu-embed.html's iframe


def test_infinite_scroll_is_scanned_as_it_appears(pages):
    page = pages["weibo"]
    page.bring_to_front()
    before = idle_count(page)
    for count in (4, 5):  # two pages, each loaded when the user reaches the end
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_function(f"() => document.querySelectorAll('article').length >= {count}")
    wait_idle(page, after=before)
    wait_marked(page, '15800001112')
    assert marked_texts(page)["15800001111"] == marked_texts(page)["15800001112"] == "PHONE_MOBILE"


def test_comments_loaded_later_inside_shadow_root(pages):
    page = pages["bilibili"]
    page.bring_to_front()
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(
        "() => [...document.querySelectorAll('bili-comments')].length && "
        "document.querySelector('bili-comments').shadowRoot.querySelectorAll('bili-comment-thread-renderer').length === 5")
    page.wait_for_function("() => document.querySelector('bili-comments').shadowRoot.textContent.includes('没有更多')")
    for _ in range(50):
        if "13511112222" in marked_texts(page):
            break
        page.wait_for_timeout(100)
    assert marked_texts(page)["13511112222"] == "PHONE_MOBILE"


def test_spa_navigation_scans_the_new_view(pages):
    page = pages["xiaohongshu"]
    page.bring_to_front()
    page.click("#next-note")
    page.wait_for_function("() => location.search === '?note=2'")
    wait_marked(page, '330106199506305671')
    assert marked_texts(page)["330106199506305671"] == "ID_CARD"


def test_expanded_replies_are_scanned(pages):
    page = pages["tieba"]
    page.bring_to_front()
    assert "123456789" not in marked_texts(page)  # hidden until expanded
    page.click("#show-replies")
    wait_marked(page, '123456789')
    assert marked_texts(page)["123456789"] == "QQ"


def test_each_node_scanned_once(browser, pages):
    page = pages["douban"]
    tab = browser.tab_state(browser.tab_id(page))
    before = idle_count(page)
    # Unrelated DOM churn (a re-render of nodes already seen, a new empty node) sends nothing new.
    page.evaluate("""() => {
        const p = document.querySelector('.topic-richtext p');
        p.parentNode.appendChild(document.createElement('div'));
        document.body.dataset.touched = '1';
    }""")
    page.evaluate("() => document.querySelector('#comments').append(document.createElement('li'))")
    page.wait_for_timeout(300)
    after = browser.tab_state(browser.tab_id(page))
    assert after["total"] == tab["total"] == len(marks(page))
    assert after["chunks"] == tab["chunks"], "text already scanned was sent again"
    assert not any(m["nested"] for m in mark_pieces(page))
    # New text in the same place is new content, and is scanned.
    page.evaluate("() => document.querySelector('#comments').insertAdjacentHTML('beforeend', "
                  "'<li class=comment-item><p class=reply-content>新电话 13900001111</p></li>')")
    wait_idle(page, after=before)
    wait_marked(page, '13900001111')
    assert browser.tab_state(browser.tab_id(page))["total"] == tab["total"] + 1


def test_highlighting_does_not_send_the_split_text_again(browser, fixtures):
    """Marking a number splits its text node; that edit is ours, so the pieces are not new text
    to scan (they once went out again one chunk per round trip, doubling the time to idle)."""
    sent = {}
    for query in ("", "?clean"):
        page = browser.context.new_page()
        page.goto(fixtures.url("plain.test", "split.html") + query)
        wait_idle(page)
        page.wait_for_timeout(300)    # mutation records from the marks arrive after they are made
        sent[query] = chunks_sent(page)
        if not query:
            assert len(marks(page)) == 20
        page.close()
    assert sent[""] == sent["?clean"] > 0


@pytest.mark.parametrize("name", list(EXPECTED))
def test_banner_level_and_reasons_match_the_service(browser, pages, name):
    page = pages[name]
    state = browser.tab_state(browser.tab_id(page))
    # the risk engine ships with the service: a page without an assessment is a bug, not a skip
    assert state["fromPage"] is not None, f"{name}: the service returned no assessment"
    shown = banner(page)
    if state["level"] in ("none", "low") and not state["vault"]:
        assert shown is None
        return
    assert shown is not None, f"{name}: level {state['level']} but no banner"
    assert shown["shadow_mode"] == "closed"
    assert shown["level"] == state["level"]
    level_zh = {"medium": "中", "high": "高", "critical": "严重"}[state["level"]]
    assert shown["level_text"] == f"开盒风险：{level_zh}"
    assert shown["reasons"] == state["reasons"]
    assert len(shown["reasons"]) == len(set(shown["reasons"])), "a reason listed twice"
    assert set(shown["buttons"]) == {"blur", "report", "details", "collapse"} or shown["state"] == "collapsed"


def test_doxxing_post_gets_a_banner(browser, pages):
    state = browser.tab_state(browser.tab_id(pages["weibo"]))
    assert state["fromPage"] is not None and state["level"] != "none", "the doxxing post got no assessment"
    assert state["level"] in ("medium", "high", "critical")
    assert banner(pages["weibo"])["reasons"]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_screenshot_with_highlights_and_chinese_glyphs(pages, name):
    page = pages[name]
    page.bring_to_front()
    page.evaluate("() => window.scrollTo(0, 0)")
    assert page.evaluate("() => document.fonts.check('16px \"Noto Sans CJK SC\"')")
    path = screenshot(page, name)
    assert path.stat().st_size > 10_000


def test_no_request_leaves_the_machine(browser, pages):
    """Checked last in the module: every request the browser context made (pages and the
    service worker) went to the local service or the local fixture server."""
    hosts = {urlsplit(r.url).hostname for r in browser.requests if r.url.startswith("http")}
    assert hosts <= set(LOOPBACK_HOSTS) | set(FIXTURE_HOSTS), hosts
    from_worker = [r for r in browser.requests if r.service_worker is not None and r.url.startswith("http")]
    assert from_worker, "no service-worker request was observed: the watch would be blind"
    assert {urlsplit(r.url).hostname for r in from_worker} <= set(LOOPBACK_HOSTS)
    assert any("/api/v1/scan" in r.url for r in from_worker)
