"""A bounded queue of pictures and one worker thread that reads them, one at a time.

OCR takes ~1 s of both cores per picture. Every waiting HTTP request holds one of the server's
threads, so the queue is small and full means *refused now* (the caller is told, with a retry
hint) rather than piling up behind the text scans the pages need. A picture not read within its
time limit is given up (the caller is told); if it was already being read, its result still lands
in the cache, so a retry is instant. Identical pictures submitted together share one job.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Callable

from .cache import ResultCache

log = logging.getLogger("hegai.ocr")


class QueueFull(Exception):
    def __init__(self, waiting: int, limit: int, retry_after: int):
        super().__init__("image queue is full")
        self.waiting, self.limit, self.retry_after = waiting, limit, retry_after


class TimedOut(Exception):
    def __init__(self, limit: float, started: bool):
        super().__init__("image not read within its time limit")
        self.limit, self.started = limit, started


@dataclass
class _Job:
    digest: str
    data: bytes
    deadline: float
    enqueued: float = field(default_factory=time.monotonic)
    future: Future = field(default_factory=Future)
    started: bool = False


@dataclass
class Outcome:
    result: dict
    cached: bool
    queue_ms: float
    shared: bool = False    # joined an identical picture already queued


class ImageWorker:
    """``submit(digest, data)`` → :class:`Outcome`; raises QueueFull, TimedOut, or what
    ``analyse`` raises (bad image, OCR unavailable)."""

    def __init__(self, analyse: Callable[[bytes], dict], cache: ResultCache, max_queue: int = 2,
                 time_limit: float = 30.0):
        self.analyse = analyse
        self.cache = cache
        self.max_queue = max_queue       # jobs waiting or running
        self.time_limit = time_limit
        self._jobs: deque[_Job] = deque()
        self._by_digest: dict[str, _Job] = {}
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.stats = {"read": 0, "refused_full": 0, "timed_out": 0, "shared": 0, "last_read_ms": 0.0}

    # -- caller side ------------------------------------------------------------------------------
    def submit(self, digest: str, data: bytes) -> Outcome:
        cached = self.cache.get(digest)
        if cached is not None:
            return Outcome(cached, cached=True, queue_ms=0.0)
        job, shared = self._admit(digest, data)
        try:
            result = job.future.result(timeout=max(0.0, job.deadline - time.monotonic()))
        except FutureTimeout:
            self._give_up(job)
            raise TimedOut(self.time_limit, job.started) from None
        return Outcome(result, cached=False, queue_ms=(time.monotonic() - job.enqueued) * 1000, shared=shared)

    def _admit(self, digest: str, data: bytes) -> tuple[_Job, bool]:
        with self._cond:
            existing = self._by_digest.get(digest)
            if existing is not None:
                self.stats["shared"] += 1
                return existing, True
            if len(self._by_digest) >= self.max_queue:
                self.stats["refused_full"] += 1
                raise QueueFull(len(self._by_digest), self.max_queue, self._retry_after())
            job = _Job(digest, data, deadline=time.monotonic() + self.time_limit)
            self._jobs.append(job)
            self._by_digest[digest] = job
            self._ensure_thread()
            self._cond.notify()
            return job, False

    def _retry_after(self) -> int:
        per_image = max(self.stats["last_read_ms"] / 1000, 1.0)
        return max(1, round(per_image * len(self._by_digest)))

    def _give_up(self, job: _Job) -> None:
        with self._cond:
            self.stats["timed_out"] += 1
            if not job.started and job in self._jobs:
                self._jobs.remove(job)
                self._by_digest.pop(job.digest, None)

    def pending(self) -> int:
        with self._cond:
            return len(self._by_digest)

    # -- worker side ------------------------------------------------------------------------------
    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="hegai-ocr", daemon=True)
            self._thread.start()

    def _next(self) -> _Job:
        with self._cond:
            while not self._jobs:
                self._cond.wait()
            job = self._jobs.popleft()
            job.started = True
            return job

    def _run(self) -> None:
        while True:
            job = self._next()
            started = time.monotonic()
            try:
                result = self.analyse(job.data)
            except Exception as exc:   # handed to the waiting request, which maps it to a status
                self._finish(job, error=exc)
                continue
            self.stats["read"] += 1
            self.stats["last_read_ms"] = (time.monotonic() - started) * 1000
            self.cache.put(job.digest, result)
            self._finish(job, result=result)

    def _finish(self, job: _Job, result: dict | None = None, error: Exception | None = None) -> None:
        with self._cond:
            self._by_digest.pop(job.digest, None)
        if error is not None:
            job.future.set_exception(error)
        else:
            job.future.set_result(result)
