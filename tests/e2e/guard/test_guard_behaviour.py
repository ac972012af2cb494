"""The guard's promises beyond one editor: split typing, own info first, decisions from the cache,
offline, the keyboard, and "post anyway" remembered for one draft only."""

from __future__ import annotations

import pytest

from guard_helpers import (ADDRESS, PHONE, PII_DRAFT, RESIDENT_ID, click_modal, free_port, modal_seen, received,
                           type_draft, wait_hint, wait_modal, wait_no_modal, wait_received)


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
    types = [i["type"] for i in wait_modal(page)["items"]]
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
    modal = wait_modal(page)
    items = modal["items"]
    assert items[0]["own"] == "true"
    assert items[0]["type"] == "PHONE_MOBILE"
    assert "这是你保存的手机号" in items[0]["text"]
    others = [i["own"] for i in items[1:]]
    assert others and set(others) == {"false"}
    assert "你自己的" in modal["title"]


def test_decision_at_click_time_uses_the_cached_result(open_fixture, set_service_port):
    page = open_fixture("textarea.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "found")
    set_service_port(free_port())        # the service is gone; the cached result still decides
    page.click("#send")
    assert wait_modal(page)["view"] == "findings"


def test_send_before_any_result_blocks_and_checks(open_fixture, guard_service):
    page = open_fixture("textarea.html")
    page.click("#editor")
    page.keyboard.type(PII_DRAFT)
    page.keyboard.press("Control+Enter")  # within the 300 ms debounce: nothing cached yet
    wait_modal(page, "findings")
    assert received(page) == []


def test_offline_service_is_announced_on_the_first_send(open_fixture, set_service_port):
    set_service_port(free_port())
    page = open_fixture("textarea.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "offline")
    page.click("#send")
    dialog = wait_modal(page)
    assert dialog["view"] == "offline"
    assert "scripts/run" in dialog["text"]      # the command a new user has (hegai is not on PATH)
    assert received(page) == []
    click_modal(page, "post")   # the user may still post
    assert wait_received(page)[0]["text"] == PII_DRAFT


def test_modal_is_keyboard_accessible(open_fixture):
    page = open_fixture("textarea.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "found")
    page.click("#send")

    def focused():
        return wait_modal(page)["focused"]
    assert wait_modal(page)["role"] == "dialog"
    assert focused() == "mask"
    page.keyboard.press("Tab")
    assert focused() == "edit"
    page.keyboard.press("Tab")
    assert focused() == "post"
    page.keyboard.press("Tab")           # focus stays inside the dialog
    assert focused() == "mask"
    page.keyboard.press("Shift+Tab")
    assert focused() == "post"
    page.keyboard.press("Escape")
    wait_no_modal(page)
    assert received(page) == []
    assert page.evaluate("() => document.activeElement.id") == "editor"


def test_post_anyway_is_remembered_for_that_draft_only(open_fixture):
    page = open_fixture("contenteditable.html")
    type_draft(page, "#editor", PII_DRAFT)
    wait_hint(page, "found")
    page.click("#send")
    click_modal(page, "post")
    wait_received(page, 1)
    type_draft(page, "#editor", PII_DRAFT)        # the same draft again: not asked twice
    page.wait_for_timeout(800)
    page.click("#send")
    assert wait_received(page, 2)[1]["text"] == PII_DRAFT
    assert modal_seen(page) == 1
    type_draft(page, "#editor", f"新号码{PHONE[:-1]}1")  # another draft with a phone: asked again
    wait_hint(page, "found")
    page.click("#send")
    wait_modal(page)
    assert len(received(page)) == 2
