"""``hegai batch``: the same rows as ``hegai scan/assess --jsonl`` with any number of workers, in
JSONL and Parquet, error rows for bad records, and a run that goes on after an interrupt or a
crash without losing or repeating a record."""

from __future__ import annotations

import collections
import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from hegai.cli import main

from .conftest import BAD_LINES, LIMIT, POSTS, merged

pa = pytest.importorskip("pyarrow", reason="Parquet needs the batch extra (scripts/setup test installs it)")
import pyarrow.parquet as pq  # noqa: E402


def batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress"])


def lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines(keepends=True)


@pytest.mark.parametrize("workers", ["1", "2", "3"])
def test_rows_equal_the_single_process_cli_for_any_worker_count(posts_file, reference, tmp_path, workers):
    both = tmp_path / "both.jsonl"
    summary = tmp_path / "summary.json"
    # small chunks: many jobs in flight, finished out of order by the workers
    assert batch(str(posts_file), str(both), "--workers", workers, "--chunk", "7",
                 "--summary-json", str(summary)) == 1    # 1: error rows for the bad lines
    assert [json.loads(line) for line in lines(both)] == merged(reference)
    facts = json.loads(summary.read_text("utf-8"))
    cli_rows = merged(reference)
    assert facts["records"] == POSTS + len(BAD_LINES)
    assert facts["errors"] == len(BAD_LINES)
    assert facts["findings"] == dict(collections.Counter(f["type"] for r in cli_rows for f in r["findings"]))
    assert facts["levels"] == dict(collections.Counter(r["level"] for r in cli_rows if r["level"]))
    assert len(facts["worker_peak_mb"]) == int(workers)
    assert all(mb > 0 for mb in facts["worker_peak_mb"])


@pytest.mark.parametrize("task", ["scan", "assess"])
def test_one_task_is_byte_for_byte_the_cli_output(posts_file, reference, tmp_path, task):
    out = tmp_path / f"{task}.jsonl"
    assert batch(str(posts_file), str(out), "--task", task, "--workers", "2", "--chunk", "50") == 1
    assert out.read_bytes() == "".join(reference[task]).encode("utf-8")


def test_parquet_in_and_out(posts, posts_file, reference, tmp_path):
    src = tmp_path / "posts.parquet"
    texts = [p["text"] for p in posts] + [None, "长" * (LIMIT + 1)]
    pq.write_table(pa.table({"id": [p["id"] for p in posts] + ["null-text", "too-long"], "text": texts}), src)
    out = tmp_path / "out.parquet"
    assert batch(str(src), str(out), "--workers", "2", "--chunk", "64", "--max-chars", str(LIMIT)) == 1
    got = pq.read_table(out).to_pylist()
    expected = merged(reference)[:POSTS]
    assert len(got) == POSTS + 2
    assert [{k: v for k, v in row.items() if k != "error" or v} for row in got[:POSTS]] == expected
    assert got[POSTS]["error"] == f"record {POSTS + 1}: needs a string 'text'"
    assert got[POSTS + 1]["error"] == f"record {POSTS + 2}: text longer than {LIMIT} characters"
    assert got[POSTS + 1]["findings"] == [] and got[POSTS + 1]["level"] is None

    # JSONL in, Parquet out: ids become strings (7 → "7"), the rows are the CLI's
    mixed = tmp_path / "mixed.parquet"
    assert batch(str(posts_file), str(mixed), "--workers", "1") == 1
    table = pq.read_table(mixed)
    assert table.schema.field("id").type == pa.string()
    assert table.column("id").to_pylist()[-1] == "7"
    assert table.column("findings").to_pylist()[:POSTS] == [r["findings"] for r in expected]


def test_bad_records_get_error_rows_and_the_run_goes_on(tmp_path, capsys):
    src = tmp_path / "bad.jsonl"
    huge_line = json.dumps({"id": "huge-line", "text": "x" * 200_000})   # past the line limit too: never held
    src.write_bytes(b"\n".join([
        json.dumps({"id": "a", "text": "我的手机号是13812345678"}, ensure_ascii=False).encode(),
        b"{oops",
        json.dumps({"id": "long", "text": "长" * 101}, ensure_ascii=False).encode(),
        huge_line.encode(),
        b'{"id": "binary", "text": "\xff\xfe\x00\x01"}',
        b'{"id": "no-text"}',
        json.dumps({"id": "z", "text": "邮箱 someone@163.com"}).encode(),
    ]) + b"\n")
    out = tmp_path / "out.jsonl"
    assert batch(str(src), str(out), "--max-chars", "100", "--workers", "2", "--chunk", "2") == 1
    rows = [json.loads(line) for line in lines(out)]
    assert [r["id"] for r in rows] == ["a", None, "long", None, None, "no-text", "z"]
    assert [f["type"] for f in rows[0]["findings"]] == ["PHONE_MOBILE"] and "error" not in rows[0]
    assert rows[1]["error"].startswith("line 2: invalid JSON")
    assert rows[2]["error"] == "line 3: text longer than 100 characters"
    assert rows[3]["error"].startswith("line 4: longer than ")
    assert rows[4]["error"].startswith("line 5: not UTF-8 or GB18030")
    assert rows[5]["error"] == "line 6: needs a string 'text'"
    assert [f["type"] for f in rows[6]["findings"]] == ["EMAIL"] and rows[6]["level"] is not None
    # the summary and the messages count and locate; they never repeat a value or a text
    err = capsys.readouterr().err
    assert "PHONE_MOBILE 1" in err
    assert "13812345678" not in err and "someone@163.com" not in err and "长长" not in err


TIMES = 2


def _good_lines_times(reference: dict, task: str, times: int) -> list[str]:
    return reference[task][:POSTS] * times


def _start(src: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "hegai.cli", "batch", str(src), str(out), "--no-progress",
                             "--checkpoint-every", "64", "--chunk", "16", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_checkpoint(out: Path, proc: subprocess.Popen) -> None:
    """Until the run has made its first checkpoint (bounded: the machine may be busy)."""
    checkpoint = out.with_name(out.name + ".hegai-batch")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if json.loads(checkpoint.read_text("utf-8"))["done"] > 0:
                return
        except (FileNotFoundError, ValueError):
            pass
        time.sleep(0.05)
    pytest.fail(f"no checkpoint before the run ended or the time ran out: {proc.communicate()[1].decode()}")


@pytest.fixture(scope="module")
def long_input(posts, tmp_path_factory) -> Path:
    """The good posts twice over: long enough that a run is stopped well before its end."""
    from helpers.synthetic_posts import write_jsonl

    return write_jsonl(tmp_path_factory.mktemp("long") / "long.jsonl", posts * TIMES)


def test_ctrl_c_then_the_same_command_goes_on_without_loss_or_repeat(long_input, reference, tmp_path):
    out = tmp_path / "out.jsonl"
    args = ("--task", "scan", "--workers", "2")
    first = _start(long_input, out, *args)
    _wait_for_checkpoint(out, first)
    first.send_signal(signal.SIGINT)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 130, err.decode()
    assert "run the same command again" in err.decode()
    state = json.loads(out.with_name("out.jsonl.hegai-batch").read_text("utf-8"))
    done = state["done"]
    # where to go on and counts only: no text, no value found
    assert set(state) == {"header", "done", "output", "summary"} and set(state["output"]) == {"bytes"}
    assert set(state["summary"]) == {"records", "errors", "findings", "levels"}
    assert 0 < done < TIMES * POSTS
    assert len(lines(out)) == done            # Ctrl-C checkpoints exactly what was written

    summary = tmp_path / "summary.json"
    assert main(["batch", str(long_input), str(out), "--no-progress", "--summary-json", str(summary), *args]) == 0
    facts = json.loads(summary.read_text("utf-8"))
    assert facts["resumed_after"] == done and facts["processed"] == TIMES * POSTS - done
    assert facts["records"] == TIMES * POSTS
    assert lines(out) == _good_lines_times(reference, "scan", TIMES)
    assert not out.with_name("out.jsonl.hegai-batch").exists()


def test_a_killed_run_goes_on_from_its_last_checkpoint_parquet(long_input, reference, tmp_path):
    out = tmp_path / "out.parquet"
    args = ("--task", "assess", "--workers", "2")
    first = _start(long_input, out, *args)
    _wait_for_checkpoint(out, first)
    os.kill(first.pid, signal.SIGKILL)        # no chance to clean up: rows after the checkpoint are lost
    first.communicate(timeout=60)             # returns once the orphaned workers too have gone (pipes closed)
    assert not out.exists()
    assert main(["batch", str(long_input), str(out), "--no-progress", *args]) == 0
    expected = [json.loads(line) for line in _good_lines_times(reference, "assess", TIMES)]
    got = pq.read_table(out).to_pylist()
    assert [{k: v for k, v in row.items() if k != "error"} for row in got] == expected
    assert not out.with_name("out.parquet.parts").exists()


def test_a_finished_output_or_another_runs_checkpoint_is_not_overwritten(posts_file, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    assert batch(str(posts_file), str(out)) == 2
    assert "exists" in capsys.readouterr().err and out.read_text("utf-8") == "keep me\n"
    checkpoint = out.with_name("out.jsonl.hegai-batch")
    checkpoint.write_text(json.dumps({"header": {"other": True}, "done": 3}), encoding="utf-8")
    assert batch(str(posts_file), str(out)) == 2
    assert "another input or other options" in capsys.readouterr().err
    assert batch(str(posts_file), str(out), "--task", "scan", "--force", "--workers", "1") == 1
    assert len(lines(out)) == POSTS + len(BAD_LINES) and not checkpoint.exists()


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path):
    src = tmp_path / "few.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f"第{i}条"}) + "\n" for i in range(40)), encoding="utf-8")
    quiet = subprocess.run([sys.executable, "-m", "hegai.cli", "batch", str(src), str(tmp_path / "a.jsonl"),
                            "--workers", "1"], capture_output=True, timeout=300)
    assert quiet.returncode == 0 and b"rec/s" not in quiet.stderr and b"\r" not in quiet.stderr
    assert b"40 records" in quiet.stderr                      # the summary is always printed
    # on a terminal (a pseudo-terminal here) the bar is there by default, with the total and rate
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))   # a real one has a size
    proc = subprocess.Popen([sys.executable, "-m", "hegai.cli", "batch", str(src), str(tmp_path / "b.jsonl"),
                             "--workers", "1"], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        try:
            piece = os.read(master, 65536)
        except OSError:      # EIO: the child closed the terminal
            break
        if not piece:
            break
        seen += piece
    os.close(master)
    assert proc.wait(timeout=300) == 0
    assert b"40/40" in seen and b"rec/s" in seen and b"40 records" in seen


def test_unusable_input_is_one_line_and_status_2(tmp_path, capsys):
    assert batch(str(tmp_path / "missing.jsonl"), str(tmp_path / "o.jsonl")) == 2
    assert "no such file" in capsys.readouterr().err
    src = tmp_path / "posts.csv"
    src.write_text("id,text\n", encoding="utf-8")
    assert batch(str(src), str(tmp_path / "o.jsonl")) == 2
    assert "--in-format" in capsys.readouterr().err
    table = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": [1], "body": ["x"]}), table)
    assert batch(str(table), str(tmp_path / "o.jsonl")) == 2
    assert "no column 'text'" in capsys.readouterr().err
    same = tmp_path / "same.jsonl"
    same.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    assert batch(str(same), str(same), "--force") == 2          # never truncates its own input
    assert "is the input" in capsys.readouterr().err and same.read_text("utf-8") == '{"id": 1, "text": "x"}\n'
