"""Where Hegai keeps its data: ``HEGAI_HOME``, else ``$XDG_DATA_HOME/hegai``, else ~/.local/share/hegai."""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "hegai.db"


def data_dir() -> Path:
    if os.environ.get("HEGAI_HOME"):
        return Path(os.environ["HEGAI_HOME"])
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "hegai"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` owner-only (0700); tighten it if it already exists."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` as an empty 0600 file before SQLite opens it, so it is never world-readable."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path
