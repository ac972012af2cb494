"""``hegai install-browser-host``: register the pairing host (``browser_host``) with Chromium and
Chrome, as KeePassXC-Browser does.

What it writes:
- a launcher, ``HEGAI_HOME/browser-host/hegai-browser-host`` (0700): a shell script that runs this
  Python (the venv's) with HEGAI_HOME fixed, because the browser starts it with the browser's own
  environment;
- ``org.hegai.pairing.json`` in each NativeMessagingHosts folder (by default Chromium's and
  Chrome's under ~/.config; ``--dir`` names others, e.g. ``<user-data-dir>/NativeMessagingHosts``);
- the extension ids it allowed, in ``HEGAI_HOME/browser-host/extension-ids.json``, so running it
  again (``scripts/run`` does, every start) keeps an id added once with ``--extension-id``.

``allowed_origins`` cannot hold wildcards: the pinned development id is always listed, plus every
id given with ``--extension-id`` (a store install has its own id), plus HEGAI_EXTENSION_IDS.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import regex

from .browser_host import HOST_NAME
from .config import PINNED_EXTENSION_ID, _env_extension_ids
from .storage.paths import data_dir, ensure_private_dir

EXTENSION_ID = regex.compile(r"^[a-p]{32}$")
LAUNCHER_NAME = "hegai-browser-host"
REGISTRY_NAME = "extension-ids.json"


@dataclass
class Installed:
    launcher: Path
    manifests: list[Path]
    extension_ids: list[str]


def default_dirs() -> list[Path]:
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return [config / "chromium" / "NativeMessagingHosts", config / "google-chrome" / "NativeMessagingHosts"]


def host_dir(home: Path) -> Path:
    return ensure_private_dir(home / "browser-host")


def _registry(home: Path) -> list[str]:
    try:
        ids = json.loads((home / "browser-host" / REGISTRY_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [x for x in ids if isinstance(x, str) and EXTENSION_ID.match(x)] if isinstance(ids, list) else []


def allowed_extension_ids(home: Path) -> list[str]:
    """The pinned id first, then the registered ones, each once."""
    return list(dict.fromkeys([PINNED_EXTENSION_ID, *_registry(home)]))


class ExtensionRegistry:
    """The registered ids as the service sees them: re-read when the file changes, so an id
    added while the service runs is accepted without a restart."""

    def __init__(self, home: Path):
        self.path = Path(home) / "browser-host" / REGISTRY_NAME
        self.home = Path(home)
        self._stamp: int | None = None
        self._ids: frozenset[str] = frozenset()
        self._lock = threading.Lock()

    def contains(self, ext_id: str) -> bool:
        try:
            stamp = self.path.stat().st_mtime_ns
        except OSError:
            return False
        with self._lock:
            if stamp != self._stamp:
                self._ids, self._stamp = frozenset(_registry(self.home)), stamp
            return ext_id in self._ids


def _write(path: Path, text: str, mode: int) -> None:
    """Whole file or nothing: a browser reading a half-written manifest ignores the host."""
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(partial, mode)
    partial.replace(path)


def write_launcher(home: Path, python: str) -> Path:
    launcher = host_dir(home) / LAUNCHER_NAME
    _write(launcher, "#!/bin/sh\n"
           "# Written by `hegai install-browser-host`. The browser runs this to pair the Hegai extension.\n"
           f"HEGAI_HOME={shlex.quote(str(home))} exec {shlex.quote(python)} -m hegai.service.browser_host \"$@\"\n",
           0o700)
    return launcher


def manifest(launcher: Path, ids: list[str]) -> dict:
    return {"name": HOST_NAME, "description": "Hegai (盒盖): pairs the browser extension with the local service",
            "path": str(launcher), "type": "stdio",
            "allowed_origins": [f"chrome-extension://{x}/" for x in ids]}


def install(extension_ids: list[str] = (), dirs: list[Path] | None = None, home: Path | None = None,
            python: str | None = None) -> Installed:
    bad = [x for x in extension_ids if not EXTENSION_ID.match(x)]
    if bad:
        raise ValueError(f"not an extension id (32 letters a-p): {bad[0]!r}")
    home = ensure_private_dir(Path(home) if home else data_dir()).resolve()
    ids = list(dict.fromkeys([*allowed_extension_ids(home), *_env_extension_ids(), *extension_ids]))
    ids = [x for x in ids if EXTENSION_ID.match(x)]
    _write(host_dir(home) / REGISTRY_NAME, json.dumps(ids, indent=1) + "\n", 0o600)
    launcher = write_launcher(home, python or sys.executable)
    text = json.dumps(manifest(launcher, ids), ensure_ascii=False, indent=2) + "\n"
    written = []
    for folder in dirs or default_dirs():
        folder = Path(folder).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{HOST_NAME}.json"
        _write(target, text, 0o644)
        written.append(target)
    return Installed(launcher=launcher, manifests=written, extension_ids=ids)
