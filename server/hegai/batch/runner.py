"""``hegai batch``: every core on one machine, rows in input order, resumable.

The parent process reads records and writes rows; worker processes (``spawn``: nothing of the
parent's threads or state is inherited) decode, scan and assess. Each worker loads the names
model, the automata and the risk tables once, in its initializer. Chunks go out in order and their
rows are written in order, with a bounded number in flight so memory does not grow with the input.

A checkpoint file next to the output (``OUT.hegai-batch``) records how many records are done,
where the output stood at that point and the running summary; it is replaced atomically after the
output is made durable, so after an interrupt or a crash the same command goes on from there.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import resource
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

from . import rows as R
from .formats import (BatchInputError, JsonlInput, JsonlOutput, ParquetInput, ParquetOutput, arrow_schema, format_of,
                      pyarrow)

CHECKPOINT_SUFFIX = ".hegai-batch"


@dataclass
class Options:
    task: str = "both"
    workers: int = 1
    chunk: int = 128                 # records per job sent to a worker
    checkpoint_every: int = 10_000   # records between checkpoints (and Parquet part files)
    max_chars: int = R.MAX_CHARS
    encoding: str | None = None
    id_key: str = "id"
    text_key: str = "text"
    in_format: str | None = None
    out_format: str | None = None
    force: bool = False
    progress: bool | None = None     # None: a bar only on a terminal

    def fingerprint(self) -> dict:
        """What changes the rows (the worker count and chunk size do not)."""
        from .. import __version__

        return {"task": self.task, "max_chars": self.max_chars, "encoding": self.encoding, "id_key": self.id_key,
                "text_key": self.text_key, "hegai": __version__}


@dataclass
class Summary:
    records: int = 0
    errors: int = 0
    findings: dict = field(default_factory=dict)     # type → count
    levels: dict = field(default_factory=dict)       # level → records
    resumed_after: int = 0
    processed: int = 0                               # records done by this run
    seconds: float = 0.0                             # this run
    workers: int = 1
    worker_peak_mb: list = field(default_factory=list)
    # CPU seconds of this run (user + system): the workers' (with their start-up) and, with a pool,
    # the parent's reading and writing. Unlike wall time they do not depend on what else runs.
    worker_cpu_seconds: float = 0.0
    worker_startup_cpu_seconds: float = 0.0          # of which: imports and loading the model, tables
    parent_cpu_seconds: float = 0.0
    interrupted: bool = False

    def add(self, stats: dict) -> None:
        self.records += stats["records"]
        self.processed += stats["records"]
        self.errors += stats["errors"]
        for key in ("findings", "levels"):
            merged = collections.Counter(getattr(self, key))
            merged.update(stats[key])
            setattr(self, key, dict(sorted(merged.items())))

    def lasting(self) -> dict:
        """The part of the summary a checkpoint carries over to the next run."""
        return {k: getattr(self, k) for k in ("records", "errors", "findings", "levels")}

    def text(self) -> str:
        rate = self.processed / self.seconds if self.seconds else 0.0
        lines = [f"hegai batch: {self.records:,} records ({self.errors:,} with errors) — this run "
                 f"{self.processed:,} in {self.seconds:.1f} s, {rate:,.0f} records/s, {self.workers} worker(s)"]
        if self.resumed_after:
            lines.append(f"  resumed after record {self.resumed_after:,}")
        lines.append("  findings: " + (", ".join(f"{k} {v:,}" for k, v in self.findings.items()) or "none"))
        if self.levels:
            lines.append("  levels: " + ", ".join(f"{k} {v:,}" for k, v in self.levels.items()))
        if self.worker_peak_mb:
            lines.append("  peak memory per worker: " + ", ".join(f"{mb:.0f} MB" for mb in self.worker_peak_mb))
        if self.interrupted:
            lines.append("  interrupted: run the same command again to go on from here")
        return "\n".join(lines)


# ---------------------------------------------------------------- worker side

_worker: dict = {}


def _init_worker(kind: str, options: Options) -> None:
    # Ctrl-C reaches the whole process group: the parent decides what happens (it checkpoints).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker.update(kind=kind, options=options)
    R.warm_up()
    _worker["ready_cpu_s"] = _cpu_seconds()


def _exit_with_parent(parent: int) -> None:
    """A parent killed outright (kill -9, out of memory) cannot stop its pool: without this its
    workers would wait for jobs for ever, holding memory and the parent's terminal."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _work(job: tuple[int, list]) -> tuple[list[dict], dict]:
    """Rows and counts for one chunk; ``first`` is the 1-based number of its first record."""
    first, items = job
    o: Options = _worker["options"]
    out = []
    for number, item in enumerate(items, first):
        if _worker["kind"] == "jsonl":
            row = R.json_line_row(o.task, number, item, o.encoding, o.id_key, o.text_key, o.max_chars)
        else:
            rid, text = item
            row = R.checked(o.task, rid, text, f"record {number}", o.max_chars, o.text_key)
        out.append(row)
    return out, _stats(out)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _stats(out: list[dict]) -> dict:
    findings = collections.Counter(f["type"] for r in out for f in r.get("findings", ()))
    levels = collections.Counter(r["level"] for r in out if r.get("level"))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KB on Linux
    return {"records": len(out), "errors": sum(1 for r in out if r.get("error")),
            "findings": findings, "levels": levels, "pid": os.getpid(), "peak_mb": peak_kb / 1024,
            "cpu_s": _cpu_seconds(), "ready_cpu_s": _worker.get("ready_cpu_s", 0.0)}


# ---------------------------------------------------------------- parent side


def _input_fingerprint(path: Path) -> dict:
    st = path.stat()
    with open(path, "rb") as fh:
        head = hashlib.sha256(fh.read(1 << 16)).hexdigest()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "head_sha256": head}


class Checkpoint:
    def __init__(self, dst: Path):
        self.path = dst.with_name(dst.name + CHECKPOINT_SUFFIX)

    def load(self) -> dict | None:
        try:
            return json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            raise BatchInputError(f"{self.path}: unreadable checkpoint; start over with --force") from None

    def save(self, state: dict) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(state, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _resume_state(src: Path, dst: Path, checkpoint: Checkpoint, header: dict, force: bool) -> dict | None:
    """The checkpoint to go on from, None to start afresh; refuses to overwrite a finished output."""
    if force:
        checkpoint.remove()
        return None
    state = checkpoint.load()
    if state is None:
        if dst.exists():
            raise BatchInputError(f"{dst} exists (a finished run?); give --force to overwrite it")
        return None
    if state.get("header") != header:
        raise BatchInputError(f"{checkpoint.path} belongs to another input or other options; "
                              "give --force to start over")
    return state


def _open(src: Path, dst: Path, o: Options, committed: dict | None):
    in_format, out_format = format_of(src, o.in_format), format_of(dst, o.out_format)
    if in_format == "parquet":
        source = ParquetInput(src, o.id_key, o.text_key, o.chunk)
        id_type, ids_as_strings = source.id_type, False
    else:
        # JSON may escape every character as \\uXXXX (6 bytes), an emoji as two (12 bytes)
        source = JsonlInput(src, o.encoding, o.max_chars * 12 + (1 << 16))
        id_type, ids_as_strings = None, True
    if out_format == "parquet":
        pa = pyarrow()
        sink = ParquetOutput(dst, committed, arrow_schema(o.task, id_type or pa.string()), ids_as_strings)
    else:
        sink = JsonlOutput(dst, committed)
    return source, sink


def _jobs(records, first: int, chunk: int):
    batch: list = []
    for item in records:
        batch.append(item)
        if len(batch) == chunk:
            yield first, batch
            first += len(batch)
            batch = []
    if batch:
        yield first, batch


class _Progress:
    def __init__(self, source, done: int, enabled: bool | None):
        from tqdm import tqdm

        if enabled is None:   # a bar only on a terminal: a log file gets the summary alone
            enabled = sys.stderr.isatty()
        # the total (for the ETA) costs a read of the input: only for a bar someone watches
        self.bar = tqdm(total=source.count() if enabled else None, initial=done, unit=" rec", file=sys.stderr,
                        smoothing=0.05, mininterval=0.5, dynamic_ncols=True, disable=not enabled)

    def update(self, n: int) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


def _results(jobs, o: Options, kind: str):
    """(rows, stats) per job, in job order: inline for one worker, else a pool of processes with a
    bounded window of jobs in flight (memory stays flat however large the input)."""
    if o.workers <= 1:
        _worker.update(kind=kind, options=o)
        R.warm_up()
        _worker["ready_cpu_s"] = _cpu_seconds()
        for job in jobs:
            yield _work(job)
        return
    window = collections.deque()
    with ProcessPoolExecutor(o.workers, mp_context=get_context("spawn"), initializer=_init_worker,
                             initargs=(kind, o)) as pool:
        try:
            for job in jobs:
                window.append(pool.submit(_work, job))
                if len(window) >= 3 * o.workers:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()


def _stop_on_sigterm():
    """SIGTERM (a scheduler stopping the job) ends the run as Ctrl-C does: with a checkpoint."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def run(src: Path | str, dst: Path | str, o: Options) -> Summary:
    src, dst = Path(src), Path(dst)
    if o.task not in R.TASKS:
        raise BatchInputError(f"task must be one of {', '.join(R.TASKS)}")
    if not src.is_file():
        raise BatchInputError(f"{src}: no such file")
    if dst.exists() and dst.samefile(src):
        raise BatchInputError(f"{dst} is the input; give another output file")
    checkpoint = Checkpoint(dst)
    header = {"input": _input_fingerprint(src), "options": o.fingerprint(),
              "formats": [format_of(src, o.in_format), format_of(dst, o.out_format)]}
    state = _resume_state(src, dst, checkpoint, header, o.force)
    source, sink = _open(src, dst, o, state and state["output"])
    summary = Summary(workers=max(1, o.workers))
    done = 0
    if state:
        done = summary.resumed_after = state["done"]
        for key, value in state["summary"].items():
            setattr(summary, key, value)
    progress = _Progress(source, done, o.progress)
    previous_sigterm = _stop_on_sigterm()
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    began, cpu_began = time.perf_counter(), _cpu_seconds()
    since_checkpoint = 0

    def save() -> None:
        checkpoint.save({"header": header, "done": done, "output": sink.commit(), "summary": summary.lasting()})

    try:
        for out, stats in _results(_jobs(source.records(done), done + 1, o.chunk), o, source.kind):
            sink.write(out)
            summary.add(stats)
            peaks[stats["pid"]] = max(peaks.get(stats["pid"], 0.0), stats["peak_mb"])
            cpu[stats["pid"]] = (stats["ready_cpu_s"], stats["cpu_s"])   # cumulative: the last one counts
            done += len(out)
            since_checkpoint += len(out)
            progress.update(len(out))
            if since_checkpoint >= o.checkpoint_every:
                save()
                since_checkpoint = 0
        sink.finish()
        checkpoint.remove()
    except KeyboardInterrupt:
        save()
        sink.close()
        summary.interrupted = True
    except UnicodeDecodeError as exc:
        save()
        sink.close()
        raise BatchInputError(f"{src}: not valid text after record {done} ({exc.reason}); "
                              "name the encoding with --encoding") from None
    except BaseException:
        try:
            save()   # whatever went wrong (a worker killed, a full disk), keep what is done for a resume
        finally:
            sink.close()
        raise
    finally:
        progress.close()
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)
    summary.seconds = time.perf_counter() - began
    summary.worker_peak_mb = [round(mb, 1) for _, mb in sorted(peaks.items())]
    me = os.getpid()
    summary.worker_cpu_seconds = round(sum(s - cpu_began if pid == me else s for pid, (_, s) in cpu.items()), 2)
    summary.worker_startup_cpu_seconds = round(sum(r - cpu_began if pid == me else r
                                                   for pid, (r, _) in cpu.items()), 2)
    summary.parent_cpu_seconds = 0.0 if me in cpu else round(_cpu_seconds() - cpu_began, 2)
    return summary


def summary_json(summary: Summary) -> str:
    return json.dumps(asdict(summary), ensure_ascii=False, indent=2)
