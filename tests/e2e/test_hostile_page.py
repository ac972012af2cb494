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
