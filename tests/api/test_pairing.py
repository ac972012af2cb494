"""Pairing (issue 16): no HTTP route hands out a token — only the native messaging host, which
the browser starts for a registered extension — and tokens can be listed, revoked, and expire."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import struct
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers.api_asserts import assert_error
from helpers.flask_api import FlaskApi

EXT = "bhdpaekabndnmhaenibmgdkeiplpoojm"
STORE_EXT = "nkbihfbeogaeaoehlefnkodbefgpgknn"     # a store install: not the pinned id
ROOT = Path(__file__).resolve().parents[2]


# -- the attack: a local process (or another OS user) replays the pairing page ---------------------
@pytest.fixture
def unpaired(api, make_app, request):
    """(client without a token, function counting the tokens in that service's database)."""
    if isinstance(api, FlaskApi):
        client = FlaskApi(make_app(), None)
        return client, client.app.extensions["hegai"].tokens.count
    svc = request.getfixturevalue("live")
    client = type(api)(f"http://127.0.0.1:{api.port}")

    def count() -> int:
        with sqlite3.connect(svc.db_path) as conn:
            return conn.execute("SELECT COUNT(*) FROM tokens").fetchone()[0]
    return client, count


def forged_headers(port: int) -> list[dict]:
    """What a non-browser client can put in headers: anything, including the 'right' Origin."""
    return [{}, {"Origin": f"http://127.0.0.1:{port}"}, {"Origin": f"chrome-extension://{EXT}"},
            {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}]


def test_replayed_pairing_nonce_yields_no_token(unpaired, port_of):
    """The reported attack: GET /pair?ext=<pinned id>, read the nonce, POST /pair/confirm with a
    forged Origin. Before issue 16 this printed a permanent token."""
    client, count = unpaired
    before = count()
    page = client.get(f"/pair?ext={EXT}")
    nonce = re.search(r'data-nonce="([^"]+)"', page.body.decode())
    for headers in forged_headers(port_of(client)):
        body = {"nonce": nonce.group(1) if nonce else "x" * 32, "ext": EXT}
        reply = client.post("/pair/confirm", json=body, headers=headers)
        assert reply.status >= 400 and b'"token"' not in reply.body, reply.body[:200]
    assert count() == before
    # what is left of /pair only explains how to pair
    assert page.status == 200 and "install-browser-host" in page.body.decode()
    assert nonce is None and "<script" not in page.body.decode()


def _routes(app):
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:int:)?[^>]+>", "1", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, path


def test_no_route_hands_a_token_to_a_non_browser_client(make_app):
    """Crawl every route without a token, harvest anything nonce-like from the answers, replay it
    to every write route with every Origin a script can forge: the token table stays empty."""
    app = make_app()
    client = FlaskApi(app, None)
    routes = list(_routes(app))
    harvested = {"x" * 32}
    for method, path in routes:
        if method == "GET":
            body = client.get(f"{path}?ext={EXT}").body.decode("utf-8", "replace")
            harvested.update(re.findall(r'data-[a-z-]+="([A-Za-z0-9_-]{16,})"', body))
            harvested.update(re.findall(r'"(?:nonce|code)"\s*:\s*"([^"]+)"', body))
    for method, path in routes:
        if method == "GET":
            continue
        for value in harvested:
            for headers in forged_headers(8765):
                payload = {"nonce": value, "code": value, "ext": EXT, "type": "pair"}
                reply = client.request(method, path, json=payload, headers=headers)
                assert b'"token"' not in reply.body or reply.status >= 400, (method, path)
    assert app.extensions["hegai"].tokens.count() == 0


# -- the native messaging host: the only way to a token ----------------------------------------------
def native_exchange(launcher: Path, origin: str, messages: list, env: dict | None = None) -> list:
    """Start the host as Chromium does (origin as first argument, length-prefixed JSON on stdio)."""
    data = b"".join(struct.pack("=I", len(raw)) + raw
                    for raw in (json.dumps(m).encode() for m in messages))
    out = subprocess.run([str(launcher), origin], input=data, capture_output=True, timeout=60,
                         env=env or {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}).stdout
    replies = []
    while out:
        (length,) = struct.unpack("=I", out[:4])
        replies.append(json.loads(out[4:4 + length]))
        out = out[4 + length:]
    return replies


@pytest.fixture
def installed(tmp_path):
    from hegai.service.host_install import install

    home = tmp_path / "home"
    return home, install([STORE_EXT], dirs=[tmp_path / "profile" / "NativeMessagingHosts"], home=home)


def test_host_manifest_names_the_pinned_and_store_ids(installed, tmp_path):
    home, done = installed
    manifest = json.loads((tmp_path / "profile/NativeMessagingHosts/org.hegai.pairing.json").read_text())
    assert manifest["name"] == "org.hegai.pairing" and manifest["type"] == "stdio"
    assert manifest["allowed_origins"] == [f"chrome-extension://{EXT}/", f"chrome-extension://{STORE_EXT}/"]
    launcher = Path(manifest["path"])
    assert launcher.is_absolute() and launcher == done.launcher and os.access(launcher, os.X_OK)
    assert stat.S_IMODE(launcher.stat().st_mode) == 0o700 and stat.S_IMODE(home.stat().st_mode) == 0o700


def test_host_gives_a_new_named_working_token_per_pairing(installed, make_app):
    home, done = installed
    replies = native_exchange(done.launcher, f"chrome-extension://{STORE_EXT}/", [{"type": "pair"}, {"type": "pair"}])
    assert [r["ok"] for r in replies] == [True, True] and replies[0]["token"] != replies[1]["token"]
    assert replies[0]["name"] == f"Chromium extension {STORE_EXT}"
    api = FlaskApi(make_app(), replies[0]["token"])
    # the store extension's own origin is accepted: its id was registered with --extension-id
    reply = api.get("/api/v1/vault", headers={"Origin": f"chrome-extension://{STORE_EXT}"})
    assert reply.status == 200, reply.body
    names = [t["name"] for t in api.get("/api/v1/tokens").json()["tokens"]]
    assert names == [f"Chromium extension {STORE_EXT}"] * 2


def test_host_refuses_an_unregistered_origin_and_other_messages(installed, make_app):
    home, done = installed
    other = "a" * 32
    assert native_exchange(done.launcher, f"chrome-extension://{other}/", [{"type": "pair"}]) == [
        {"ok": False, "error": "forbidden_origin"}]
    assert native_exchange(done.launcher, f"chrome-extension://{EXT}/", [{"type": "token?"}, [1]]) == [
        {"ok": False, "error": "unknown_message"}] * 2
    assert make_app().extensions["hegai"].tokens.count() == 0


def test_cli_install_keeps_ids_and_checks_them(tmp_path):
    home, folder = tmp_path / "home", tmp_path / "nmh"
    env = {**os.environ, "HEGAI_HOME": str(home)}
    run = lambda *args: subprocess.run([sys.executable, "-m", "hegai.cli", "install-browser-host", *args],
                                       env=env, capture_output=True, text=True, timeout=60)
    assert run("--dir", str(folder), "--extension-id", STORE_EXT).returncode == 0
    again = run("--dir", str(folder))                       # scripts/run runs it without the id
    assert again.returncode == 0 and "org.hegai.pairing.json" in again.stdout
    origins = json.loads((folder / "org.hegai.pairing.json").read_text())["allowed_origins"]
    assert f"chrome-extension://{STORE_EXT}/" in origins and f"chrome-extension://{EXT}/" in origins
    bad = run("--dir", str(folder), "--extension-id", "not-an-id")
    assert bad.returncode == 2 and "not an extension id" in bad.stderr


def test_unregistered_extension_origin_is_still_refused(make_app):
    app = make_app()
    api = FlaskApi(app, app.extensions["hegai"].tokens.create("cli"))
    assert_error(api.get("/api/v1/vault", headers={"Origin": f"chrome-extension://{STORE_EXT}"}),
                 403, "forbidden_origin")


# -- token management ---------------------------------------------------------------------------------
def test_tokens_are_listed_and_last_use_is_written(app):
    repo = app.extensions["hegai"].tokens
    mine = repo.create(EXT, f"Chromium extension {EXT}")
    repo.create("cli", "Command line")
    api = FlaskApi(app, mine)
    assert api.get("/api/v1/vault").status == 200
    listed = api.get("/api/v1/tokens").json()
    assert listed["max_idle_days"] == 90
    by_name = {t["name"]: t for t in listed["tokens"]}
    assert set(by_name) == {f"Chromium extension {EXT}", "Command line"}
    assert by_name[f"Chromium extension {EXT}"]["current"] is True
    assert by_name[f"Chromium extension {EXT}"]["last_used_at"] is not None
    assert by_name["Command line"]["last_used_at"] is None and by_name["Command line"]["created_at"]
    stored = app.extensions["hegai"].db.execute("SELECT last_used_at FROM tokens WHERE client = ?", (EXT,)).fetchone()
    assert stored[0] is not None


def test_revoked_token_is_refused_at_once(app):
    repo = app.extensions["hegai"].tokens
    admin, victim = FlaskApi(app, repo.create("cli", "admin")), FlaskApi(app, repo.create(EXT, "ext"))
    assert victim.get("/api/v1/vault").status == 200            # now cached as valid
    victim_id = next(t["id"] for t in admin.get("/api/v1/tokens").json()["tokens"] if t["name"] == "ext")
    assert admin.delete(f"/api/v1/tokens/{victim_id}").json() == {"revoked": victim_id}
    assert_error(victim.get("/api/v1/vault"), 401, "unauthorized")
    assert_error(admin.delete(f"/api/v1/tokens/{victim_id}"), 404, "not_found")
    assert_error(FlaskApi(app, None).get("/api/v1/tokens"), 401, "unauthorized")


def test_token_unused_for_90_days_expires(app):
    services = app.extensions["hegai"]
    old, recent = services.tokens.create(EXT, "old"), services.tokens.create(EXT, "recent")
    now = datetime.now(timezone.utc)
    for name, days in (("old", 91), ("recent", 89)):
        stamp = (now - timedelta(days=days)).isoformat(timespec="seconds")
        services.db.write("UPDATE tokens SET created_at = ?, last_used_at = ? WHERE name = ?", (stamp, stamp, name))
    assert_error(FlaskApi(app, old).get("/api/v1/vault"), 401, "unauthorized")
    assert FlaskApi(app, recent).get("/api/v1/vault").status == 200
    assert [t["name"] for t in FlaskApi(app, recent).get("/api/v1/tokens").json()["tokens"]] == ["recent"]


def test_expiry_follows_the_injected_clock(app):
    from hegai.service.storage.tokens_repo import TokensRepo

    now = [datetime(2026, 1, 1, tzinfo=timezone.utc)]
    repo = TokensRepo(app.extensions["hegai"].db, clock=lambda: now[0])
    token = repo.create("cli", "clocked")
    token_id = repo.find(token)
    now[0] += timedelta(days=80)
    repo.touch(token_id)                                        # used: the 90 days start again
    now[0] += timedelta(days=80)
    assert repo.find(token) == token_id
    now[0] += timedelta(days=91)
    assert repo.find(token) is None and repo.entries() == []


def test_old_extension_tokens_are_revoked_by_the_migration(tmp_path):
    """Tokens minted by the forgeable /pair route before issue 16 are revoked on upgrade."""
    from hegai.service.storage import Database
    from hegai.service.storage import migrations

    home = tmp_path / "home"
    home.mkdir()
    conn = sqlite3.connect(home / "hegai.db", isolation_level=None)
    for version, name, sql in migrations.available():
        if version < 4:
            conn.executescript(sql)
            migrations.applied(conn)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
    conn.execute("INSERT INTO tokens (token_hash, client, created_at) VALUES ('a', ?, 'then'), ('b', 'cli', 'then')",
                 (EXT,))
    conn.close()
    rows = Database(home).execute("SELECT client, name FROM tokens").fetchall()
    assert [tuple(r) for r in rows] == [("cli", "Command line (hegai pair --new-token)")]


def test_host_rejects_oversized_and_broken_messages(app):
    """The stdio protocol is parsed defensively: a bad frame ends the session with no token."""
    import io

    from hegai.service.browser_host import read_message, serve

    tokens = app.extensions["hegai"].tokens
    for frame in (struct.pack("=I", 10 * 1024 * 1024) + b"{}", struct.pack("=I", 50) + b'{"type": "pa',
                  struct.pack("=I", 4) + b"\xff\xfe{}"):
        out = io.BytesIO()
        assert serve(io.BytesIO(frame), out, f"chrome-extension://{EXT}/", {EXT}, lambda: tokens) == 1
        assert read_message(io.BytesIO(out.getvalue()))["error"] == "bad_message"
    assert tokens.count() == 0
