"""Issue 17, item 5: when the post the banner warns about holds the user's own saved info
(设置 → 我的信息), the banner and the mark say it is theirs — never "他人" / "someone else's"."""

from __future__ import annotations

import pytest

from .harness import banner, mark_pieces, screenshot, wait_idle, wait_until
from .test_banner_layout import set_language

PAGE = "ui/own-kaihe.html"
OWN_PHONE = "13912340000"          # on own-kaihe.html, in the 开盒 post
# Words that call the *information* someone else's ("号召他人…", calling on others, is about the crowd).
OTHERS = {"zh_CN": ("包含他人", "他人信息", "人肉他人"),
          "en": ("someone else's", "Someone's personal information", "someone's personal information")}
YOURS = {"zh_CN": "你的", "en": "your"}


@pytest.fixture(scope="module")
def own_entry(service):
    reply = service.client().post("/api/v1/vault", json={"kind": "phone", "value": OWN_PHONE, "label": "我的手机"})
    assert reply.status == 201
    return reply.json()["entry"]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_own_info_in_the_warned_post_is_called_yours(browser, fixtures, own_entry, language):
    set_language(browser, language)
    page = browser.context.new_page()
    try:
        page.goto(fixtures.url("weibo.test", PAGE))
        wait_idle(page)
        shown = wait_until(page, lambda: banner(page), 15000, "the banner")
        assert own_entry["masked"] in shown["vault"]
        words = shown["reasons"] + [shown["gist"]]
        assert shown["level"] in ("high", "critical") and shown["reasons"]
        for text in words:
            assert not any(other in text for other in OTHERS[language]), text
        assert any(YOURS[language] in text.lower() for text in words), words
        # The phone's own popover says whose it is.
        tip = next(m["title"] for m in mark_pieces(page) if m["text"] == OWN_PHONE)
        expected = {"zh_CN": "你的手机号（我的手机）", "en": "Your mobile number (我的手机)"}[language]
        assert tip.startswith(expected), tip
        page.bring_to_front()
        page.focus("body")
        page.keyboard.press("Tab")                 # the phone is the page's first Tab stop: its popover opens
        screenshot(page, f"own-info-{language}")
    finally:
        page.close()
        set_language(browser, "zh_CN")


def test_someone_elses_info_is_still_someone_elses(browser, service, fixtures, own_entry):
    """The user's number in another post of the page (weibo.html: a rental ad) does not make the
    开盒 post's dossier theirs."""
    elsewhere = service.client().post("/api/v1/vault", json={"kind": "phone", "value": "13912345678"}).json()["entry"]
    page = browser.context.new_page()
    try:
        page.goto(fixtures.url("weibo.test", "weibo.html"))
        wait_idle(page)
        shown = wait_until(page, lambda: banner(page), 15000, "the banner")
        assert elsewhere["masked"] in shown["vault"]
        assert any("他人" in r for r in shown["reasons"]) and not any("你的" in r for r in shown["reasons"])
    finally:
        page.close()
        service.client().delete(f"/api/v1/vault/{elsewhere['id']}")
