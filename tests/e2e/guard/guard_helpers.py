"""What the guard tests type, where, and how they read what the page received."""

from __future__ import annotations

PHONE = "13800138000"
RESIDENT_ID = "11010519491231002X"   # valid GB 11643 check digit (stdnum.cn.ric)
ADDRESS = "北京市朝阳区建国路88号3号楼2单元501室"
PII_DRAFT = f"有事打我电话{PHONE}，身份证{RESIDENT_ID}，地址{ADDRESS}"
CLEAN_DRAFT = "今天的视频拍得真好，期待下一期！"

# fixture file -> (composer selector, send button selector); CSS pierces open shadow roots.
EDITORS = {
    "textarea.html": ("#editor", "#send"),
    "contenteditable.html": ("#editor", "#send"),
    "editor-prosemirror.html": ("#editor .ProseMirror", "#send"),
    "editor-lexical.html": ("#editor", "#send"),
    "editor-draftjs.html": ("#editor .public-DraftEditor-content", "#send"),
    "editor-quill.html": ("#editor .ql-editor", "#send"),
}
PLATFORMS = {
    "weibo.html": ("#editor", "#send .woo-button-content"),
    "zhihu.html": ("#editor .public-DraftEditor-content", "#send"),
    "bilibili.html": (".brt-editor", "#pub button"),
    "douban.html": ("#last", 'input[name="submit_btn"]'),
    "xiaohongshu.html": ("#content-textarea", "button.submit"),
    "tieba.html": ("#ueditor_replace", "a.j_submit em"),
    "douyin.html": ("#editor .public-DraftEditor-content", "#send"),
    "kuaishou.html": (".comment-input", ".comment-submit"),
    "generic.html": ("#editor", "#send"),
}
ENTER_SENDS = {"xiaohongshu.html", "douyin.html", "kuaishou.html", "bilibili.html"}

# The guard's hint and dialog live in closed shadow roots: read and clicked through the DevTools
# protocol (tests/e2e/harness.py).
from tests.e2e.harness import click_modal, guard_ui, wait_modal, wait_no_modal, wait_until  # noqa: E402,F401


def type_draft(page, composer: str, text: str) -> None:
    page.click(composer)
    page.keyboard.type(text)


def wait_hint(page, state: str | None = None, timeout: float = 10_000) -> str:
    """Wait for the inline hint (the draft was checked) and return its text."""
    def ready():
        hint = guard_ui(page, "hint")
        return hint if hint and (state is None or hint["state"] == state) else None
    return wait_until(page, ready, timeout, f"the guard's hint ({state})")["text"]


def received(page) -> list[dict]:
    return page.evaluate("() => window.__received")


def wait_received(page, count: int = 1, timeout: float = 10_000) -> list[dict]:
    page.wait_for_function("(n) => window.__received.length >= n", arg=count, timeout=timeout)
    return received(page)


def modal_seen(page) -> int:
    """How many times the guard's dialog asked the user something on the page (counted by the
    service worker: the page cannot tell). A "checking…" view, shown while a draft sent before its
    check came back is checked, asks nothing and is not counted."""
    from tests.e2e.harness import progress

    page.wait_for_timeout(200)     # the count travels by message
    return sum(1 for n in progress(page)["recent"] if n["event"] == "modal" and n.get("view") != "checking")


def expected_masked(service, text: str) -> str:
    return service.call("POST", "/check", {"text": text, "url": "http://127.0.0.1/"})["masked_text"]


def free_port() -> int:
    """A loopback port nothing listens on (for "the service is offline")."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
