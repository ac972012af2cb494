"""The page's risk is the risk engine's assessment of the page as a whole, not a union of scan
batches: a dossier split across two loads of a thread is seen together, and the banner, popup
and badge list each of the engine's reasons once."""

from __future__ import annotations

import re

import pytest

from .harness import assessed_marks, banner, idle_count, popup, screenshot, wait_idle, wait_until

LEVEL_ZH = {"none": "无", "low": "低", "medium": "中", "high": "高", "critical": "严重"}
BADGE_COLOURS = {"medium": [217, 119, 6, 255], "high": [220, 38, 38, 255], "critical": [127, 29, 29, 255]}


def scroll_until(page, selector: str, count: int) -> None:
    page.bring_to_front()
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(f"() => document.querySelectorAll({selector!r}).length >= {count}")


def kind(reason: str) -> str:
    """A reason without its quoted terms: one per category."""
    return re.sub(r"（.*", "", reason)


def assert_each_reason_once(reasons: list[str]) -> None:
    assert reasons, "no reasons"
    assert len(reasons) == len(set(reasons)), reasons
    kinds = [kind(r) for r in reasons]
    assert len(kinds) == len(set(kinds)), f"one category listed twice: {reasons}"
    exposures = [r for r in reasons if r.startswith("包含他人")]
    assert len(exposures) <= 1, f"overlapping exposure reasons: {reasons}"


@pytest.fixture
def thread(browser, fixtures):
    page = browser.context.new_page()
    page.goto(fixtures.url("tieba.test", "tieba-thread.html"))
    wait_idle(page)
    yield page
    page.close()


def test_a_dossier_split_across_two_loads_is_assessed_as_one_page(browser, service, thread):
    tab_id = browser.tab_id(thread)
    first = browser.tab_state(tab_id)
    assert first["fromPage"] is not None and first["level"] != "none", "the first floor got no assessment"
    shown = banner(thread)
    # One floor so far: the page is its worst post (which one depends on the engine), below critical.
    assert shown["reasons"] == first["reasons"] and first["level"] != "critical"
    assert shown["quote"] == first["quote"] and first["quote"]

    before = idle_count(thread)
    scroll_until(thread, ".l_post", 2)
    wait_idle(thread, after=before)
    state = browser.tab_state(tab_id)

    # The batches alone: the ID number in one, phone and address in the other.
    assert "包含他人身份证号" in state["fromBatches"]["reasons"]
    assert "包含他人手机号和家庭住址" in state["fromBatches"]["reasons"]
    # The page as a whole: one dossier, a higher level than any batch, one reason for it.
    assert state["level"] == "critical" and state["fromBatches"]["level"] != "critical"
    assert state["reasons"] == ["包含他人身份证号、手机号和家庭住址"]
    assert assessed_marks(thread)[-1]["level"] == "critical"

    shown = banner(thread)
    assert shown["level"] == "critical" and shown["level_text"] == "开盒风险：严重"
    assert shown["reasons"] == state["reasons"]
    assert_each_reason_once(shown["reasons"])
    assert browser.badge(tab_id)["color"] == BADGE_COLOURS["critical"]
    pop = popup(browser, tab_id)
    assert pop.inner_text("[data-testid=level]") == LEVEL_ZH["critical"]
    assert pop.locator("[data-testid=reasons] li").all_inner_texts() == shown["reasons"]
    pop.close()
    thread.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")   # both floors in view
    path = screenshot(thread, "tieba-thread")
    assert path.stat().st_size > 10_000

    # The dashboard's risk-page history has the page once, at the level the user was shown.
    rows = service.client().get("/api/v1/history/risk-pages?site=tieba.test").json()["risk_pages"]
    for _ in range(50):
        if rows and rows[0]["level"] == "critical":
            break
        thread.wait_for_timeout(100)
        rows = service.client().get("/api/v1/history/risk-pages?site=tieba.test").json()["risk_pages"]
    assert [(r["url"], r["level"]) for r in rows] == [(thread.url, "critical")]


def test_an_infinite_feed_lists_each_reason_once(browser, fixtures):
    page = browser.context.new_page()
    page.goto(fixtures.url("weibo.test", "weibo.html"))
    wait_idle(page)
    tab_id = browser.tab_id(page)
    assert browser.tab_state(tab_id)["fromPage"] is not None, "the service returned no assessment"
    before = idle_count(page)
    for count in (4, 5):   # the feed's next two pages, each a separate scan batch
        scroll_until(page, "article", count)
        wait_until(page, lambda: idle_count(page) > before, what="the next page of the feed to be scanned")
    wait_idle(page, after=before)
    state = browser.tab_state(tab_id)
    shown = banner(page)
    assert shown["level"] == state["level"] == "critical"
    assert shown["reasons"] == state["reasons"]
    assert_each_reason_once(shown["reasons"])
    assert [kind(r) for r in shown["reasons"] if r.startswith("号召他人")] == ["号召他人集体骚扰或开盒"]
    assert "包含他人身份证号、手机号和家庭住址" in shown["reasons"]
    # The page-level assessment (the worst post's reasons) replaces what the batches said together.
    assert state["reasons"] == state["fromPage"]["reasons"]
    page.close()
