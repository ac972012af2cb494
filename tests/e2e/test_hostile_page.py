"""A hostile web page on another local port attacks the service from a real Chromium.

It tries `fetch` (CORS and no-cors, with and without a leaked token) and form POSTs (to the API
and to the pairing confirm). It must read nothing back, and nothing may change in the database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers.live_service import LiveService

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("HEGAI_CHROMIUM", "/usr/bin/chromium")

ATTACK_JS = r"""
async (args) => {
  const {svc, leaked} = args;
  const results = {};
  const attempt = async (name, fn) => {
    try { results[name] = await fn(); } catch (e) { results[name] = {error: String(e.name || e)}; }
  };
  const read = async (r) => ({type: r.type, status: r.status, body: await r.text()});
  const payload = JSON.stringify({kind: "phone", value: "13912345678"});

  await attempt("cors_get_health", async () => read(await fetch(svc + "/api/v1/health")));
  await attempt("cors_get_vault_leaked", async () =>
      read(await fetch(svc + "/api/v1/vault", {headers: {Authorization: "Bearer " + leaked}})));
  await attempt("cors_post_vault_leaked", async () => read(await fetch(svc + "/api/v1/vault", {
      method: "POST", headers: {"Content-Type": "application/json", Authorization: "Bearer " + leaked},
      body: payload})));
  await attempt("nocors_post_vault", async () => read(await fetch(svc + "/api/v1/vault", {
      method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body: payload})));
  await attempt("nocors_put_settings", async () => read(await fetch(svc + "/api/v1/settings", {
      method: "POST", mode: "no-cors", body: JSON.stringify({only_own: true})})));
  await attempt("cors_pair_confirm", async () => read(await fetch(svc + "/pair/confirm", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({nonce: "x", ext: "bhdpaekabndnmhaenibmgdkeiplpoojm"})})));

  const formPost = (action, enctype, fields) => new Promise((resolve) => {
    const frame = document.createElement("iframe");
    frame.name = "f" + Math.random().toString(36).slice(2);
    document.body.appendChild(frame);
    const form = document.createElement("form");
    form.method = "POST"; form.action = action; form.enctype = enctype; form.target = frame.name;
    for (const [k, v] of Object.entries(fields)) {
      const input = document.createElement("input"); input.name = k; input.value = v; form.appendChild(input);
    }
    document.body.appendChild(form);
    let settled = false;
    const finish = () => {
      if (settled) return; settled = true;
      let readable;
      try { readable = frame.contentDocument ? frame.contentDocument.body.innerText : null; }
      catch (e) { readable = "blocked:" + e.name; }
      resolve({readable});
    };
    frame.addEventListener("load", () => setTimeout(finish, 200));
    setTimeout(finish, 3000);
    form.submit();
  });
  // text/plain: the body is `{"kind":"phone","value":"1391234567=8"}`-style JSON smuggling
  results.form_vault = await formPost(svc + "/api/v1/vault", "text/plain",
                                      {'{"kind":"phone","value":"1391234567': '8"}'});
  results.form_pair = await formPost(svc + "/pair/confirm", "application/x-www-form-urlencoded",
                                     {nonce: "x", ext: "bhdpaekabndnmhaenibmgdkeiplpoojm"});
  return results;
}
"""


class HostilePage(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><html><body><h1>totally harmless page</h1></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_origin():
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostilePage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def service():
    with LiveService() as svc:
        yield svc


@pytest.fixture
def browser(playwright_instance):
    """A plain Chromium (no extension): the attacker is an ordinary web page.

    Uses the session's single sync Playwright (a second one in the same process cannot start).
    """
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"])
    yield b
    b.close()


def snapshot(db_path) -> dict:
    conn = sqlite3.connect(db_path)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("vault", "settings", "tokens")}
    finally:
        conn.close()


def test_hostile_page_gets_nothing_and_changes_nothing(service, hostile_origin, browser):
    leaked = service.token             # worst case: the page even knows a valid token
    before = snapshot(service.db_path)

    page = browser.new_page()
    page.goto(hostile_origin + "/")
    results = page.evaluate(ATTACK_JS, {"svc": service.url, "leaked": leaked})
    page.close()

    # CORS requests fail outright (the 403 carries no Access-Control-Allow-Origin).
    for name in ("cors_get_health", "cors_get_vault_leaked", "cors_post_vault_leaked", "cors_pair_confirm"):
        assert "error" in results[name], (name, results[name])
    # no-cors requests are opaque: no status, no body.
    for name in ("nocors_post_vault", "nocors_put_settings"):
        assert results[name] == {"type": "opaque", "status": 0, "body": ""}, (name, results[name])
    # form POSTs land in a frame the page cannot read.
    for name in ("form_vault", "form_pair"):
        readable = results[name]["readable"]
        assert readable is None or readable.startswith("blocked:"), (name, readable)
    assert "13912345678" not in json.dumps(results)

    assert snapshot(service.db_path) == before, "a hostile page changed the database"
    # the attempts did reach the service, and its Origin check refused them (not only CORS)
    log = service.log_path.read_text()
    for line in ("refused POST /api/v1/vault: 403 forbidden_origin", "refused GET /api/v1/health: 403 forbidden_origin",
                 "refused POST /pair/confirm: 403 forbidden_origin", "refused POST /api/v1/settings: 403 forbidden_origin"):
        assert line in log, line
    assert leaked not in log
    # and the service is still fine for its real client
    assert service.client().get("/api/v1/vault").status == 200


# ---- a page cannot read what Hegai concluded about it (issue 16, finding 10) ----------------------
# A hostile page records what its scripts can see while the real extension highlights and assesses
# a 开盒 post on it: performance entries, mutation records (attributes, added nodes), events on
# window and document, console calls, every element's attributes, open shadow roots, stylesheets,
# highlights, globals. Hegai's marks and banner are there (read through the DevTools protocol,
# which pierces closed shadow roots), but nothing the page can read names Hegai or the verdict.

@pytest.fixture(scope="module")
def hegai(playwright_instance):
    """The real service and Chromium with the real extension (tests/e2e/harness.py)."""
    from .harness import FIXTURES_DIR, Browser, FixtureServer

    with LiveService() as svc, FixtureServer(FIXTURES_DIR) as fixtures:
        b = Browser(playwright_instance)
        b.connect(svc.port, svc.token)
        b.fixtures = fixtures
        yield b
        b.close()


def _open_hostile(hegai, host: str, query: str = ""):
    from .harness import wait_idle

    page = hegai.context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(hegai.fixtures.url(host, "hostile-kaihe.html") + query)
    wait_idle(page)
    return page, console


def _verdict_words(shown: dict, found: list[dict], guard: list[dict]) -> list[str]:
    """Strings only Hegai's verdict holds: its level and types, reasons, hover texts, banner text,
    what the guard's hint and dialog said about the draft."""
    words = ["hegai", "盒盖", "开盒风险", "critical", "PHONE_MOBILE", "ID_CARD", "ADDRESS", "138****8000", "139****5678"]
    words += shown["reasons"] + [shown["level_text"]] + [m["title"] for m in found]
    words += [ui["text"].strip() for ui in guard] + [ui.get("title", "") for ui in guard]
    return [w for w in words if w]


def test_a_page_cannot_read_hegai_or_its_verdict(hegai):
    from .harness import banner, guard_ui, marks, wait_modal, wait_until

    page, console = _open_hostile(hegai, "hostile.test")
    try:
        # Hegai did its work: the post is marked and the banner warns (seen through the DevTools protocol)…
        found = marks(page)
        assert {"13800138000", "44030519900101123X"} <= {m["text"] for m in found}, found
        shown = banner(page)
        assert shown and shown["level"] in ("high", "critical"), shown
        # The user types a reply with a phone number: the guard's hint, then its dialog on send.
        page.click("#composer")
        page.keyboard.type("有事打我电话13912345678")
        hint = wait_until(page, lambda: guard_ui(page, "hint"), 10000, "the guard's hint")
        page.click("#send")
        dialog = wait_modal(page)
        assert "139****5678" in dialog["text"], dialog
        page.wait_for_timeout(500)       # late mutation records and events reach the page's observers
        seen = page.evaluate("() => window.__spy.collect()")
    finally:
        page.close()

    # …and the page can read none of it.
    assert [e for e in seen["entries"] + seen["perf"] if e["type"] in ("mark", "measure")] == []
    assert seen["globals"] == [] and seen["highlights"] == []
    # No event of Hegai's own (the user's clicks, focus and scrolling do fire, and say nothing of it).
    assert not [e for e in seen["events"] if "hegai" in e["type"] or e["type"] in ("verdict", "assessed", "message")]
    added = [n for m in seen["mutations"] for n in m["added"] if "tag" in n]
    ours = [n for n in added if "-" in n["tag"]]      # the page's own markup has no custom elements
    assert len({n["tag"] for n in ours}) >= 4, "the test did not see Hegai's marks, banner, hint and dialog added"
    for element in ours:     # unnamed, attribute-less hosts whose shadow root the page cannot open
        assert element["attrs"] == {} and not element["open_shadow"] and "hegai" not in element["tag"], element
    # The page's own <head> (its spy script, its <meta name="hegai-platform">) names Hegai itself;
    # anything Hegai added there would show in the mutation records.
    seen["html"] = seen["html"].split("</head>", 1)[1]
    seen["elements"] = [e for e in seen["elements"] if e["attrs"].get("name") != "hegai-platform"]
    readable = json.dumps(seen, ensure_ascii=False) + "\n".join(console)
    leaked = [w for w in _verdict_words(shown, found, [hint, dialog]) if w.lower() in readable.lower()]
    assert leaked == [], leaked


def test_a_page_cannot_choose_how_hegai_reads_it(hegai):
    """<meta name="hegai-platform"> and ?hegai-platform= are honoured on the test fixture hosts
    only (an extension-only setting lists them); an ordinary page gets the adapter its host gets."""
    from .harness import progress

    def adapter(host, query=""):
        page, _ = _open_hostile(hegai, host, query)
        try:
            return [n for n in progress(page)["recent"] if n["event"] == "idle"][-1]["adapter"]
        finally:
            page.close()

    assert adapter("hostile.test") == "generic"
    assert adapter("hostile.test", "?hegai-platform=tieba") == "generic"
    assert adapter("plain.test") == "zhihu"             # a fixture host: the tests' own pages may


def test_a_page_cannot_hide_text_from_hegai_by_dressing_it_as_hegai(hegai):
    """Hegai knows its own elements by identity, not by a tag name or attribute: a page that wraps a
    post in <hegai-banner> or marks it data-hegai-ui (which once kept it from being read) is read."""
    from .harness import wait_marked

    page, _ = _open_hostile(hegai, "hostile.test")
    try:
        page.evaluate("""() => {
          document.body.insertAdjacentHTML('beforeend',
            '<section data-hegai-ui><p>藏起来的电话 13700001111</p></section>' +
            '<hegai-banner><p>另一个电话 13700002222</p></hegai-banner>');
        }""")
        wait_marked(page, "13700001111")
        wait_marked(page, "13700002222")
    finally:
        page.close()
