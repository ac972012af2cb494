"""The Spark example job (examples/spark_job.py) in Spark's local mode on the generated posts: its
rows equal single-process ``hegai scan/assess --jsonl``.

PySpark and a Java runtime come with ``scripts/setup test`` (the ``spark`` extra and Debian's
default-jre-headless). Outside CI a machine without them skips these tests and says why; under
CI (CI=true) they fail instead, so a broken setup cannot pass as a skip.
"""

from __future__ import annotations

import collections
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import POSTS, merged

ROOT = Path(__file__).resolve().parents[2]


def _missing() -> str | None:
    for module in ("pyspark", "pandas", "pyarrow"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (scripts/setup test installs the spark extra)"
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and Path(java_home, "bin", "java").exists()):
        return "no Java runtime (scripts/setup test installs Debian's default-jre-headless)"
    return None


@pytest.fixture(scope="module", autouse=True)
def spark_available():
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Spark tests cannot run under CI: {reason}")
    pytest.skip(f"Spark tests skipped: {reason}")


def _read_rows(folder: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(folder).to_pylist()


def test_spark_example_in_local_mode_equals_the_single_process_cli(posts_file, reference, tmp_path):
    out = tmp_path / "spark-out"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "spark_job.py"), "--master", "local[2]",
                           "--partitions", "2", str(posts_file), str(out)],
                          capture_output=True, timeout=900, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-4000:]

    rows = _read_rows(out)
    by_id = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    expected = merged(reference)
    good = [r for r in expected if "error" not in r]
    assert len(good) == POSTS
    for want in good:
        (got,) = by_id[want["id"]]
        assert got.pop("error") is None
        assert got == want
    # a line that is not JSON, and one without a text: error rows, not lost and not fatal. (Spark's
    # JSON reader skips empty lines and reads a number as its text: {"id": 7, "text": 12} is "12".)
    assert by_id["no-text"][0]["error"] and by_id["no-text"][0]["findings"] == []
    assert any(r["id"] is None and r["error"] for r in rows)
    # the job's own summary: records per level, counted from what it wrote
    levels = collections.Counter(str(r["level"]) for r in rows)
    assert done.stdout.decode().splitlines() == [f"{k}\t{v}" for k, v in sorted(levels.items())]


def test_udf_rows_match_the_batch_rows_for_bad_cells():
    """The UDFs' body without a JVM: null, non-string and too-long cells give error rows."""
    import pandas as pd

    from hegai.spark import TYPES, rows_frame

    frame = rows_frame("both", pd.Series(["电话13812345678", None, "长" * 21, float("nan")]), max_chars=20)
    assert list(frame.columns) == TYPES["both"].fieldNames()
    assert [f["type"] for f in frame.loc[0, "findings"]] == ["PHONE_MOBILE"] and frame.loc[0, "error"] is None
    assert frame.loc[1, "error"] == "row: needs a string 'text'"
    assert frame.loc[2, "error"] == "row: text longer than 20 characters"
    assert frame.loc[3, "error"] == "row: needs a string 'text'"
