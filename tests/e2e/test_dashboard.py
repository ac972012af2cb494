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
from .harness import banner, screenshot, wait_idle

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
