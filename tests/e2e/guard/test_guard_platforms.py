"""One fixture page per platform adapter (structure of the real composer: Weibo textarea, Zhihu
and Douyin Draft.js, Bilibili's nested shadow roots, Douban form, Xiaohongshu and Tieba
contenteditables, Kuaishou input) plus the generic adapter on an unknown site."""

from __future__ import annotations

import pytest

from guard_helpers import (CLEAN_DRAFT, ENTER_SENDS, PHONE, PII_DRAFT, PLATFORMS, expected_masked,
                           click_modal, modal_seen, received, type_draft, wait_hint, wait_modal,
                           wait_received)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", sorted(PLATFORMS))
def test_send_button_is_held_and_mask_and_post_delivers_masked_text(open_fixture, guard_service, name):
    page = open_fixture(name)
    composer, send = PLATFORMS[name]
    type_draft(page, composer, PII_DRAFT)
    wait_hint(page, "found")
    page.click(send)
    wait_modal(page)
    assert received(page) == []
    click_modal(page, "mask")
    assert wait_received(page)[0]["text"] == expected_masked(guard_service, PII_DRAFT)


@pytest.mark.parametrize("name", sorted(ENTER_SENDS))
def test_enter_is_held_where_enter_sends(open_fixture, name):
    page = open_fixture(name)
    composer, _ = PLATFORMS[name]
    type_draft(page, composer, PII_DRAFT)
    wait_hint(page, "found")
    page.keyboard.press("Enter")
    wait_modal(page)
    assert received(page) == []
    click_modal(page, "post")
    got = wait_received(page)
    assert got[0]["text"] == PII_DRAFT and got[0]["via"] == "Enter"


@pytest.mark.parametrize("name", sorted(ENTER_SENDS))
def test_enter_with_clean_draft_is_not_held(open_fixture, name):
    page = open_fixture(name)
    composer, _ = PLATFORMS[name]
    type_draft(page, composer, CLEAN_DRAFT)
    page.wait_for_timeout(1200)
    page.keyboard.press("Enter")
    assert wait_received(page)[0]["text"] == CLEAN_DRAFT
    assert modal_seen(page) == 0


def test_plain_enter_in_a_multiline_composer_is_a_newline_not_a_send(open_fixture):
    page = open_fixture("weibo.html")
    type_draft(page, "#editor", f"电话{PHONE}")
    wait_hint(page, "found")
    page.keyboard.press("Enter")
    page.keyboard.type("第二行")
    assert page.evaluate("() => window.__editorText()") == f"电话{PHONE}\n第二行"
    assert modal_seen(page) == 0 and received(page) == []


def test_form_submission_is_held(open_fixture):
    page = open_fixture("douban.html")
    type_draft(page, "#last", PII_DRAFT)
    wait_hint(page, "found")
    page.evaluate("() => document.getElementById('comment_form').requestSubmit()")
    wait_modal(page)
    assert received(page) == []
    click_modal(page, "post")
    got = wait_received(page)
    assert got[0] == {"text": PII_DRAFT, "via": "submit"}


def test_search_box_is_not_a_composer(open_fixture):
    page = open_fixture("generic.html")
    type_draft(page, "#search", PHONE)
    page.wait_for_timeout(800)
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__searched") == PHONE
    assert modal_seen(page) == 0
