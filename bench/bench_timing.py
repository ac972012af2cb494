"""The timing tests (issue 17): every test that compares how long code takes, e.g. that scanning
2x the text takes about 2x the time (linear, not quadratic). They are marked ``timing`` and left
out of the default suite (scripts/test), whose results must not depend on another process sharing
the cores; here, with the benchmarks, they run. Exit status: pytest's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "timing",
                              *(sys.argv[1:] or ["tests/unit"])], cwd=ROOT))
