"""Self-exposure alerts and the local dashboard, end to end: a vault entry on a fixture page
raises a system notification and the banner, is recorded once, and shows on the dashboard
(opened from the popup), whose charts, filters and export work; the dashboard refuses other
Hosts and web-page Origins."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers.http import HttpClient

from .dashboard_helpers import chart_values, notifications, open_dashboard_from_popup, reload_after, wait_for
from .harness import ARTIFACTS_DIR, banner, screenshot, wait_idle

OWN_PHONE = "13912345678"        # on weibo.html


@pytest.fixture(scope="module")
def own_entry(service):
    reply = service.client().post("/api/v1/vault", json={"kind": "phone", "value": OWN_PHONE, "label": "我的手机"})
    assert reply.status == 201
    return reply.json()["entry"]


@pytest.fixture(scope="module")
def visited(browser, fixtures, own_entry):
    """The user browses a Weibo feed that shows their own phone, and a Zhihu answer that does not."""
    pages = {}
    for name in ("weibo", "zhihu"):
        page = browser.context.new_page()
        page.goto(fixtures.url(f"{name}.test", f"{name}.html"))
        wait_idle(page)
        pages[name] = page
    yield pages
    for page in pages.values():
        page.close()


def _history(service, query=""):
    return service.client().get(f"/api/v1/history/summary{query}").json()


def test_own_info_on_a_page_raises_notification_banner_and_one_record(browser, service, visited, own_entry):
    weibo = visited["weibo"]
    shown = banner(weibo)
    assert shown and shown["first_line"].startswith("⚠ 你保存的个人信息出现在此页面")
    assert own_entry["masked"] in shown["vault"]

    tab_id = browser.tab_id(weibo)
    found = wait_for(lambda: notifications(browser), what="a system notification")
    assert list(found) == [f"hegai-exposure:{tab_id}"]
    stored = browser.sw.evaluate("id => chrome.storage.session.get(`notification:${id}`)", f"hegai-exposure:{tab_id}")
    assert stored[f"notification:hegai-exposure:{tab_id}"] == {"forTab": tab_id, "pageUrl": weibo.url}

    rows = wait_for(lambda: service.client().get("/api/v1/history/exposures?site=weibo.test").json()["exposures"],
                    what="the exposure record")
    assert len(rows) == 1
    assert rows[0]["masked"] == own_entry["masked"] and rows[0]["kind"] == "phone" and rows[0]["url"] == weibo.url
    assert OWN_PHONE not in json.dumps(rows)
    # More content on the same page does not record it again.
    weibo.evaluate("() => { const p = document.createElement('p'); p.textContent = '再说一次 139 1234 5678';"
                   " document.body.append(p); }")
    weibo.wait_for_timeout(1500)
    assert len(service.client().get("/api/v1/history/exposures?site=weibo.test").json()["exposures"]) == 1
    # Nothing on zhihu.test was the user's own.
    assert service.client().get("/api/v1/history/exposures?site=zhihu.test").json()["exposures"] == []


def test_notification_offers_report_and_protection(browser):
    options = browser.sw.evaluate("""async () => {
        const t = (await Hegai.settings.catalog());
        return [t.t('alert_report'), t.t('alert_more')];
    }""")
    assert options == ["一键举报此页", "开启平台防护 / 保存证据"]


def test_dashboard_shows_the_exposure_with_charts(browser, service, visited, own_entry):
    tab_id = browser.tab_id(visited["weibo"])
    dash = open_dashboard_from_popup(browser, tab_id)
    assert dash.url == f"http://127.0.0.1:{service.port}/"
    summary = _history(service)

    assert dash.inner_text("[data-testid=total-exposures]") == "1"
    row = dash.locator("[data-testid=exposures] tbody tr").first
    assert own_entry["masked"] in row.inner_text() and "weibo.test" in row.inner_text()
    assert OWN_PHONE not in dash.content()

    by_type = chart_values(dash, "by-type")
    assert by_type == summary["findings_by_type"] and by_type.get("PHONE_MOBILE", 0) >= 2
    by_site = chart_values(dash, "by-site")
    assert by_site == {r["host"]: r["findings"] for r in summary["findings_by_site"]}
    assert set(by_site) == {"weibo.test", "zhihu.test"}
    exposures_line = chart_values(dash, "timeline", "exposures")
    findings_line = chart_values(dash, "timeline", "findings")
    assert sum(exposures_line.values()) == 1
    assert sum(findings_line.values()) == summary["totals"]["findings"]
    assert dash.locator("svg[data-chart='by-type'] g[data-key=PHONE_MOBILE] text").first.text_content() == "手机号"
    dash.wait_for_timeout(300)
    screenshot(dash, "dashboard")
    dash.close()


def test_dashboard_filters_and_language(browser, service, visited):
    dash = open_dashboard_from_popup(browser, browser.tab_id(visited["weibo"]))
    reload_after(dash, lambda: (dash.select_option("#f-site", "zhihu.test"), dash.click("#f-apply")))
    zhihu = _history(service, "?site=zhihu.test")
    assert chart_values(dash, "by-site") == {"zhihu.test": zhihu["totals"]["findings"]}
    assert chart_values(dash, "by-type") == zhihu["findings_by_type"]
    assert dash.inner_text("[data-testid=total-exposures]") == "0"

    reload_after(dash, lambda: (dash.select_option("#f-site", ""), dash.select_option("#f-type", "phone"),
                                dash.click("#f-apply")))
    phones = _history(service, "?type=phone")
    assert set(chart_values(dash, "by-type")) <= {"PHONE_MOBILE", "PHONE_LANDLINE"}
    assert chart_values(dash, "by-type") == phones["findings_by_type"]
    assert dash.inner_text("[data-testid=total-exposures]") == "1"

    reload_after(dash, lambda: dash.select_option("[data-testid=language]", "en"))
    assert dash.inner_text("h1") == "Hegai · Dashboard"
    reload_after(dash, lambda: dash.select_option("[data-testid=language]", "zh_CN"))
    assert dash.inner_text("h1") == "盒盖 · 仪表盘"
    dash.close()


def test_dashboard_export_csv_and_json(browser, service, visited, own_entry):
    dash = open_dashboard_from_popup(browser, browser.tab_id(visited["weibo"]))
    with dash.expect_download() as got:
        dash.click("[data-testid=export-links] a[data-dataset=exposures][data-format=csv]")
    text = open(got.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["host"], r["masked"]) for r in rows] == [("weibo.test", own_entry["masked"])]
    assert got.value.suggested_filename.startswith("hegai-history-exposures-")

    with dash.expect_download() as got:
        dash.click("[data-testid=export-links] a[data-format=json]")
    doc = json.loads(open(got.value.path(), encoding="utf-8").read())
    assert doc["findings_by_type"] == _history(service)["findings_by_type"]
    assert OWN_PHONE not in json.dumps(doc, ensure_ascii=False)
    dash.close()


def test_dashboard_refuses_foreign_host_and_web_page_origin(browser, service, fixtures, visited):
    raw = HttpClient(service.url)
    foreign = raw.get("/", headers={"Host": f"attacker.example:{service.port}"})
    assert foreign.status == 403 and foreign.json()["error"]["code"] == "forbidden_host"
    page_origin = f"http://weibo.test:{fixtures.port}"
    for path in ("/", "/dashboard/api/history/summary", "/api/v1/history/summary"):
        refused = raw.get(path, headers={"Origin": page_origin})
        assert refused.status == 403 and refused.json()["error"]["code"] == "forbidden_origin", path
    raw.close()

    # And from inside a web page in the same browser (which holds a dashboard session cookie):
    results = visited["zhihu"].evaluate("""async (base) => {
        const out = {};
        for (const path of ['/', '/dashboard/api/history/summary', '/api/v1/history/summary']) {
          try { const r = await fetch(base + path, {credentials: 'include'}); out[path] = 'read:' + r.status; }
          catch (e) { out[path] = 'blocked'; }
        }
        try { await fetch(base + '/dashboard/api/history', {method: 'DELETE', credentials: 'include'});
              out.delete = 'sent'; } catch (e) { out.delete = 'blocked'; }
        return out;
    }""", service.url)
    assert set(results.values()) == {"blocked"}, results
    assert _history(service)["totals"]["exposures"] == 1   # nothing was deleted


def test_dashboard_delete_all_history(browser, service, visited):
    dash = open_dashboard_from_popup(browser, browser.tab_id(visited["weibo"]))
    dash.on("dialog", lambda dialog: dialog.accept())
    reload_after(dash, lambda: dash.click("[data-testid=delete-all]"))
    assert dash.inner_text("[data-testid=total-exposures]") == "0"
    assert dash.locator("svg[data-chart='by-type'] rect").count() == 0
    assert _history(service)["totals"] == {"exposures": 0, "pages_visited": 0, "findings": 0, "risk_pages": 0,
                                           "reports": _history(service)["totals"]["reports"]}
    dash.close()


# -- what a user meets on the dashboard (issue 17) ----------------------------------------------
ARTIFACTS = ARTIFACTS_DIR / "screenshots"
LONG_HOST = "a-very-long-subdomain-name-for-testing.forum.example-community-site.com.cn"


def test_reloading_a_page_does_not_grow_personal_info_found(browser, service, visited):
    """The same page reloaded is scanned again; its values are counted once (distinct per page)."""
    page = visited["zhihu"]
    page.reload()                       # (the history was deleted above)
    wait_idle(page)
    page.wait_for_timeout(500)
    before = _history(service, "?site=zhihu.test")["totals"]["findings"]
    assert before > 0
    for _ in range(2):
        page.reload()
        wait_idle(page)
    page.wait_for_timeout(500)
    after = _history(service, "?site=zhihu.test")
    assert after["totals"]["findings"] == before and after["totals"]["pages_visited"] == 1
    dash = open_dashboard_from_popup(browser, browser.tab_id(page))
    assert dash.inner_text("[data-testid=total-findings]") == str(_history(service)["totals"]["findings"])
    dash.close()


@pytest.fixture(scope="module")
def recorded(service):
    """History with a long host name, a critical page and reports to two platforms."""
    client = service.client()
    url = f"https://{LONG_HOST}/t/1"
    client.post("/api/v1/scan", json={"url": url, "chunks": [{"id": 1, "text": "手机 13900139000"}]})
    client.post("/api/v1/history/risk-pages", json={"url": url, "level": "critical", "categories": ["EXPOSURE"]})
    for page in ("https://www.douban.com/group/topic/990001/", "https://weibo.com/1/990002"):
        assert client.post("/api/v1/reports", json={"url": page, "text": "开盒 13900139000"}).status == 201
    return url


def _layout(dash) -> dict:
    return dash.evaluate("""() => {
        const column = (table, key) => {          // cells under the header named `key`, by position
          const heads = [...document.querySelectorAll(`[data-testid=${table}] thead th`)];
          const n = heads.findIndex((th) => th.dataset.i18n === key) + 1;
          return [...document.querySelectorAll(`[data-testid=${table}] tbody td:nth-child(${n})`)];
        };
        const level = column('risk-pages', 'col_level')[0];
        const range = document.createRange();
        range.selectNodeContents(level);
        const labels = [...document.querySelectorAll("svg[data-chart='by-site'] g[data-key] text[data-label]")];
        const svg = document.querySelector("svg[data-chart='by-site']").getBoundingClientRect();
        return {
          level: level.textContent, level_lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size,
          platforms: column('reports', 'col_platform').map((c) => c.textContent),
          labels: labels.map((t) => ({key: t.dataset.label, shown: t.firstChild.nodeValue, left: t.getBoundingClientRect().left - svg.left,
                                       title: t.querySelector('title') && t.querySelector('title').textContent})),
          page_width: document.documentElement.scrollWidth,
          tokens_link: document.querySelector('[data-testid=tokens-link]').textContent,
        };
    }""")


VIEWS = [("zh_CN", 1280), ("en", 1280), ("zh_CN", 420), ("en", 420)]


@pytest.fixture(scope="module")
def layouts(browser, service, visited, recorded) -> dict:
    """The dashboard as drawn in each language at 1280 and 420 px (a screenshot of each kept)."""
    out = {}
    for lang, width in VIEWS:
        dash = open_dashboard_from_popup(browser, browser.tab_id(visited["weibo"]))
        # drawn first, then the window narrowed: the labels must fit the width they end up at
        dash.wait_for_selector("svg[data-chart='by-site'] g[data-key] text[data-label]")
        dash.set_viewport_size({"width": width, "height": 900})
        # what the user sees once the page has redrawn at the new width (labels are fitted again)
        dash.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        if lang == "en":
            reload_after(dash, lambda: dash.select_option("[data-testid=language]", "en"))
        out[(lang, width)] = _layout(dash)
        dash.evaluate("() => window.scrollTo(0, 0)")
        dash.screenshot(path=str(ARTIFACTS / f"dashboard-{lang}-{width}.png"), full_page=True)
        if lang == "en":
            reload_after(dash, lambda: dash.select_option("[data-testid=language]", "zh_CN"))
        dash.close()
    return out


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
def test_reports_name_their_platform(layouts, view):
    names = {"zh_CN": {"豆瓣", "微博"}, "en": {"Douban", "Weibo"}}[view[0]]
    shown = set(layouts[view]["platforms"])
    assert names <= shown and not {"douban", "weibo"} & shown, shown


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
def test_a_level_stays_on_one_line(layouts, view):
    got = layouts[view]
    assert got["level"] == {"zh_CN": "严重", "en": "critical"}[view[0]] and got["level_lines"] == 1


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
def test_a_long_host_name_stays_inside_its_chart(layouts, view):
    labels = layouts[view]["labels"]
    assert all(label["left"] >= 0 for label in labels), labels
    long_label = next(label for label in labels if label["key"] == LONG_HOST)
    assert long_label["shown"].startswith("…") and LONG_HOST.endswith(long_label["shown"][1:])
    assert long_label["title"] == LONG_HOST                   # the whole name on hover


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
def test_the_tokens_link_speaks_the_pages_language(layouts, view):
    assert layouts[view]["tokens_link"] == {"zh_CN": "访问令牌", "en": "Access tokens"}[view[0]]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v[0]}-{v[1]}")
def test_the_page_fits_the_window(layouts, view):
    assert layouts[view]["page_width"] <= view[1], "the page is wider than the window"


def test_adding_a_vault_entry_says_it_was_saved(browser, service):
    options = browser.context.new_page()
    options.goto(browser.extension_url("ui/options.html"))
    options.wait_for_selector("body[data-ready='1']")
    options.select_option("[data-testid=vault-kind]", "phone")
    options.fill("[data-testid=vault-value]", "13711112222")
    options.click("[data-testid=vault-add]")
    options.wait_for_selector("[data-testid=vault-msg][data-state=saved]")
    said = options.inner_text("[data-testid=vault-msg]")
    entry = next(e for e in service.client().get("/api/v1/vault").json()["entries"] if e["masked"].startswith("137"))
    assert said.startswith(f"已保存：手机号 {entry['masked']}") and "13711112222" not in said
    assert options.locator(f"[data-testid=vault-list] li[data-entry='{entry['id']}'].just-added").count() == 1
    screenshot(options, "options-vault-saved")
    service.client().delete(f"/api/v1/vault/{entry['id']}")
    options.close()
