"""Report steps people can trust (issue 23): in real Chromium with the extension, a report for a
fixture page shows the platform's steps from the registry; a confirmed step reads as a plain
instruction, every other one has "未核实，请以平台页面为准" beside it — in the banner's report
step and on the report page. The platform's protection switch is named with its path, and the
report text comes in a short and a long version (no unknown limit enforced).

The fixture host plain.test stands for WeChat here (HEGAI_PLATFORMS_OVERRIDE adds it to the
registry's "tencent" hosts): its steps mix confirmed and unverified ones. douban.test stands for
Douban, whose 应急防护模式 is confirmed."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from tests.helpers.live_service import LiveService

from .harness import banner, click_banner_button, in_closed_roots, screenshot, wait_idle, wait_until

WECHAT_PAGE = "report/wechat-kaihe.html"
DOUBAN_SELF_PAGE = "report/douban-self.html"
OWN_PHONE = "13700001111"
MARKER_ZH = "未核实，请以平台页面为准"
MARKER_EN = "Unverified — check the platform's own page"
CONFIRMED_STEP = "选择“存在侵权行为(侵犯知识产权、人身权)”（范围包括隐私权侵权）"
UNVERIFIED_STEP = "QQ：在资料卡或群聊右上角选择“举报”"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    override = tmp_path_factory.mktemp("platforms") / "platforms.json"
    override.write_text(json.dumps({"tencent": {"hosts": ["qq.com", "weixin.qq.com", "plain.test"]},
                                    "douban": {"hosts": ["douban.com", "douban.test"]}}), "utf-8")
    with LiveService(env={"HEGAI_PLATFORMS_OVERRIDE": str(override)}) as svc:
        yield svc


_GUIDE_JS = """function () {
  const guide = this.querySelector('[data-role=report-guide]');
  if (!guide) return null;
  return [...guide.querySelectorAll('li')].map((li) => ({
    text: li.firstChild.textContent, confirmed: li.dataset.confirmed, protection: Boolean(li.closest('[data-role=protection]')),
    marker: li.querySelector('[data-role=unverified]') ? li.querySelector('[data-role=unverified]').textContent : null}));
}"""


def _guide(page) -> list[dict] | None:
    found = in_closed_roots(page, "data-role", _GUIDE_JS)
    return found[0] if found else None


@pytest.fixture(scope="module")
def reported(browser, fixtures):
    """One click on the banner's report button on the WeChat-like page: the banner, and the report
    page the extension opened (this platform's form sits in the app's menu: no address to open)."""
    page = browser.context.new_page()
    page.goto(fixtures.url("plain.test", WECHAT_PAGE))
    wait_idle(page)
    assert banner(page), "no banner on the 开盒 page"
    page.bring_to_front()
    with browser.context.expect_page(timeout=20000) as opened:
        click_banner_button(page, "report")
    detail = opened.value
    detail.wait_for_selector("body[data-ready='1']", timeout=20000)
    detail.wait_for_selector("[data-testid=detail]:not([hidden])")
    yield {"page": page, "detail": detail}
    detail.close()
    page.close()


def _step(detail, text: str):
    items = detail.locator("[data-role=steps] li", has_text=text)
    assert items.count() == 1, f"step {text!r} not shown"
    return items.first


def test_report_page_marks_unverified_steps_and_not_confirmed_ones(reported):
    detail = reported["detail"]
    assert "reports/reports.html?id=" in detail.url
    confirmed = _step(detail, CONFIRMED_STEP)
    assert confirmed.get_attribute("data-confidence") == "confirmed"
    assert confirmed.locator("[data-role=unverified]").count() == 0 and MARKER_ZH not in confirmed.inner_text()
    assert confirmed.locator("a.source").first.get_attribute("href").startswith("http://sd.chinapost.com.cn/")
    unverified = _step(detail, UNVERIFIED_STEP)
    assert unverified.get_attribute("data-confidence") == "unverified"
    assert unverified.locator("[data-role=unverified]").inner_text() == MARKER_ZH
    # The category the official text names is confirmed: no marker beside it.
    category = detail.locator("[data-role=category]")
    assert "存在侵权行为(侵犯知识产权、人身权)" in category.inner_text()
    assert category.locator("[data-role=unverified]").count() == 0


def test_report_page_offers_a_short_and_a_long_text(reported):
    detail = reported["detail"]
    short, long = detail.inner_text("[data-role=short]"), detail.inner_text("[data-role=long]")
    assert short and long and len(short) < len(long)
    assert "个人信息保护法" in short and "【法律依据】" in long
    assert "没有截断" in detail.inner_text("[data-role=limit-note]")        # no limit is known, none enforced
    assert "13912345678" not in short + long
    detail.bring_to_front()
    detail.wait_for_timeout(200)
    screenshot(detail, "report-page-zh")
    detail.set_viewport_size({"width": 420, "height": 900})
    try:
        detail.wait_for_timeout(200)
        assert detail.evaluate("() => document.documentElement.scrollWidth") <= 420
        screenshot(detail, "report-page-zh-420")
    finally:
        detail.set_viewport_size({"width": 1200, "height": 900})


def test_banner_report_step_marks_unverified_steps(reported):
    page = reported["page"]
    steps = wait_until(page, lambda: _guide(page), 15000, "the banner's report steps")
    by_text = {s["text"]: s for s in steps}
    assert by_text[CONFIRMED_STEP]["marker"] is None and by_text[CONFIRMED_STEP]["confirmed"] == "true"
    assert by_text[UNVERIFIED_STEP]["marker"] == MARKER_ZH and by_text[UNVERIFIED_STEP]["confirmed"] == "false"
    page.bring_to_front()
    screenshot(page, "report-banner-steps")


def test_report_page_names_the_platforms_protection_switch(browser, service):
    """A Douban report: 应急防护模式 by name and path (confirmed by 北京青年报, so no marker), while
    Douban's menu steps (one Q&A) carry the marker."""
    created = service.client().post("/api/v1/reports", json={
        "url": "https://www.douban.com/group/topic/1/", "title": "开盒帖", "platform": "douban",
        "text": "开盒：王小明 手机 13912345678 身份证 44030519900101123X"}).json()
    page = browser.context.new_page()
    page.goto(browser.extension_url(f"reports/reports.html?id={created['report']['id']}"))
    page.wait_for_selector("[data-testid=detail]:not([hidden])")
    guard = page.locator("[data-role=protection]")
    assert "应急防护模式" in guard.inner_text() and "设置 → 隐私设置 → 应急防护模式" in guard.inner_text()
    assert "14天" in guard.inner_text() and guard.locator("[data-role=unverified]").count() == 0
    assert guard.locator("a.source").count() == 2
    first = page.locator("[data-role=steps] li").first
    assert first.locator("[data-role=unverified]").inner_text() == MARKER_ZH
    guard.scroll_into_view_if_needed()
    screenshot(page, "report-page-protection")
    page.close()


def test_report_page_in_english_and_narrow(browser, reported):
    detail_url = reported["detail"].url
    options = choose_english(browser)
    page = browser.context.new_page()
    try:
        page.goto(detail_url)
        page.wait_for_selector("[data-testid=detail]:not([hidden])")
        assert _step(page, UNVERIFIED_STEP).locator("[data-role=unverified]").inner_text() == MARKER_EN
        assert _step(page, CONFIRMED_STEP).locator("[data-role=unverified]").count() == 0
        # The platform by its English name (the registry's name_en), in the report and in the log.
        assert "Tencent (WeChat / QQ)" in page.inner_text("[data-testid=detail] h2")
        assert "腾讯" not in page.inner_text("[data-testid=detail] h2")
        wait_until(page, lambda: page.locator("[data-role=platform]").count() > 0, 10000, "the report log")
        cells = page.locator("[data-role=platform]").all_inner_texts()
        assert any("Tencent (WeChat / QQ)" in c for c in cells) and not any("腾讯" in c or "豆瓣" in c for c in cells), cells
        screenshot(page, "report-page-en")
        page.set_viewport_size({"width": 420, "height": 900})
        page.wait_for_timeout(200)
        # Nothing wider than the window: the page does not scroll sideways.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
        screenshot(page, "report-page-en-420")
    finally:
        options.select_option("[data-testid=language]", "zh_CN")
        options.wait_for_function("() => document.querySelector('h1').textContent === '盒盖设置'")
        options.close()
        page.close()


def test_own_info_exposed_points_to_the_platforms_protection_switch(browser, service, fixtures):
    """The user's own phone on a Douban page: the banner's report step names 应急防护模式 with its
    path (confirmed: no marker), and so does the alert page, with its sources."""
    assert service.client().post("/api/v1/vault", json={"kind": "phone", "value": OWN_PHONE}).status == 201
    page = browser.context.new_page()
    page.goto(fixtures.url("douban.test", DOUBAN_SELF_PAGE))
    wait_idle(page)
    assert banner(page)["vault"], "the user's own phone is not announced"
    page.bring_to_front()
    with browser.context.expect_page(timeout=20000) as opened:
        click_banner_button(page, "report")
    opened.value.close()
    steps = wait_until(page, lambda: _guide(page), 15000, "the banner's report steps")
    protection = [s for s in steps if s["protection"]]
    assert len(protection) == 1, steps
    assert "应急防护模式" in protection[0]["text"] and "设置 → 隐私设置 → 应急防护模式" in protection[0]["text"]
    assert protection[0]["marker"] is None                       # 北京青年报 quoting Douban: confirmed
    assert all(s["marker"] == MARKER_ZH for s in steps if not s["protection"])   # Douban's menu: a Q&A at best
    screenshot(page, "report-banner-protection")

    alert = browser.context.new_page()
    alert.goto(browser.extension_url(f"ui/alert.html?tabId={browser.tab_id(page)}&url={quote(page.url, safe='')}"))
    alert.wait_for_selector("body[data-ready='1']")
    text = alert.inner_text("#protection")
    assert "应急防护模式" in text and MARKER_ZH not in text
    assert alert.locator("#protection a").first.get_attribute("href").startswith("https://app.bjtitle.com/")
    alert.close()
    page.close()


def test_an_english_user_reads_platform_names_in_english(browser, service, fixtures):
    """The registry's name_en, wherever the extension names a platform in English: the banner's
    status after a report ("Report #N created for Douban") and the alert page's protection line."""
    reply = service.client().post("/api/v1/vault", json={"kind": "phone", "value": OWN_PHONE})
    assert reply.status in (200, 201), reply.body[:200]      # 200: already saved by the test above
    options = choose_english(browser)
    page = browser.context.new_page()
    try:
        page.goto(fixtures.url("douban.test", DOUBAN_SELF_PAGE + "?english=1"))   # a page not reported yet
        wait_idle(page)
        page.bring_to_front()
        with browser.context.expect_page(timeout=20000) as opened:
            click_banner_button(page, "report")
        opened.value.close()
        status = wait_until(page, lambda: (banner(page) or {}).get("status"), 15000, "the banner's report status")
        assert "Douban" in status and "豆瓣" not in status, status

        alert = browser.context.new_page()
        alert.goto(browser.extension_url(f"ui/alert.html?tabId={browser.tab_id(page)}&url={quote(page.url, safe='')}"))
        alert.wait_for_selector("body[data-ready='1']")
        text = alert.inner_text("#protection")
        assert "In Douban," in text, text      # the menu path after it is the app's own (我的豆瓣 → 设置…)
        # the page's own punctuation is English (the switch's name, then its path as the registry writes it)
        assert re.search(r"go to: [^：:]+: ", text), text
        assert "：" not in alert.inner_text("#entries"), alert.inner_text("#entries")
        screenshot(alert, "alert-protection-en")
        alert.close()
    finally:
        options.select_option("[data-testid=language]", "zh_CN")
        options.wait_for_function("() => document.querySelector('h1').textContent === '盒盖设置'")
        options.close()
        page.close()


def choose_english(browser):
    """The options page, with English chosen and in effect (its heading reads in English)."""
    options = browser.context.new_page()
    options.goto(browser.extension_url("ui/options.html"))
    options.wait_for_selector("body[data-ready='1']")
    options.select_option("[data-testid=language]", "en")
    options.wait_for_function("() => document.querySelector('h1').textContent === 'Hegai options'")
    return options
