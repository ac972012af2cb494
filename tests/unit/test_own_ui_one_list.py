"""Issue 17, item 1: one list of what Hegai drew, derived from how it draws. Every element Hegai adds
to a page is made by ``Hegai.opaque.create`` (content/opaque.js), which records it (a WeakSet the
collector and the page scanner consult) and gives it a closed shadow root. A second way of making
UI (another attachShadow, a custom element) would be missing from that list, as the guard's hint and
dialog once were from collect.js's list of tag names, and its words would be read as page text.
The e2e check of the same is tests/e2e/test_own_ui_unread.py."""

from __future__ import annotations

import re
from pathlib import Path

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
OPAQUE = EXTENSION / "content" / "opaque.js"


def _scripts():
    return [p for p in sorted(EXTENSION.rglob("*.js")) if "node_modules" not in p.parts]


def test_only_opaque_js_makes_shadow_roots_or_custom_elements():
    others = [f"{p.relative_to(EXTENSION)}:{n}" for p in _scripts() if p != OPAQUE
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"\battachShadow\s*\(|customElements\.define\s*\(", line)]
    assert not others, f"UI made outside content/opaque.js: {others}"


def test_opaque_roots_are_closed_and_recorded():
    source = OPAQUE.read_text(encoding="utf-8")
    assert re.search(r'attachShadow\(\{\s*mode:\s*"closed"\s*\}\)', source)
    assert "own.add(host)" in source
    collector = (EXTENSION / "content" / "collect.js").read_text(encoding="utf-8")
    assert "Hegai.opaque.isOwn(el)" in collector       # the collector skips what opaque.js made
    assert not re.search(r"HEGAI-|hegai-guard-|hegai-report-notice|hegai-image-shield", collector)
