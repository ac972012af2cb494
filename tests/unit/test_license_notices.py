"""LICENSE (issue 17, item 10): MIT as pyproject says, with a notice for every data file shipped
under another licence. A data file says where it comes from in its header ("Derived from …"); each
such file is named in LICENSE, and every file LICENSE names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_SUFFIXES = {".tsv", ".txt", ".csv"}


def _derived_files() -> list[str]:
    found = []
    for path in sorted((ROOT / "server" / "hegai").rglob("*")):
        if path.suffix in DATA_SUFFIXES and path.is_file():
            head = "".join(path.read_text(encoding="utf-8", errors="replace").splitlines(True)[:5])
            if re.search(r"derived from", head, re.IGNORECASE):
                found.append(str(path.relative_to(ROOT)))
    return found


def test_license_is_mit_and_names_every_derived_data_file():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    derived = _derived_files()
    assert derived, "no data file says where it comes from: the check would be blind"
    assert not [f for f in derived if f not in text], derived
    named = re.findall(r"^\s+(server/\S+)", text, re.MULTILINE)
    assert named and all((ROOT / n).is_file() for n in named), named
