"""Generated posts and what single-process ``hegai scan/assess --jsonl`` says about them: the
reference every batch and Spark run is compared with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.synthetic_posts import records, write_jsonl

POSTS = 2500
# Bad lines after the posts: not JSON, no text, an empty line, not an object, a text too long
# for --max-chars LIMIT (the CLI has no limit, so that line is checked on its own).
BAD_LINES = ("not json {", '{"id": "no-text"}', "", "[1, 2]", '{"id": 7, "text": 12}')
LIMIT = 2000


def _cli(task: str, path: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "hegai.cli", task, "--jsonl", str(path)], capture_output=True,
                          timeout=600)
    assert done.returncode == 1, done.stderr.decode()   # 1: the bad lines
    return done.stdout.decode("utf-8").splitlines(keepends=True)


@pytest.fixture(scope="session")
def posts(tmp_path_factory) -> list[dict]:
    return records(POSTS)


@pytest.fixture(scope="session")
def posts_file(tmp_path_factory, posts) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("batch") / "posts.jsonl", posts, BAD_LINES)


@pytest.fixture(scope="session")
def reference(posts_file) -> dict:
    """{"scan": lines, "assess": lines} of the real CLI, one process, on posts_file."""
    return {"scan": _cli("scan", posts_file), "assess": _cli("assess", posts_file)}


def merged(reference: dict) -> list[dict]:
    """The CLI's scan and assess rows of each line as one row, in the key order of ``--task both``."""
    out = []
    for scan_line, assess_line in zip(reference["scan"], reference["assess"], strict=True):
        s, a = json.loads(scan_line), json.loads(assess_line)
        row = {"id": s["id"], "findings": s["findings"], "level": a["level"], "score": a["score"],
               "categories": a["categories"], "reasons": a["reasons"]}
        if "error" in s:
            assert s["error"] == a["error"]
            row["error"] = s["error"]
        out.append(row)
    return out
