"""Static checks of the extension package (no browser): manifest, pinned id, locales, adapters."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from hegai import __version__

from .harness import EXTENSION_DIR, PINNED_EXTENSION_ID

MANIFEST = json.loads((EXTENSION_DIR / "manifest.json").read_text("utf-8"))
LOCALES = {loc: json.loads((EXTENSION_DIR / "_locales" / loc / "messages.json").read_text("utf-8"))
           for loc in ("zh_CN", "en")}


def extension_id_from_key(key: str) -> str:
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_key_pins_the_extension_id():
    assert extension_id_from_key(MANIFEST["key"]) == PINNED_EXTENSION_ID


def test_manifest_basics():
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["version"] == __version__
    assert MANIFEST["default_locale"] == "zh_CN"
    # <all_urls>: chrome.tabs.captureVisibleTab for the banner's one-click report (issue 7) needs it
    # (activeTab is not granted by a click in page UI); content scripts already run on every page.
    assert MANIFEST["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*", "<all_urls>"]
    # Pairing is native messaging only (issue 16): no web page, not even one on 127.0.0.1, can
    # message the extension, and the token comes from the host the browser starts.
    assert "externally_connectable" not in MANIFEST and "nativeMessaging" in MANIFEST["permissions"]


def test_every_referenced_file_exists():
    files = [MANIFEST["background"]["service_worker"], MANIFEST["action"]["default_popup"], MANIFEST["options_page"]]
    files += [f for cs in MANIFEST["content_scripts"] for f in cs["js"]]
    files += list(MANIFEST["icons"].values())
    for f in files:
        assert (EXTENSION_DIR / f).is_file(), f
    sw = (EXTENSION_DIR / MANIFEST["background"]["service_worker"]).read_text("utf-8")
    for name in re.findall(r'"([\w./-]+\.js)"', sw):
        assert (EXTENSION_DIR / "sw" / name).resolve().is_file(), name


def test_every_platform_adapter_is_loaded():
    loaded = {f for cs in MANIFEST["content_scripts"] for f in cs["js"]}
    for adapter in (EXTENSION_DIR / "content" / "adapters").glob("*.js"):
        assert f"content/adapters/{adapter.name}" in loaded, f"{adapter.name} is not in manifest content_scripts"


def test_locales_have_the_same_keys_and_placeholders():
    zh, en = LOCALES["zh_CN"], LOCALES["en"]
    assert zh.keys() == en.keys()
    for key in zh:
        assert zh[key].get("placeholders", {}).keys() == en[key].get("placeholders", {}).keys(), key


def test_every_string_key_used_exists():
    used = set()
    for path in EXTENSION_DIR.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text("utf-8")
            used |= set(re.findall(r'data-i18n="(\w+)"', text))
            used |= {k for pair in re.findall(r'data-i18n-attr="([^"]+)"', text) for k in re.findall(r":(\w+)", pair)}
        elif path.suffix == ".js":
            used |= set(re.findall(r'\bt\("(\w+)"', path.read_text("utf-8")))
        elif path.name == "manifest.json":
            used |= set(re.findall(r"__MSG_(\w+)__", path.read_text("utf-8")))
    missing = sorted(k for k in used if k not in LOCALES["zh_CN"])
    assert not missing, missing
