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
# Resolved like the fixture hosts, but not one of them: a page here is an ordinary web page, so it
# may not pick a platform adapter (content/adapters/registry.js).
OTHER_HOSTS = ("hostile.test",)


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


def launch_args(extension_dir: Path = EXTENSION_DIR) -> list[str]:
    ext = str(extension_dir)
    rules = ", ".join(f"MAP {h} 127.0.0.1" for h in (*FIXTURE_HOSTS, *OTHER_HOSTS))
    return ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", f"--disable-extensions-except={ext}", f"--load-extension={ext}",
            f"--host-resolver-rules={rules}", "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
            "--lang=zh-CN"]


class Browser:
    """One persistent chromium context with the extension, and its service worker."""

    def __init__(self, playwright, user_data_dir: Path | None = None, extension_dir: Path = EXTENSION_DIR):
        self._own_dir = user_data_dir is None
        self.user_data_dir = user_data_dir or Path(tempfile.mkdtemp(prefix="hegai-chromium-"))
        self.context = playwright.chromium.launch_persistent_context(
            str(self.user_data_dir), executable_path=chromium_path(), headless=True, args=launch_args(extension_dir),
            locale="zh-CN", viewport={"width": 1200, "height": 900})
        self.requests: list = []
        self._tab_ids: dict = {}
        self.context.on("request", lambda request: self.requests.append(request))
        workers = self.context.service_workers
        self.sw = workers[0] if workers else self.context.wait_for_event("serviceworker", timeout=15000)
        self.extension_id = self.sw.url.split("/")[2]
        # Fixture pages may pick a platform adapter (<meta name="hegai-platform">) on these hosts
        # only; only extension code can set this (content/adapters/registry.js).
        self.sw.evaluate("h => chrome.storage.local.set({testFixtureHosts: h})", [*FIXTURE_HOSTS, *LOOPBACK_HOSTS])

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
        return tab_id_of(page, timeout)

    def badge(self, tab_id: int) -> dict:
        return self.sw.evaluate(
            """async (tabId) => ({
                 text: await chrome.action.getBadgeText({tabId}),
                 color: await chrome.action.getBadgeBackgroundColor({tabId}),
                 title: await chrome.action.getTitle({tabId}),
               })""", tab_id)

    def tab_state(self, tab_id: int) -> dict:
        self.sw = service_worker(self.context)
        return self.sw.evaluate("id => Hegai.tabState.get(id)", tab_id)

    def extension_url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    def close_pages(self, predicate) -> None:
        for p in list(self.context.pages):
            if predicate(p.url):
                p.close()


# -- what the extension knows about a page ---------------------------------------------------
# Nothing here reads a signal from the page itself: Hegai gives pages none (SPEC "Security
# model"). Progress (idle, assessed, batches, pictures) is read from the service worker's per-tab
# state; marks, the banner and picture shields from their closed shadow roots through the
# DevTools protocol, which pierces them (page scripts cannot).

def service_worker(context):
    """The extension's service worker (a fresh one if Chromium stopped the last)."""
    workers = context.service_workers
    return workers[0] if workers else context.wait_for_event("serviceworker", timeout=15000)


_TAB_CANDIDATES = """async (url) => {
  const all = await chrome.storage.session.get(null);
  const ids = Object.values(all).filter((s) => s && s.url === url).map((s) => s.tabId);
  const open = await Promise.all(ids.map((id) => chrome.tabs.get(id).then(() => id, () => null)));
  return open.filter((id) => id !== null).sort((a, b) => a - b);
}"""


def tab_id_of(page, timeout: float = 10) -> int:
    """The tab id of a page: the oldest open tab with its URL not yet claimed by another page
    (tabs opened later get higher ids), remembered (SPA navigation changes the URL)."""
    cached = getattr(page, "_hegai_tab_id", None)
    if cached is not None:
        return cached
    claimed = page.context.__dict__.setdefault("_hegai_claimed_tabs", set())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ids = [i for i in service_worker(page.context).evaluate(_TAB_CANDIDATES, page.url) if i not in claimed]
        if ids:
            page._hegai_tab_id = ids[0]
            claimed.add(ids[0])
            return ids[0]
        time.sleep(0.1)
    raise AssertionError(f"the service worker never saw {page.url}")


def progress(page) -> dict:
    """The content script's progress notes for the page (sw/tab-state.js noteProgress):
    {seq, counts: {idle, assessed, batch, image}, chunksSent, recent: [{event, seq, ...detail}]}."""
    state = service_worker(page.context).evaluate("id => Hegai.tabState.get(id)", tab_id_of(page)) or {}
    return state.get("progress") or {"seq": 0, "counts": {}, "chunksSent": 0, "recent": []}


def _last(notes: dict, event: str) -> dict | None:
    return next((n for n in reversed(notes["recent"]) if n["event"] == event), None)


def wait_until(page, check, timeout: float = 20000, what: str = "condition"):
    """Poll `check()` (Python) until it returns something truthy; bounded, never timing-based."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        page.wait_for_timeout(100)


def wait_idle(page, after: int = 0, timeout: float = 20000, assessed: bool = True) -> None:
    """Wait until the content script reports it has marked everything it queued and (unless
    ``assessed=False``) the page's risk assessment, which the banner, popup and badge show,
    covers all of it."""
    def done():
        notes = progress(page)
        if notes["counts"].get("idle", 0) <= after:
            return False
        if not assessed:
            return True
        idle, last_assessed = _last(notes, "idle"), _last(notes, "assessed")
        return bool(idle and last_assessed and last_assessed["seq"] >= idle["seq"])
    wait_until(page, done, timeout, "the page to be scanned and assessed")


def assessed_marks(page) -> list[dict]:
    """Each page-level assessment the content script applied: {level, chars, posts}."""
    return [n for n in progress(page)["recent"] if n["event"] == "assessed"]


def idle_count(page) -> int:
    return progress(page)["counts"].get("idle", 0)


def chunks_sent(page) -> int:
    return progress(page)["chunksSent"]


def image_notes(page) -> list[dict]:
    """One note per picture checked: {src, ok, findings, qr_trade}."""
    return [n for n in progress(page)["recent"] if n["event"] == "image"]


def _has_attribute(node: dict, name: str) -> bool:
    attrs = node.get("attributes") or []
    if name in attrs[0::2]:
        return True
    return any(_has_attribute(c, name) for c in node.get("children", []))


def _closed_roots(node: dict, marker: str, found: list) -> list:
    """Every closed shadow root (frames included) holding an element with attribute `marker`."""
    for root in node.get("shadowRoots", []):
        if root.get("shadowRootType") == "closed" and _has_attribute(root, marker):
            found.append(root)
    for child in node.get("children", []) + node.get("shadowRoots", []) + (
            [node["contentDocument"]] if "contentDocument" in node else []):
        _closed_roots(child, marker, found)
    return found


def in_closed_roots(page, marker: str, function: str) -> list:
    """Run `function` (this = the shadow root) in each closed root holding `marker`; non-null results."""
    cdp = page.context.new_cdp_session(page)
    try:
        doc = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        out = []
        for root in _closed_roots(doc["root"], marker, []):
            obj = cdp.send("DOM.resolveNode", {"backendNodeId": root["backendNodeId"]})["object"]
            result = cdp.send("Runtime.callFunctionOn", {"objectId": obj["objectId"], "functionDeclaration": function,
                                                         "returnByValue": True})
            value = result["result"].get("value")
            if value is not None:
                out.append(value)
        return out
    finally:
        cdp.detach()


_MARK_JS = """function () {
  const inner = this.querySelector('[data-hegai-finding]');
  const host = this.host;
  let nested = false;
  for (let n = host.parentNode; n; n = n.parentNode || n.host) if (n.localName === host.localName) nested = true;
  const tip = this.querySelector('[role=tooltip]');
  return {id: inner.dataset.hegaiFinding, type: inner.dataset.hegaiType, title: tip ? tip.textContent : inner.title,
          text: host.textContent,
          filter: getComputedStyle(inner).filter, tag: host.localName, nested,
          in_shadow: host.getRootNode() !== host.ownerDocument,
          in_frame: host.ownerDocument !== window.top.document};
}"""


def mark_pieces(page) -> list[dict]:
    """Every marked piece: {id, type, title (what its popover says), text, filter, tag, nested,
    in_shadow, in_frame}."""
    return in_closed_roots(page, "data-hegai-finding", _MARK_JS)


def marks(page) -> list[dict]:
    """Every marked finding on the page (open shadow roots and same-origin frames included):
    {type, text (all pieces joined), title (the hover text), pieces, filter}."""
    found: dict = {}
    for piece in mark_pieces(page):
        f = found.setdefault(piece["id"], {"type": piece["type"], "text": "", "title": piece["title"], "pieces": 0,
                                           "filter": piece["filter"]})
        f["text"] += piece["text"]
        f["pieces"] += 1
    return list(found.values())


def marked_texts(page) -> dict[str, str]:
    return {m["text"]: m["type"] for m in marks(page)}


def wait_marked(page, text: str, timeout: float = 20000) -> None:
    """Wait until `text` is marked."""
    wait_until(page, lambda: text in marked_texts(page), timeout, f"{text!r} to be marked")


_BANNER_JS = """function () {
  const q = (sel) => this.querySelector(sel);
  const banner = q('[data-role=banner]');
  if (!banner) return null;
  const rect = (el) => { const r = el.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; };
  const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const buttons = {};
  for (const b of this.querySelectorAll('button[data-action]')) {
    if (b.getClientRects().length) buttons[b.dataset.action] = {text: b.textContent, ...rect(b)};   // shown ones only
  }
  const card = q('[data-role=card]') || banner;
  const text = (sel) => (q(sel) ? q(sel).textContent : null);
  const shown = banner.dataset.state === 'collapsed' ? q('[data-role=pill]') : card;
  return {
    level: banner.dataset.level,
    state: banner.dataset.state || 'open',
    box: box(shown),
    pill: text('[data-role=pill]'),
    level_text: q('[data-role=level]').textContent,
    gist: text('[data-role=gist]') || '',
    reasons: [...this.querySelectorAll('[data-role=reasons] li')].map((li) => li.textContent),
    vault: q('[data-role=vault]') ? q('[data-role=vault]').textContent : null,
    quote: q('[data-role=quote]') ? q('[data-role=quote]').textContent : null,
    first_line: card.firstElementChild.textContent,
    status: q('[data-role=status]').textContent,
    buttons,
    font_ok: document.fonts.check('16px "Noto Sans CJK SC"'),
    shadow_mode: this.mode,
    host_tag: this.host.localName,
    host_attributes: this.host.getAttributeNames(),
  };
}"""


def banner(page) -> dict | None:
    """The risk banner as the user sees it. It sits in a closed shadow root (the page cannot
    read it), so we reach it through the DevTools protocol, which pierces closed roots."""
    found = in_closed_roots(page, "data-role", _BANNER_JS)
    return found[0] if found else None


# The pre-post guard's hint and dialog (content/guard/) live in closed shadow roots too: the page cannot
# read what the draft was found to hold.
_GUARD_JS = """function () {
  const ui = this.querySelector('[data-hegai-guard]');
  const shown = (el) => el.isConnected && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  const centre = (el) => { const r = el.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; };
  if (ui.dataset.hegaiGuard === 'hint') return {kind: 'hint', state: ui.dataset.state, text: ui.innerText, visible: shown(ui)};
  return {kind: 'modal', view: ui.dataset.view, role: ui.getAttribute('role'), text: ui.innerText, visible: shown(ui),
          title: (ui.querySelector('h2') || {}).textContent || '',
          items: [...ui.querySelectorAll('li')].map((li) => ({type: li.dataset.type, own: li.dataset.own, text: li.innerText})),
          buttons: Object.fromEntries([...ui.querySelectorAll('button[data-action]')].map((b) => [b.dataset.action, centre(b)])),
          focused: this.activeElement && this.activeElement.dataset ? this.activeElement.dataset.action || null : null};
}"""


def guard_ui(page, kind: str) -> dict | None:
    """The guard's hint or dialog as the user sees it (visible), else None."""
    found = [ui for ui in in_closed_roots(page, "data-hegai-guard", _GUARD_JS) if ui["kind"] == kind and ui["visible"]]
    return found[-1] if found else None


def wait_modal(page, view: str | None = None, action: str | None = None, timeout: float = 10_000) -> dict:
    """Wait for the dialog (in `view`, with an `action` button) and return what it shows."""
    def ready():
        modal = guard_ui(page, "modal")
        if modal and (view is None or modal["view"] == view) and (action is None or action in modal["buttons"]):
            return modal
        return None
    return wait_until(page, ready, timeout, f"the guard's dialog (view {view}, action {action})")


def wait_no_modal(page, timeout: float = 10_000) -> None:
    wait_until(page, lambda: guard_ui(page, "modal") is None, timeout, "the guard's dialog to close")


def click_modal(page, action: str, view: str | None = None, timeout: float = 10_000) -> None:
    """Click a dialog button where it is on screen, as a user would."""
    button = wait_modal(page, view, action, timeout)["buttons"][action]
    page.mouse.click(button["x"], button["y"])


def click_banner_button(page, action: str) -> None:
    """Click a banner button where it is on screen, as a user would (the pill's is "expand";
    了解更多, "learn", is under "details")."""
    info = banner(page)
    assert info and action in info["buttons"], f"no banner button {action!r} shown (state {info and info['state']})"
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


def open_upload(browser, site):
    """A page with a file input that the upload guard watches (fixtures/upload.html)."""
    page = browser.context.new_page()
    page.goto(site.url("plain.test", "upload.html"))
    page.wait_for_function("() => !!window.compareReceived")
    page.wait_for_timeout(300)   # the guard's config arrives
    return page
