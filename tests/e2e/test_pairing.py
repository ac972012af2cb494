"""First run: the extension opens the service's /pair page; one click pairs it. Only the service
on the configured port can hand over a token."""

from __future__ import annotations

import pytest

from .harness import Browser, marked_texts, wait_idle


@pytest.fixture(scope="module")
def fresh_browser(playwright_instance, service):
    b = Browser(playwright_instance)
    yield b
    b.close()


def test_first_run_pairs_with_one_click(fresh_browser, service, fixtures):
    b = fresh_browser
    with b.context.expect_page(lambda p: "/pair?ext=" in p.url, timeout=15000) as opened:
        b.connect(service.port, token=None)  # the user installed the extension; the service runs
    pair_page = opened.value
    pair_page.wait_for_load_state()
    assert pair_page.url.startswith(f"http://127.0.0.1:{service.port}/pair?ext={b.extension_id}")
    assert b.connection_status() == "unpaired"
    pair_page.click("#confirm")
    pair_page.wait_for_function("() => document.querySelector('#status').className === 'ok'")
    assert "配对成功" in pair_page.inner_text("#status")
    assert b.sw.evaluate("async () => (await chrome.storage.local.get('token')).token") 
    assert b.connection_status() == "online"

    page = b.context.new_page()
    page.goto(fixtures.url("douban.test", "douban.html"))
    wait_idle(page)
    assert marked_texts(page).get("13572468135") == "PHONE_MOBILE"
    page.close()


def test_another_local_page_cannot_hand_over_a_token(fresh_browser, fixtures):
    """Any http://127.0.0.1 page may message the extension; one on another port is refused."""
    b = fresh_browser
    token_before = b.sw.evaluate("async () => (await chrome.storage.local.get('token')).token")
    page = b.context.new_page()
    page.goto(f"http://127.0.0.1:{fixtures.port}/plain.html")
    reply = page.evaluate(
        """([ext, port]) => new Promise((resolve) => chrome.runtime.sendMessage(ext,
             {type: 'hegai-pair', token: 'attacker-token-0123456789abcdef', port}, resolve))""",
        [b.extension_id, fixtures.port])
    assert reply == {"ok": False, "error": "forbidden_origin"}
    assert b.sw.evaluate("async () => (await chrome.storage.local.get(null))") ["servicePort"] != fixtures.port
    assert b.sw.evaluate("async () => (await chrome.storage.local.get('token')).token") == token_before
    page.close()
