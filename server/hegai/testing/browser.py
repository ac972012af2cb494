"""Launching Debian's chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Quiet, reproducible runs: no sandbox (containers, CI), no GPU, no background traffic.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_executable() -> str:
    """``$HEGAI_CHROMIUM`` or Debian's ``/usr/bin/chromium``; raises if neither exists."""
    path = os.environ.get("HEGAI_CHROMIUM") or DEFAULT_CHROMIUM
    resolved = path if os.path.isfile(path) else shutil.which(path)
    if not resolved:
        raise FileNotFoundError(
            f"chromium not found at {path!r}: install Debian's chromium (apt-get install chromium) "
            "or set HEGAI_CHROMIUM to a Chromium executable")
    return resolved


def launch_chromium(playwright, headless: bool = True, extra_args: list[str] | None = None):
    """A Playwright ``Browser`` running Debian's chromium."""
    return playwright.chromium.launch(executable_path=chromium_executable(), headless=headless,
                                      args=LAUNCH_ARGS + list(extra_args or []))
