"""The popup (counts per type, level, site switch), the toolbar badge, blur mode, and the
options page (vault, per-site settings, style, language) — as the user sees them."""

from __future__ import annotations

from collections import Counter

import pytest

from .harness import (banner, click_banner_button, mark_pieces, marks, popup, popup_counts, wait_idle, wait_until)


def load(browser, fixtures, name):
    page = browser.context.new_page()
    page.goto(fixtures.url(f"{name}.test", f"{name}.html"))
    wait_idle(page)
    return page


@pytest.fixture(scope="module")
def douban(browser, fixtures):
    page = load(browser, fixtures, "douban")
    yield page
    page.close()


def test_popup_counts_per_type_match_the_marks(browser, douban):
    tab_id = browser.tab_id(douban)
    pop = popup(browser, tab_id)
    marked = Counter(m["type"] for m in marks(douban))
    assert popup_counts(pop) == dict(marked)
    assert pop.inner_text("[data-testid=status]") == "本地服务已连接"
    assert pop.inner_text("[data-testid=total]") == f"共发现 {sum(marked.values())} 处个人信息"
    assert pop.inner_text("[data-testid=counts] tr[data-type=PHONE_MOBILE] td:first-child") == "手机号"
    state = browser.tab_state(tab_id)
    level_zh = {"none": "无", "low": "低", "medium": "中", "high": "高", "critical": "严重"}[state["level"]]
    assert pop.inner_text("[data-testid=level]") == level_zh
    assert pop.locator("[data-testid=reasons] li").all_inner_texts() == state["reasons"]
    assert pop.is_checked("[data-testid=site-enabled]")
    pop.close()


def test_badge_shows_the_count_coloured_by_level(browser, douban):
    tab_id = browser.tab_id(douban)
    state = browser.tab_state(tab_id)
    badge = browser.badge(tab_id)
    assert badge["text"] == str(len(marks(douban))) == str(state["total"])
    colours = {"none": [37, 99, 235, 255], "low": [37, 99, 235, 255], "medium": [217, 119, 6, 255],
               "high": [220, 38, 38, 255], "critical": [127, 29, 29, 255]}
    assert badge["color"] == colours[state["level"]]


def test_clean_page_has_no_badge_and_no_banner(browser, fixtures):
    page = load(browser, fixtures, "plain")
    tab_id = browser.tab_id(page)
    assert browser.badge(tab_id)["text"] == ""
    assert marks(page) == [] and banner(page) is None
    pop = popup(browser, tab_id)
    assert pop.inner_text("[data-testid=total]") == "未发现个人信息。"
    pop.close()
    page.close()


def test_site_switch_in_popup_turns_marking_off_and_on(browser, fixtures):
    page = load(browser, fixtures, "tieba")
    assert marks(page)
    pop = popup(browser, browser.tab_id(page))
    pop.click("[data-testid=site-enabled]")
    wait_until(page, lambda: not marks(page), what="the marks to go")
    assert "13800138000" in page.inner_text(".l_post")  # the text is back as it was
    page.reload()
    page.wait_for_timeout(800)
    assert marks(page) == []
    pop.reload()
    pop.wait_for_selector("body[data-ready='1']")
    assert not pop.is_checked("[data-testid=site-enabled]")
    pop.click("[data-testid=site-enabled]")
    wait_until(page, lambda: marks(page), what="marks")
    pop.close()
    page.close()


def test_banner_blur_button_blurs_the_marks(browser, service, fixtures):
    # A vault entry guarantees a banner whatever the risk engine says about this page.
    entry = service.client().post("/api/v1/vault", json={"kind": "phone", "value": "15012345678"}).json()["entry"]
    page = load(browser, fixtures, "xiaohongshu")
    page.bring_to_front()
    assert all(m["filter"] == "none" for m in marks(page))
    click_banner_button(page, "blur")
    wait_until(page, lambda: all("blur" in m["filter"] for m in marks(page)), what="blurred marks")
    assert banner(page)["buttons"]["blur"]["text"] == "取消打码"
    with browser.context.expect_page() as opened:   # the report entry tab (issue 7, test_report_flow.py)
        click_banner_button(page, "report")
    opened.value.close()
    for _ in range(50):
        if banner(page)["status"]:
            break
        page.wait_for_timeout(100)
    assert banner(page)["status"].startswith("已生成举报 #")
    # Folding it keeps the level (a pill); opening it again brings 打码/举报 back.
    click_banner_button(page, "collapse")
    folded = wait_until(page, lambda: (banner(page) or {}).get("state") == "collapsed" and banner(page),
                        what="the folded banner")
    assert folded["pill"] == f"⚠ {folded['level_text']}" and set(folded["buttons"]) == {"expand"}
    click_banner_button(page, "expand")
    wait_until(page, lambda: banner(page)["state"] == "open", what="the banner to open again")
    assert {"blur", "report"} <= set(banner(page)["buttons"])
    page.close()
    service.client().delete(f"/api/v1/vault/{entry['id']}")


def test_per_site_blur_mode_from_options(browser, fixtures):
    options = browser.context.new_page()
    options.goto(browser.extension_url("ui/options.html"))
    options.wait_for_selector("body[data-ready='1']")
    # The site appears in the list once it has a setting; give it one through the popup path first.
    page = load(browser, fixtures, "zhihu")
    browser.sw.evaluate("() => Hegai.settings.update({sites: {'zhihu.test': {enabled: true}}})")
    options.reload()
    options.wait_for_selector("body[data-ready='1']")
    row = options.locator("tr[data-host='zhihu.test']")
    row.locator("[data-testid=site-style]").select_option("blur")
    wait_until(page, lambda: all("blur" in m["filter"] for m in marks(page)), what="blurred marks")
    page.reload()
    wait_idle(page)
    # the tab's progress notes may still hold the last load's "idle" for a moment after a reload:
    # wait for this load's marks, which must come blurred (the setting outlives the page)
    def all_blurred():
        found = marks(page)
        return bool(found) and all("blur" in m["filter"] for m in found)

    wait_until(page, all_blurred, what="blurred marks after the reload")
    options.close()
    page.close()


def test_options_vault_add_list_masked_delete(browser, service):
    options = browser.context.new_page()
    options.goto(browser.extension_url("ui/options.html"))
    options.wait_for_selector("body[data-ready='1']")
    options.select_option("[data-testid=vault-kind]", "id_card")
    options.fill("[data-testid=vault-value]", "420106198709098761")
    options.fill("[data-testid=vault-label]", "我的身份证")
    options.click("[data-testid=vault-add]")
    item = options.locator("[data-testid=vault-list] li[data-kind=id_card]")
    item.wait_for()
    masked = item.locator("[data-testid=vault-masked]").inner_text()
    assert "420106198709098761" not in options.content()
    assert masked != "420106198709098761" and "*" in masked
    stored = service.client().get("/api/v1/vault").json()["entries"]
    assert [e["masked"] for e in stored if e["kind"] == "id_card"] == [masked]
    item.locator("[data-testid=vault-delete]").click()
    options.wait_for_selector("[data-testid=vault-list] li[data-kind=id_card]", state="detached")
    assert not [e for e in service.client().get("/api/v1/vault").json()["entries"] if e["kind"] == "id_card"]
    options.close()


def test_language_switch_to_english_and_back(browser, fixtures):
    options = browser.context.new_page()
    options.goto(browser.extension_url("ui/options.html"))
    options.wait_for_selector("body[data-ready='1']")
    assert options.inner_text("h1") == "盒盖设置"
    options.select_option("[data-testid=language]", "en")
    options.wait_for_function("() => document.querySelector('h1').textContent === 'Hegai options'")
    # Every section of the page, the pre-post warnings included, and the "saved" note follow.
    options.wait_for_function("() => document.querySelector('#guard h2').textContent === 'Warnings before posting'")
    assert options.inner_text("#settings-msg") == "Saved"
    page = load(browser, fixtures, "douban")
    pop = popup(browser, browser.tab_id(page))
    assert pop.inner_text("[data-testid=counts] tr[data-type=PHONE_MOBILE] td:first-child") == "mobile number"
    assert pop.inner_text("[data-testid=status]") == "Local service connected"
    assert pop.locator("p:has([data-testid=level])").inner_text().startswith("Doxxing risk:")   # not "："
    title = marks(page)[0]["title"]
    assert title.startswith("mobile number · ") and "valid mobile prefix" in title, title   # the service's reasons too
    options.select_option("[data-testid=language]", "zh_CN")
    options.wait_for_function("() => document.querySelector('h1').textContent === '盒盖设置'")
    for p in (pop, options, page):
        p.close()


def first_mark_title(page) -> str:
    found = mark_pieces(page)
    return min(found, key=lambda m: int(m["id"]))["title"] if found else ""


def test_an_open_page_speaks_the_new_language_without_reload(browser, fixtures):
    """The hover text's reasons come from the service in the chosen language: switching the
    language rescans open pages, so their marks and banner change without a reload."""
    page = load(browser, fixtures, "douban")
    assert "号段有效" in first_mark_title(page)
    options = browser.context.new_page()
    options.goto(browser.extension_url("ui/options.html"))
    options.wait_for_selector("body[data-ready='1']")
    try:
        options.select_option("[data-testid=language]", "en")
        wait_until(page, lambda: "valid mobile prefix" in first_mark_title(page), what="English hover text")
        assert {m["type"] for m in marks(page)} >= {"PHONE_MOBILE"}
        assert all("号段有效" not in m["title"] for m in marks(page))
    finally:
        options.select_option("[data-testid=language]", "zh_CN")
        wait_until(page, lambda: "号段有效" in first_mark_title(page), what="Chinese hover text")
        options.close()
        page.close()
