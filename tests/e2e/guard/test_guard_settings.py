"""The options page's "warnings before posting" section changes what the guard holds."""

from __future__ import annotations

import pytest

from guard_helpers import PHONE, PII_DRAFT, modal_seen, type_draft, wait_hint, wait_modal, wait_received

pytestmark = pytest.mark.e2e
EXTENSION_ID = "bhdpaekabndnmhaenibmgdkeiplpoojm"
OWN_PHONE = "13900139000"


@pytest.fixture
def options(guard_context):
    page = guard_context.new_page()
    page.goto(f"chrome-extension://{EXTENSION_ID}/ui/options.html")
    page.locator("#guard[data-ready='1']").wait_for()
    yield page
    reset = {"sites": {"127.0.0.1": None}, "only_own": False}
    page.evaluate("(s) => chrome.runtime.sendMessage({type: 'put-settings', settings: s})", reset)
    page.evaluate("""async () => {
        const r = await chrome.runtime.sendMessage({type: 'get-settings'});
        const all = [...document.querySelectorAll('input[data-testid^=guard-type-]')].map(b => b.value);
        await chrome.runtime.sendMessage({type: 'put-settings', settings: {warn_types: all}});
    }""")
    page.close()


def saved(options_page):
    options_page.locator("[data-testid=guard-msg]").filter(has_text="已保存").wait_for()
    options_page.evaluate("() => document.querySelector('[data-testid=guard-msg]').textContent = ''")


def assert_not_held(page, composer, text):
    type_draft(page, composer, text)
    page.wait_for_timeout(1200)
    page.click("#send")
    assert wait_received(page)[0]["text"] == text
    assert modal_seen(page) == 0


def test_switching_a_site_off_stops_the_guard_there(options, open_fixture):
    options.fill("[data-testid=guard-site-host]", "127.0.0.1")
    options.click("[data-testid=guard-site-off]")
    saved(options)
    page = open_fixture("textarea.html")
    assert_not_held(page, "#editor", PII_DRAFT)


def test_unticked_type_does_not_warn(options, open_fixture):
    options.uncheck("[data-testid=guard-type-PHONE_MOBILE]")
    saved(options)
    page = open_fixture("textarea.html")
    assert_not_held(page, "#editor", f"电话{PHONE}")


@pytest.fixture
def own_phone(guard_service):
    entry = guard_service.call("POST", "/vault", {"kind": "phone", "value": OWN_PHONE})["entry"]
    yield OWN_PHONE
    guard_service.call("DELETE", f"/vault/{entry['id']}")


def test_only_own_mode_warns_only_about_the_vault(options, open_fixture, own_phone):
    options.check("[data-testid=guard-only-own]")
    saved(options)
    page = open_fixture("textarea.html")
    assert_not_held(page, "#editor", PII_DRAFT)
    type_draft(page, "#editor", f"{PII_DRAFT}，也可以打{own_phone}")
    wait_hint(page, "own")
    page.click("#send")
    owns = [i["own"] for i in wait_modal(page)["items"]]
    assert owns == ["true"]
