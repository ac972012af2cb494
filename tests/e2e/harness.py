"""What the e2e tests drive: Debian chromium with the extension loaded, a fixture web server,
and helpers that read what a user sees (marks, the banner, the popup, the badge).

Fixture pages are served on realistic-looking hosts (weibo.test, zhihu.test, ...) that chromium
resolves to 127.0.0.1, so per-site settings and platform adapters see distinct hostnames.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS_DIR = ROOT / "artifacts"
PINNED_EXTENSION_ID = "bhdpaekabndnmhaenibmgdkeiplpoojm"
FIXTURE_HOSTS = ("weibo.test", "zhihu.test", "bilibili.test", "douban.test", "tieba.test",
                 "xiaohongshu.test", "plain.test", "bench.test")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def chromium_path() -> str:
    return os.environ.get("HEGAI_CHROMIUM", "/usr/bin/chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class FixtureServer:
    """A threaded static server for a directory, on a free port of 127.0.0.1."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "FixtureServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}/{path}"


def launch_args() -> list[str]:
    ext = str(EXTENSION_DIR)
    rules = ", ".join(f"MAP {h} 127.0.0.1" for h in FIXTURE_HOSTS)
    return ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", f"--disable-extensions-except={ext}", f"--load-extension={ext}",
            f"--host-resolver-rules={rules}", "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
            "--lang=zh-CN"]


class Browser:
    """One persistent chromium context with the extension, and its service worker."""

    def __init__(self, playwright, user_data_dir: Path | None = None):
        self._own_dir = user_data_dir is None
        self.user_data_dir = user_data_dir or Path(tempfile.mkdtemp(prefix="hegai-chromium-"))
        self.context = playwright.chromium.launch_persistent_context(
            str(self.user_data_dir), executable_path=chromium_path(), headless=True, args=launch_args(),
            locale="zh-CN", viewport={"width": 1200, "height": 900})
        self.requests: list = []
        self._tab_ids: dict = {}
        self.context.on("request", lambda request: self.requests.append(request))
        workers = self.context.service_workers
        self.sw = workers[0] if workers else self.context.wait_for_event("serviceworker", timeout=15000)
        self.extension_id = self.sw.url.split("/")[2]

    def close(self) -> None:
        self.context.close()
        if self._own_dir:
            shutil.rmtree(self.user_data_dir, ignore_errors=True)

    # -- service worker ------------------------------------------------------------------------
    def connect(self, port: int, token: str | None) -> None:
        """Point the extension at the service (and pair it fast, with a token made by the CLI)."""
        values = {"servicePort": port}
        if token:
            values["token"] = token
        self.sw.evaluate("v => chrome.storage.local.set(v)", values)
        self.sw.evaluate("() => Hegai.connection.settingsChanged()")

    def connection_status(self) -> str:
        return self.sw.evaluate("() => Hegai.connection.state().status")

    def tab_id(self, page, timeout: float = 10) -> int:
        """The tab id of a page, from the service worker's per-tab state (found by the URL the
        page loaded with, then remembered: SPA navigation changes the URL)."""
        if page in self._tab_ids:
            return self._tab_ids[page]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self._tab_id(page.url)
            if found is not None:
                self._tab_ids[page] = found
                return found
            time.sleep(0.1)
        raise AssertionError(f"the service worker never saw {page.url}")

    def _tab_id(self, url: str) -> int | None:
        return self.sw.evaluate(
            """async (url) => {
                 const all = await chrome.storage.session.get(null);
                 const hit = Object.values(all).find((s) => s && s.url === url);
                 return hit ? hit.tabId : null;
               }""", url)

    def badge(self, tab_id: int) -> dict:
        return self.sw.evaluate(
            """async (tabId) => ({
                 text: await chrome.action.getBadgeText({tabId}),
                 color: await chrome.action.getBadgeBackgroundColor({tabId}),
                 title: await chrome.action.getTitle({tabId}),
               })""", tab_id)

    def tab_state(self, tab_id: int) -> dict:
        return self.sw.evaluate("id => Hegai.tabState.get(id)", tab_id)

    def extension_url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    def close_pages(self, predicate) -> None:
        for p in list(self.context.pages):
            if predicate(p.url):
                p.close()


# -- what the user sees on a page ------------------------------------------------------------
IDLE_COUNT = "() => performance.getEntriesByName('hegai:idle').length"


# The page-level risk assessment (content/page-assessor.js) covers everything scanned so far.
_ASSESSED_SINCE_IDLE = """() => {
  const last = (name) => performance.getEntriesByName(name).at(-1);
  const idle = last('hegai:idle'), assessed = last('hegai:assessed');
  return Boolean(idle && assessed && assessed.startTime >= idle.startTime);
}"""


def wait_idle(page, after: int = 0, timeout: float = 20000, assessed: bool = True) -> None:
    """Wait until the content script reports it has marked everything it queued and (unless
    ``assessed=False``) the page's risk assessment, which the banner, popup and badge show,
    covers all of it."""
    page.wait_for_function(f"n => ({IDLE_COUNT})() > n", arg=after, timeout=timeout)
    if assessed:
        page.wait_for_function(_ASSESSED_SINCE_IDLE, timeout=timeout)


def assessed_marks(page) -> list[dict]:
    """Each page-level assessment the content script applied: {level, chars}."""
    return page.evaluate("() => performance.getEntriesByName('hegai:assessed').map((m) => m.detail)")


def idle_count(page) -> int:
    return page.evaluate(IDLE_COUNT)


_MARKS_JS = """() => {
  const found = new Map();
  const visit = (root) => {
    for (const m of root.querySelectorAll('hegai-mark')) {
      const id = m.dataset.hegaiFinding;
      const f = found.get(id) || {type: m.dataset.hegaiType, text: '', title: m.title, pieces: 0,
                                  filter: getComputedStyle(m).filter};
      f.text += m.textContent; f.pieces += 1;
      found.set(id, f);
    }
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.tagName === 'IFRAME') { try { if (el.contentDocument) visit(el.contentDocument); } catch (e) {} }
    }
  };
  visit(document);
  return [...found.values()];
}"""


def marks(page) -> list[dict]:
    """Every marked finding on the page (open shadow roots and same-origin frames included):
    {type, text (all pieces joined), title (the hover text), pieces, filter}."""
    return page.evaluate(_MARKS_JS)


def marked_texts(page) -> dict[str, str]:
    return {m["text"]: m["type"] for m in marks(page)}


_BANNER_JS = """function () {
  const q = (sel) => this.querySelector(sel);
  const banner = q('[data-role=banner]');
  if (!banner) return null;
  const rect = (el) => { const r = el.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; };
  const buttons = {};
  for (const b of this.querySelectorAll('button[data-action]')) buttons[b.dataset.action] = {text: b.textContent, ...rect(b)};
  return {
    level: banner.dataset.level,
    level_text: q('[data-role=level]').textContent,
    reasons: [...this.querySelectorAll('[data-role=reasons] li')].map((li) => li.textContent),
    vault: q('[data-role=vault]') ? q('[data-role=vault]').textContent : null,
    quote: q('[data-role=quote]') ? q('[data-role=quote]').textContent : null,
    first_line: banner.firstElementChild.textContent,
    status: q('[data-role=status]').textContent,
    buttons,
    font_ok: document.fonts.check('16px "Noto Sans CJK SC"'),
  };
}"""


def banner(page) -> dict | None:
    """The risk banner as the user sees it. It sits in a closed shadow root (the page cannot
    read it), so we reach it through the DevTools protocol, which pierces closed roots."""
    cdp = page.context.new_cdp_session(page)
    try:
        doc = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        host = _find_node(doc["root"], "HEGAI-BANNER")
        if not host or not host.get("shadowRoots"):
            return None
        shadow = host["shadowRoots"][0]
        obj = cdp.send("DOM.resolveNode", {"backendNodeId": shadow["backendNodeId"]})["object"]
        result = cdp.send("Runtime.callFunctionOn", {"objectId": obj["objectId"], "functionDeclaration": _BANNER_JS,
                                                     "returnByValue": True})
        info = result["result"].get("value")
        if info is not None:
            info["shadow_mode"] = shadow.get("shadowRootType")
        return info
    finally:
        cdp.detach()


def _find_node(node: dict, name: str) -> dict | None:
    if node.get("nodeName") == name:
        return node
    for child in node.get("children", []) + node.get("shadowRoots", []) + ([node["contentDocument"]] if "contentDocument" in node else []):
        hit = _find_node(child, name)
        if hit:
            return hit
    return None


def click_banner_button(page, action: str) -> None:
    """Click a banner button where it is on screen, as a user would."""
    info = banner(page)
    assert info and action in info["buttons"], f"no banner button {action!r}"
    page.mouse.click(info["buttons"][action]["x"], info["buttons"][action]["y"])


def popup(browser: Browser, tab_id: int):
    """The extension popup for a tab, opened as a page (popup.html?tabId=N)."""
    page = browser.context.new_page()
    page.goto(browser.extension_url(f"ui/popup.html?tabId={tab_id}"))
    page.wait_for_selector("body[data-ready='1']")
    return page


def popup_counts(page) -> dict[str, int]:
    rows = page.eval_on_selector_all(
        "[data-testid=counts] tr", "rows => rows.map(r => [r.dataset.type, r.cells[1].textContent])")
    return {t: int(n) for t, n in rows}


def screenshot(page, name: str) -> Path:
    out = ARTIFACTS_DIR / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
