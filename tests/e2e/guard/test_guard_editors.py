"""Each composer kind — textarea, contenteditable and the real ProseMirror, Lexical, Draft.js and
Quill packages — held when the draft has personal info; the three choices do what they say."""

from __future__ import annotations

import pytest

from guard_helpers import (CLEAN_DRAFT, EDITORS, PHONE, PII_DRAFT, RESIDENT_ID, expected_masked,
                           click_modal, modal_seen, received, type_draft, wait_hint, wait_modal,
                           wait_no_modal, wait_received)

pytestmark = pytest.mark.e2e
FIXTURES = sorted(EDITORS)


def held_draft(open_fixture, name):
    page = open_fixture(name)
    composer, send = EDITORS[name]
    type_draft(page, composer, PII_DRAFT)
    wait_hint(page, "found")
    page.click(send)
    wait_modal(page)
    return page


@pytest.mark.parametrize("name", FIXTURES)
def test_modal_lists_phone_id_and_address(open_fixture, name):
    page = held_draft(open_fixture, name)
    types = [i["type"] for i in wait_modal(page)["items"]]
    assert {"PHONE_MOBILE", "ID_CARD", "ADDRESS"} <= set(types)
    assert received(page) == []   # held: the page's handler has not run


@pytest.mark.parametrize("name", FIXTURES)
def test_mask_and_post_delivers_exactly_the_masked_text(open_fixture, guard_service, name):
    page = held_draft(open_fixture, name)
    click_modal(page, "mask")
    got = wait_received(page)
    assert got[0]["text"] == expected_masked(guard_service, PII_DRAFT)
    assert PHONE not in got[0]["text"] and RESIDENT_ID not in got[0]["text"]
    wait_no_modal(page)


@pytest.mark.parametrize("name", FIXTURES)
def test_edit_delivers_nothing(open_fixture, name):
    page = held_draft(open_fixture, name)
    click_modal(page, "edit")
    page.wait_for_timeout(500)
    assert received(page) == []
    assert page.evaluate("() => window.__editorText()") == PII_DRAFT   # the draft is untouched


@pytest.mark.parametrize("name", FIXTURES)
def test_post_anyway_delivers_the_original(open_fixture, name):
    page = held_draft(open_fixture, name)
    click_modal(page, "post")
    assert wait_received(page)[0]["text"] == PII_DRAFT


@pytest.mark.parametrize("name", FIXTURES)
def test_clean_draft_is_never_held(open_fixture, name):
    page = open_fixture(name)
    composer, send = EDITORS[name]
    type_draft(page, composer, CLEAN_DRAFT)
    page.wait_for_timeout(1200)   # the debounced check has come back
    page.click(send)
    assert wait_received(page)[0]["text"] == CLEAN_DRAFT
    assert modal_seen(page) == 0


@pytest.mark.parametrize("name", FIXTURES)
def test_ctrl_enter_is_held_and_replayed_after_masking(open_fixture, guard_service, name):
    page = open_fixture(name)
    composer, _ = EDITORS[name]
    type_draft(page, composer, PII_DRAFT)
    wait_hint(page, "found")
    page.keyboard.press("Control+Enter")
    wait_modal(page)
    assert received(page) == []
    click_modal(page, "mask")
    got = wait_received(page)
    assert got[0] == {"text": expected_masked(guard_service, PII_DRAFT), "via": "Mod-Enter"}
