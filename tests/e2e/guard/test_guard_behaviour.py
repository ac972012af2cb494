"""The guard's promises beyond one editor: split typing, own info first, decisions from the cache,
offline, the keyboard, and "post anyway" remembered for one draft only."""

from __future__ import annotations

import pytest

from guard_helpers import (ADDRESS, MODAL, PHONE, PII_DRAFT, RESIDENT_ID, free_port, modal_seen, received, type_draft,
                           wait_hint, wait_received)


pytestmark = pytest.mark.e2e
OWN_PHONE = "13900139000"


@pytest.mark.parametrize("name,composer", [("textarea.html", "#editor"),
                                           ("editor-prosemirror.html", "#editor .ProseMirror")])
def test_number_typed_across_two_separate_edits_is_found(open_fixture, name, composer):
    page = open_fixture(name)
    type_draft(page, composer, "电话1380013")
    page.wait_for_timeout(900)           # the first half was checked on its own
    page.keyboard.type("8000 找我")
    wait_hint(page, "found")
    page.click("#send")
    page.locator(MODAL).wait_for(state="visible")
    types = page.locator(f"{MODAL} li").evaluate_all("items => items.map(i => i.dataset.type)")
    assert "PHONE_MOBILE" in types
    assert received(page) == []


@pytest.fixture
def own_phone(guard_service):
    entry = guard_service.call("POST", "/vault", {"kind": "phone", "value": OWN_PHONE, "label": "我的手机"})["entry"]
    yield OWN_PHONE
    guard_service.call("DELETE", f"/vault/{entry['id']}")


def test_own_info_is_flagged_above_generic_findings(open_fixture, own_phone):
    page = open_fixture("textarea.html")
    type_draft(page, "#editor", f"地址{ADDRESS}，身份证{RESIDENT_ID}，手机{own_phone}")
    assert "你自己的" in wait_hint(page, "own")
    page.click("#send")
    page.locator(MODAL).wait_for(state="visible")
    items = page.locator(f"{MODAL} li")
    assert items.first.get_attribute("data-own") == "true"
    assert items.first.get_attribute("data-type") == "PHONE_MOBILE"
    assert "这是你保存的手机号" in items.first.inner_text()
    others = items.evaluate_all("items => items.slice(1).map(i => i.dataset.own)")
    assert others and set(others) == {"false"}
    assert "你自己的" in page.locator(f"{MODAL} h2").inner_text()


def test_decision_at_click_time_uses_the_cached_result(open_fixture, set_service_port):
    page = open_fixture("textarea.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "found")
    set_service_port(free_port())        # the service is gone; the cached result still decides
    page.click("#send")
    page.locator(MODAL).wait_for(state="visible")
    assert page.locator(MODAL).get_attribute("data-view") == "findings"


def test_send_before_any_result_blocks_and_checks(open_fixture, guard_service):
    page = open_fixture("textarea.html")
    page.click("#editor")
    page.keyboard.type(PII_DRAFT)
    page.keyboard.press("Control+Enter")  # within the 300 ms debounce: nothing cached yet
    page.locator(f"{MODAL}[data-view=findings]").wait_for(state="visible")
    assert received(page) == []


def test_offline_service_is_announced_on_the_first_send(open_fixture, set_service_port):
    set_service_port(free_port())
    page = open_fixture("textarea.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "offline")
    page.click("#send")
    dialog = page.locator(MODAL)
    dialog.wait_for(state="visible")
    assert dialog.get_attribute("data-view") == "offline"
    assert "hegai serve" in dialog.inner_text()
    assert received(page) == []
    page.click(f"{MODAL} [data-action=post]")   # the user may still post
    assert wait_received(page)[0]["text"] == PII_DRAFT


def test_modal_is_keyboard_accessible(open_fixture):
    page = open_fixture("textarea.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "found")
    page.click("#send")
    page.locator(MODAL).wait_for(state="visible")
    focused = "() => { const m = document.querySelector('hegai-guard-modal');" \
              " return m.shadowRoot.activeElement && m.shadowRoot.activeElement.dataset.action; }"
    assert page.locator(MODAL).get_attribute("role") == "dialog"
    assert page.evaluate(focused) == "mask"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "edit"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "post"
    page.keyboard.press("Tab")           # focus stays inside the dialog
    assert page.evaluate(focused) == "mask"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused) == "post"
    page.keyboard.press("Escape")
    page.locator(MODAL).wait_for(state="detached")
    assert received(page) == []
    assert page.evaluate("() => document.activeElement.id") == "editor"


def test_post_anyway_is_remembered_for_that_draft_only(open_fixture):
    page = open_fixture("contenteditable.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "found")
    page.click("#send")
    page.click(f"{MODAL} [data-action=post]")
    wait_received(page, 1)
    type_draft(page, "#editor", PII_DRAFT)        # the same draft again: not asked twice
    page.wait_for_timeout(800)
    page.click("#send")
    assert wait_received(page, 2)[1]["text"] == PII_DRAFT
    assert modal_seen(page) == 1
    type_draft(page, "#editor", f"新号码{PHONE[:-1]}1")  # another draft with a phone: asked again
    wait_hint(page, "found")
    page.click("#send")
    page.locator(MODAL).wait_for(state="visible")
    assert len(received(page)) == 2
