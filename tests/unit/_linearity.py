"""Ratio test helper: the time to analyse a string must grow linearly with its size.

Every ratio test measures ``time.thread_time()`` — the CPU time of the test's own thread — never
the wall clock: another process on the same two cores (CI on a busy machine, a bench beside the
suite) stretches wall time by its share of the cores but leaves this thread's CPU time as it was.
"""

from __future__ import annotations

import time

from hegai.detect.base import Document


def best_time(recognizer, text: str, repeats: int = 2) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.thread_time()
        for _finding in recognizer.analyze(Document(text)):
            pass
        best = min(best, time.thread_time() - started)
    return best


def growth_ratio(recognizer, unit: str, small: int = 250_000, factor: int = 4) -> float:
    """time(factor × small chars) / time(small chars); about ``factor`` when linear,
    ``factor²`` when quadratic."""
    def sized(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    t_small = max(best_time(recognizer, sized(small)), 1e-4)
    return best_time(recognizer, sized(small * factor)) / t_small
