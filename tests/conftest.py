"""Shared pytest configuration. Area-specific fixtures live next to their tests."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = Path(os.environ.get("HEGAI_SHARED_EVAL", ROOT.parent / "shared" / "eval"))


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval, or skip: a fresh clone has no ../shared."""
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"no shared evaluation data at {SHARED_EVAL} (fresh clone): skipped")
    return SHARED_EVAL
