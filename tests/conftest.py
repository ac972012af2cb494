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


def pytest_collection_modifyitems(config, items):
    """Tests marked ``timing`` compare how long code takes: another process on the same cores
    fails them, so the default run (scripts/test, CI) leaves them out — deselected, not skipped —
    and ``scripts/bench timing`` (``pytest -m timing``) runs them (issue 17)."""
    if "timing" in (config.option.markexpr or ""):
        return
    timing = [item for item in items if item.get_closest_marker("timing")]
    if timing:
        config.hook.pytest_deselected(items=timing)
        items[:] = [item for item in items if not item.get_closest_marker("timing")]
