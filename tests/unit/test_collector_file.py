"""One collector file (issue 22): the audit and the pytest plugin evaluate the extension's own
content script, ``extension/content/collect.js``, read from the extension's directory (in a
checkout, or shipped inside the package); there is no second copy in ``hegai/testing`` to drift."""

from __future__ import annotations

import json
from pathlib import Path

from hegai.extension_files import extension_dir
from hegai.testing.page_text import _AS_JSON, collector_path, collector_source

ROOT = Path(__file__).resolve().parents[2]


def test_the_audit_evaluates_the_extensions_content_script():
    assert collector_path() == extension_dir() / "content" / "collect.js"
    assert collector_path().read_text(encoding="utf-8") == collector_source()
    manifest = json.loads((extension_dir() / "manifest.json").read_text(encoding="utf-8"))
    page_scripts = next(s["js"] for s in manifest["content_scripts"] if "content/main.js" in s["js"])
    # the extension loads it after the namespace and the opaque hosts (whose elements it skips)
    assert page_scripts.index("shared/namespace.js") < page_scripts.index("content/opaque.js") \
        < page_scripts.index("content/collect.js")
    assert collector_source() in _AS_JSON.format(collector=collector_source())


def test_no_second_collector_in_the_package():
    assert sorted(p.name for p in (ROOT / "server" / "hegai" / "testing").glob("*.js")) == []
