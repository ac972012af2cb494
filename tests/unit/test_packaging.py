"""Packaging: the store zip from scripts/pack-extension, and the wheel that ``pip install .`` builds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import hegai
from hegai.extension_files import referenced_files

ROOT = Path(__file__).resolve().parents[2]
PINNED_EXTENSION_ID = "bhdpaekabndnmhaenibmgdkeiplpoojm"


@pytest.fixture(scope="module")
def packed(tmp_path_factory) -> tuple[Path, Path]:
    """(zip, unpacked directory) from a real scripts/pack-extension run."""
    out = tmp_path_factory.mktemp("dist")
    completed = subprocess.run([sys.executable, str(ROOT / "scripts" / "pack-extension"), "--out", str(out)],
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    archive = Path(completed.stdout.strip())
    assert archive == out / f"hegai-extension-{hegai.__version__}.zip"
    unpacked = out / "unpacked"
    with zipfile.ZipFile(archive) as z:
        z.extractall(unpacked)
    return archive, unpacked


def test_zip_manifest_has_the_package_version_and_no_key(packed):
    _, unpacked = packed
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == hegai.__version__
    assert "key" not in manifest   # the store refuses it
    assert manifest["manifest_version"] == 3


def test_zip_holds_what_the_extension_needs_and_no_development_files(packed):
    archive, unpacked = packed
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    names = set(zipfile.ZipFile(archive).namelist())
    assert referenced_files(manifest) <= names
    assert not [n for n in names if n.endswith((".py", ".md", ".map")) or "/." in "/" + n or "node_modules" in n]


def test_zip_is_reproducible(packed, tmp_path):
    archive, _ = packed
    again = subprocess.run([sys.executable, str(ROOT / "scripts" / "pack-extension"), "--out", str(tmp_path)],
                           capture_output=True, text=True, timeout=60)
    assert Path(again.stdout.strip()).read_bytes() == archive.read_bytes()


def _start_extension(extension: Path, profile: Path) -> tuple[str, str]:
    from playwright.sync_api import sync_playwright

    from hegai.testing.browser import LAUNCH_ARGS, chromium_executable

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium_executable(), headless=True,
            args=LAUNCH_ARGS + [f"--disable-extensions-except={extension}", f"--load-extension={extension}"])
        try:
            workers = context.service_workers
            worker = workers[0] if workers else context.wait_for_event("serviceworker", timeout=20_000)
            return worker.url, worker.evaluate("() => chrome.runtime.getManifest().version")
        finally:
            context.close()


def test_unpacked_zip_loads_in_chromium(packed, tmp_path):
    _, unpacked = packed
    # A thread of its own: another module's Playwright may still be running in this one.
    with ThreadPoolExecutor(1) as pool:
        url, version = pool.submit(_start_extension, unpacked, tmp_path / "profile").result()
    assert url.startswith("chrome-extension://") and url.endswith("/sw/main.js")
    assert version == hegai.__version__


def test_keep_key_zip_loads_with_the_pinned_id(tmp_path):
    """--keep-key: a development zip that pairs with the service under the pinned extension id."""
    completed = subprocess.run([sys.executable, str(ROOT / "scripts" / "pack-extension"), "--keep-key",
                                "--out", str(tmp_path)], capture_output=True, text=True, timeout=60)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(completed.stdout.strip()) as z:
        z.extractall(unpacked)
    with ThreadPoolExecutor(1) as pool:
        url, _ = pool.submit(_start_extension, unpacked, tmp_path / "profile").result()
    assert url == f"chrome-extension://{PINNED_EXTENSION_ID}/sw/main.js"


def test_extension_path_in_a_checkout_is_the_source_folder():
    shown = subprocess.run([sys.executable, "-m", "hegai.cli", "extension-path"], capture_output=True, text=True,
                           check=True)
    assert Path(shown.stdout.strip()) == ROOT / "extension"


def _copy_source(target: Path) -> Path:
    """What a fresh clone holds for the build: no venv, no egg-info, no build/ left behind in the repo."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc", "node_modules")
    for name in ("server", "extension"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.slow
def test_non_editable_install_in_a_fresh_venv(tmp_path):
    """``pip install .`` (via the wheel) gives the command, the pytest plugin and the extension files."""
    source = _copy_source(tmp_path / "src")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(wheels.glob("hegai-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "hegai/_extension/manifest.json" in names
    # the audit and the plugin read the page with the extension's own collector (issue 22): no copy
    assert "hegai/_extension/content/collect.js" in names and "hegai/audit/report_template.html" in names
    assert not [n for n in names if n.startswith("hegai/testing/") and n.endswith(".js")]
    assert not [n for n in names if n.startswith("hegai/_extension/") and n.endswith(".py")]

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python, hegai_command = venv / "bin" / "python", venv / "bin" / "hegai"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True, timeout=300)

    shown = subprocess.run([str(hegai_command), "extension-path"], capture_output=True, text=True, check=True)
    extension = Path(shown.stdout.strip())
    assert extension.is_relative_to(venv)
    manifest = json.loads((extension / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == hegai.__version__
    assert "key" in manifest   # "Load unpacked" keeps the pinned id the service accepts
    assert referenced_files(manifest) <= {p.relative_to(extension).as_posix() for p in extension.rglob("*")}

    plugins = subprocess.run([str(python), "-c", "from importlib.metadata import entry_points;"
                              "print([e.value for e in entry_points(group='pytest11')])"],
                             capture_output=True, text=True, check=True)
    assert "hegai.testing.plugin" in plugins.stdout
    collector = subprocess.run([str(python), "-c", "from hegai.testing.page_text import collector_path, collector_source;"
                                "print(collector_path()); assert 'Hegai.collect' in collector_source()"],
                               capture_output=True, text=True, check=True)
    assert Path(collector.stdout.strip()) == extension / "content" / "collect.js"
    scanned = subprocess.run([str(hegai_command), "scan", "--mask", "-"], input="电话 13800138000",
                             capture_output=True, text=True, check=True)
    assert "138****8000" in scanned.stdout
