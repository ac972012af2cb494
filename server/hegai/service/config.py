"""Service configuration. Every field has a safe default; tests lower limits to exercise them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PINNED_EXTENSION_ID = "bhdpaekabndnmhaenibmgdkeiplpoojm"


def _env_extension_ids() -> tuple[str, ...]:
    raw = os.environ.get("HEGAI_EXTENSION_IDS", "")
    return tuple(x.strip() for x in raw.split(",") if x.strip())


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


@dataclass
class ServiceConfig:
    home: Path | None = None                 # data dir; None = HEGAI_HOME / XDG default
    port: int = 8765                         # the port the Host header must name
    max_body_bytes: int = 2 * 1024 * 1024
    rate_per_second: float = field(default_factory=lambda: _env_float("HEGAI_RATE_PER_SEC", 200.0))
    rate_burst: float = field(default_factory=lambda: _env_float("HEGAI_RATE_BURST", 400.0))
    extension_ids: tuple[str, ...] = field(default_factory=lambda: (PINNED_EXTENSION_ID, *_env_extension_ids()))
    max_chunks: int = 2000
    log_detections: bool = True
    extra_hosts: tuple[str, ...] = ()         # Host names accepted besides loopback (--allow-remote)

    @property
    def extension_origins(self) -> tuple[str, ...]:
        return tuple(f"chrome-extension://{x}" for x in self.extension_ids)
