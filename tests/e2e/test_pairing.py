"""Pairing through native messaging (issue 16), in real Chromium with the real extension.

`hegai install-browser-host --dir <profile>/NativeMessagingHosts` registers the host in the test
profile (Chromium reads user-level hosts from <user-data-dir>/NativeMessagingHosts); the extension
then gets its token with no click, for the pinned id and for a store-like copy with its own id.
Tokens are listed and revoked in the options page and the dashboard."""

from __future__ import annotations

import shlex
import sqlite3
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from .dashboard_helpers import open_dashboard_from_popup, wait_for
from .harness import PINNED_EXTENSION_ID, ROOT, Browser, marked_texts, wait_idle

PHONE = "13572468135"   # on douban.html


def hegai(service, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hegai.cli", *args], env=service.env, capture_output=True,
                          text=True, timeout=120, check=True)


def install_host(service, profile: Path, *extra: str) -> None:
    hegai(service, "install-browser-host", "--dir", str(profile / "NativeMessagingHosts"), *extra)


def stored_token(b: Browser) -> str | None:
    return b.sw.evaluate("async () => (await chrome.storage.local.get('token')).token")


def wait_token(b: Browser, other_than: str | None = None) -> str:
    return wait_for(lambda: (t := stored_token(b)) and t != other_than and t, timeout=30, what="a token from the host")


def token_names(service) -> dict[str, str]:
    """{name: last_used_at} as the service lists them (read with the module's CLI token)."""
    listed = service.client().get("/api/v1/tokens").json()["tokens"]
    return {t["name"]: t["last_used_at"] for t in listed}


def status_of(service, token: str) -> int:
    return service.client(auth=False).get("/api/v1/vault", headers={"Authorization": f"Bearer {token}"}).status


def scan_works(b: Browser, fixtures) -> None:
    page = b.context.new_page()
    page.goto(fixtures.url("douban.test", "douban.html"))
    wait_idle(page)
    assert marked_texts(page).get(PHONE) == "PHONE_MOBILE"
    page.close()


@pytest.fixture(scope="module")
def profile():
    path = Path(tempfile.mkdtemp(prefix="hegai-pairing-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def paired_browser(playwright_instance, service, profile):
    """The pinned extension in a profile where the host was installed first, as scripts/run does."""
    install_host(service, profile / "pinned")
    b = Browser(playwright_instance, user_data_dir=profile / "pinned")
    b.connect(service.port, token=None)
    yield b
    b.close()


def test_pinned_extension_pairs_through_the_host_with_no_click(paired_browser, service, fixtures):
    b = paired_browser
    assert b.extension_id == PINNED_EXTENSION_ID
    token = wait_token(b)
    wait_for(lambda: b.connection_status() == "online", what="online")
    assert status_of(service, token) == 200
    assert f"Chromium extension {PINNED_EXTENSION_ID}" in token_names(service)
    scan_works(b, fixtures)
    assert not any("/pair" in p.url for p in b.context.pages)     # no pairing tab, no click


def test_store_install_pairs_after_registering_its_id(playwright_instance, service, fixtures, profile):
    """A store install has its own id (the zip has no manifest key): the options page says which
    command to run; after it, one click on "重新配对" pairs it and the service accepts its origin."""
    built = subprocess.run([sys.executable, str(ROOT / "scripts" / "pack-extension"), "--out", str(profile / "dist")],
                           capture_output=True, text=True, timeout=120, check=True).stdout.strip()
    store_dir = profile / "store-extension"
    with zipfile.ZipFile(built) as archive:
        archive.extractall(store_dir)
    b = Browser(playwright_instance, user_data_dir=profile / "store", extension_dir=store_dir)
    try:
        assert b.extension_id != PINNED_EXTENSION_ID
        b.connect(service.port, token=None)
        options = b.context.new_page()
        options.goto(b.extension_url("ui/options.html"))
        options.wait_for_selector("[data-testid=pair-help][data-error=host_missing]", state="visible", timeout=20000)
        command = options.inner_text("[data-testid=pair-command]")
        assert command == f"hegai install-browser-host --extension-id {b.extension_id}"
        assert "配对程序" in options.inner_text("[data-testid=pair-help]")
        assert stored_token(b) is None

        # the user runs the command shown (here: into the test profile's folder), then clicks once
        install_host(service, profile / "store", *shlex.split(command)[2:])
        options.click("[data-testid=pair]")
        token = wait_token(b)
        wait_for(lambda: b.connection_status() == "online", what="online")
        options.wait_for_selector("[data-testid=pair-help]", state="hidden")
        assert status_of(service, token) == 200
        assert f"Chromium extension {b.extension_id}" in token_names(service)
        scan_works(b, fixtures)
    finally:
        b.close()


def test_options_page_lists_and_revokes_tokens(paired_browser, service):
    b = paired_browser
    own = wait_token(b)
    spare = hegai(service, "pair", "--new-token").stdout.strip().splitlines()[-1]
    options = b.context.new_page()
    options.goto(b.extension_url("ui/options.html"))
    options.wait_for_selector("[data-testid=token-list] li[data-current='1']")
    current = options.locator("[data-testid=token-list] li[data-current='1']")
    assert f"Chromium extension {PINNED_EXTENSION_ID}" in current.inner_text() and "本扩展" in current.inner_text()
    assert "最近使用" in current.locator("[data-testid=token-last-used]").inner_text()   # last_used_at written
    newest_cli = options.locator("[data-testid=token-list] li", has_text="hegai pair --new-token").first
    assert "从未使用" in newest_cli.inner_text()
    count = options.locator("[data-testid=token-list] li").count()

    newest_cli.locator("[data-testid=token-revoke]").click()
    wait_for(lambda: options.locator("[data-testid=token-list] li").count() == count - 1, what="the row to go")
    assert status_of(service, spare) == 401

    # revoking the extension's own token: it pairs again through the host, with a new token
    options.locator("[data-testid=token-list] li[data-current='1'] [data-testid=token-revoke]").click()
    fresh = wait_token(b, other_than=own)
    assert status_of(service, own) == 401 and status_of(service, fresh) == 200
    options.wait_for_function("() => document.querySelector(\"[data-testid=token-list] li[data-current='1']\")")
    options.close()


def test_dashboard_lists_and_revokes_the_extension_token(paired_browser, service, fixtures):
    b = paired_browser
    own = wait_token(b)
    page = b.context.new_page()
    page.goto(fixtures.url("douban.test", "douban.html"))
    wait_idle(page)
    dash = open_dashboard_from_popup(b, b.tab_id(page))
    dash.click("[data-testid=tokens-link]")
    dash.wait_for_selector("body[data-ready]")
    row = dash.locator(f"tr[data-client='{PINNED_EXTENSION_ID}']")
    assert row.count() == 1 and f"Chromium extension {PINNED_EXTENSION_ID}" in row.inner_text()
    assert row.locator("[data-testid=token-last-used]").inner_text() != "从未"
    assert "90" in dash.inner_text("[data-testid=token-expiry]")

    row.locator("[data-testid=token-revoke]").click()
    wait_for(lambda: dash.locator(f"tr[data-client='{PINNED_EXTENSION_ID}']").count() == 0, what="the row to go")
    assert "已撤销" in dash.inner_text("[data-testid=tokens-status]")
    assert status_of(service, own) == 401
    # the extension's next call is refused; it pairs again through the host and keeps working
    page.reload()
    fresh = wait_token(b, other_than=own)
    assert status_of(service, fresh) == 200
    scan_works(b, fixtures)
    page.close()
    dash.close()


def test_a_local_page_cannot_reach_the_extension(paired_browser, fixtures):
    """Before issue 16 any http://127.0.0.1 page could message the extension (externally_connectable)."""
    page = paired_browser.context.new_page()
    page.goto(f"http://127.0.0.1:{fixtures.port}/plain.html")
    assert page.evaluate("() => !(window.chrome && chrome.runtime && chrome.runtime.sendMessage)")
    page.close()


def test_host_writing_another_home_is_reported_not_looped(playwright_instance, service, profile):
    """A host installed for another HEGAI_HOME hands out tokens this service does not know: the
    extension says so (with the command) instead of pairing again and again."""
    other_home = profile / "other-home"
    subprocess.run([sys.executable, "-m", "hegai.cli", "install-browser-host", "--dir",
                    str(profile / "mismatch" / "NativeMessagingHosts")],
                   env={**service.env, "HEGAI_HOME": str(other_home)}, check=True, capture_output=True, timeout=120)
    b = Browser(playwright_instance, user_data_dir=profile / "mismatch")
    try:
        b.connect(service.port, token=None)
        options = b.context.new_page()
        options.goto(b.extension_url("ui/options.html"))
        options.wait_for_selector("[data-testid=pair-help][data-error=host_mismatch]", state="visible", timeout=20000)
        assert "HEGAI_HOME" in options.inner_text("[data-testid=pair-help]")
        assert stored_token(b) is None
        with sqlite3.connect(other_home / "hegai.db") as conn:
            made = conn.execute("SELECT COUNT(*) FROM tokens").fetchone()[0]
        assert 1 <= made <= 3          # one attempt, then a pause after the failure: no loop
    finally:
        b.close()
