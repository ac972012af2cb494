"""Helpers for the dashboard e2e tests (kept out of conftest.py, which is the harness's)."""

from __future__ import annotations

import time

from .harness import popup


def notifications(browser) -> dict:
    """The extension's system notifications, read in its service worker."""
    return browser.sw.evaluate("() => new Promise((resolve) => chrome.notifications.getAll(resolve))")


def wait_for(predicate, timeout: float = 10, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def open_dashboard_from_popup(browser, tab_id: int):
    """Click "打开仪表盘" in the popup, as the user does; returns the dashboard tab, loaded."""
    pop = popup(browser, tab_id)
    with browser.context.expect_page() as opened:
        pop.click("[data-testid=open-dashboard]")
    dash = opened.value
    dash.wait_for_selector("body[data-ready]")
    if not pop.is_closed():
        pop.close()
    return dash


def chart_values(page, chart: str, series: str | None = None) -> dict[str, int]:
    """{data-key: data-value} of the bars an SVG chart drew."""
    selector = f"svg[data-chart='{chart}'] rect[data-key]" + (f"[data-series='{series}']" if series else "")
    pairs = page.eval_on_selector_all(selector, "rs => rs.map(r => [r.dataset.key, Number(r.dataset.value)])")
    return dict(pairs)


def reload_after(page, action) -> None:
    """Run ``action`` (which makes the dashboard reload its data) and wait until it has."""
    before = int(page.get_attribute("body", "data-ready"))
    action()
    page.wait_for_function("n => Number(document.body.dataset.ready) > n", arg=before)
