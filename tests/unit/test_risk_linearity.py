"""A whole page is assessed at once, so ``assess`` must grow linearly with the page: a page full of
PII and risk terms once made the reason quotes quadratic (every quote tested against every finding)."""

from __future__ import annotations

import time

import pytest

from hegai.detect import scan
from hegai.risk import assess_findings

pytestmark = pytest.mark.timing   # scripts/bench timing (tests/unit/test_suite_counts_no_time.py)

POST = ("扒出来了，谁有她电话？这个人手机13800138000，住深圳市南山区科技园路1号，大家冲，给她打电话骂她。"
        "出查档，社工库，150元/条。\n")


def _best(text: str, findings) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.thread_time()
        assess_findings(text, findings)
        best = min(best, time.thread_time() - started)
    return best


@pytest.mark.slow
def test_assess_time_grows_linearly_with_the_page():
    """The lowest ratio of up to three measurements: a quadratic path shows in every one, a burst
    of load from another process on the shared machine spoils one at a time."""
    small, large = POST * 1000, POST * 4000
    small_findings, large_findings = scan(small), scan(large)
    ratio = float("inf")
    for _ in range(3):
        t_small = max(_best(small, small_findings), 1e-3)
        ratio = min(ratio, _best(large, large_findings) / t_small)
        if ratio < 8:
            break
    assert ratio < 8, f"4x the text took {ratio:.1f}x the time (16x would be quadratic)"
