"""Where the browser extension's files are, and which of them a release ships.

Standard library only: ``setup.py`` (wheel build hook) and ``scripts/pack-extension`` load this
file by path, before Hegai is installed. Exclusions live here, once, for both the wheel and the
store zip, so that the two ship the same files.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
from pathlib import Path
from typing import Iterator

INSTALLED_DIR = "_extension"   # hegai/_extension inside an installed (non-editable) package
# Development-only files: never shipped.
EXCLUDED_DIRS = {"node_modules", "test", "tests", "__pycache__", "coverage"}
EXCLUDED_NAMES = ["*.py", "*.pyc", "*.md", "*.map", "*.sh", "*.ts", "*.test.js", "*.spec.js", "*~", "*.swp",
                  ".*", "package.json", "package-lock.json", "tsconfig.json", "Makefile", "*.zip"]
_RELEASE = re.compile(r"^(\d+(?:\.\d+)*)")


def extension_dir() -> Path:
    """The extension's directory: shipped inside the package, or ``extension/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / INSTALLED_DIR, here.parents[1] / "extension"):
        if (candidate / "manifest.json").is_file():
            return candidate
    raise FileNotFoundError(f"the Hegai extension is not installed (looked in {here / INSTALLED_DIR})")


def is_shipped(relative: Path) -> bool:
    if any(part in EXCLUDED_DIRS or part.startswith(".") for part in relative.parts[:-1]):
        return False
    return not any(fnmatch.fnmatch(relative.name, pattern) for pattern in EXCLUDED_NAMES)


def shipped_files(root: Path) -> list[Path]:
    """Paths (relative to ``root``) of the files a release contains, sorted."""
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and is_shipped(p.relative_to(root)))


def chrome_version(version: str) -> str:
    """Chrome accepts 1-4 dot-separated integers: "0.2.0rc1" → "0.2.0" (the full one goes in version_name)."""
    match = _RELEASE.match(version)
    if not match:
        raise ValueError(f"cannot make a Chrome extension version from {version!r}")
    return ".".join(match.group(1).split(".")[:4])


def release_manifest(manifest: dict, version: str, keep_key: bool) -> dict:
    """The manifest with the package's version; without ``key`` for a store upload (the store refuses it)."""
    released = dict(manifest)
    released["version"] = chrome_version(version)
    if released["version"] != version:
        released["version_name"] = version
    if not keep_key:
        released.pop("key", None)
    return released


def referenced_files(manifest: dict) -> set[str]:
    """Files the manifest names: service worker, content scripts and styles, pages, icons."""
    refs: set[str] = set()
    background = manifest.get("background", {})
    refs.update(filter(None, [background.get("service_worker")]))
    for script in manifest.get("content_scripts", []):
        refs.update(script.get("js", []) + script.get("css", []))
    action = manifest.get("action", {})
    refs.update(filter(None, [action.get("default_popup"), manifest.get("options_page"),
                              manifest.get("options_ui", {}).get("page")]))
    refs.update(manifest.get("icons", {}).values())
    icon = action.get("default_icon", {})
    refs.update(icon.values() if isinstance(icon, dict) else [icon])
    if manifest.get("default_locale"):
        refs.add(f"_locales/{manifest['default_locale']}/messages.json")
    return refs


def missing_files(root: Path, manifest: dict, files: list[Path]) -> list[str]:
    shipped = {p.as_posix() for p in files}
    return sorted(ref.lstrip("/") for ref in referenced_files(manifest) if ref.lstrip("/") not in shipped)


def iter_release(root: Path, version: str, keep_key: bool) -> Iterator[tuple[str, bytes]]:
    """(archive name, content) of every shipped file, the manifest rewritten for the release.

    Raises ValueError when a file the manifest names would not be shipped.
    """
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    files = shipped_files(root)
    missing = missing_files(root, manifest, files)
    if missing:
        raise ValueError(f"the manifest names files that are missing or excluded: {', '.join(missing)}")
    for relative in files:
        if relative.as_posix() == "manifest.json":
            released = release_manifest(manifest, version, keep_key)
            yield "manifest.json", (json.dumps(released, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        else:
            yield relative.as_posix(), (root / relative).read_bytes()


def copy_release(root: Path, target: Path, version: str, keep_key: bool = True) -> int:
    """Write the shipped files to ``target`` (replacing it); returns how many."""
    if target.exists():
        shutil.rmtree(target)
    count = 0
    for name, content in iter_release(root, version, keep_key):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        count += 1
    return count
