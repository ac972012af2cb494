"""The default suite does not time anything (issue 17, item 13): a test that measures how long code
takes and compares the times (a growth ratio) fails whenever another process shares the cores, so
such tests carry the ``timing`` marker and run only when asked for (``scripts/bench timing``, i.e.
``pytest -m timing``). Bounded waits (``time.monotonic()`` deadlines) are no measurement and stay."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
# Clocks that measure code (waits use time.monotonic) and the helpers built on them.
CLOCKS = {"thread_time", "process_time", "perf_counter", "perf_counter_ns", "thread_time_ns", "process_time_ns"}
HELPERS = {"growth_ratio", "best_time"}          # tests/unit/_linearity.py


def _names(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
    return found


def _marked_timing(decorators: list[ast.expr]) -> bool:
    return any("timing" in _names(d) for d in decorators)


def _timing_tests_unmarked(path: Path) -> list[str]:
    """Test functions of ``path`` that measure time (directly or through a function of the same
    module) without the ``timing`` marker on them or on the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_marked = any(isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in n.targets)
                        and "timing" in _names(n.value) for n in tree.body)
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    timers = CLOCKS | HELPERS
    changed = True
    while changed:      # a helper that calls a timing helper times too
        changed = False
        for f in functions:
            if f.name not in timers and not f.name.startswith("test_") and _names(f) & timers:
                timers.add(f.name)
                changed = True
    return [f"{path.relative_to(ROOT)}::{f.name}" for f in functions
            if f.name.startswith("test_") and _names(f) & timers
            and not (module_marked or _marked_timing(f.decorator_list))]


def test_every_test_that_measures_time_is_marked_timing():
    unmarked = [name for path in sorted(TESTS.rglob("test_*.py")) if "node_modules" not in path.parts
                for name in _timing_tests_unmarked(path)]
    assert not unmarked, f"time-measuring tests without @pytest.mark.timing: {unmarked}"


def _collected(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                           "tests/unit/test_risk_linearity.py", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    return done.stdout


def test_the_default_run_leaves_timing_tests_out_and_bench_runs_them():
    default = _collected()
    assert "test_assess_time_grows_linearly_with_the_page" not in default, default[-600:]
    assert "1 deselected" in default, default[-600:]
    asked = _collected("-m", "timing")
    assert "test_assess_time_grows_linearly_with_the_page" in asked, asked[-600:]
    bench = (ROOT / "bench" / "bench_timing.py").read_text(encoding="utf-8")
    assert '"-m", "timing"' in bench
