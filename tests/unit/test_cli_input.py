"""``hegai scan`` / ``hegai assess`` on files as they really are (issue 22): GB18030/GBK,
UTF-16 and UTF-8 with a BOM give findings; binary input gives one clear line; ``--encoding``
names an encoding; JSONL input the same. Never a traceback. Each run is a real process."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest

TEXT = "联系电话：13800138000，身份证号码 110101199003074477。"
ADDRESS = "住址：北京市朝阳区建国路88号3号楼2单元501室"
LINES = ['{"id": 1, "text": "电话13800138000"}', '{"id": 2, "text": "身份证110101199003074477"}']
ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "gb18030": lambda s: s.encode("gb18030"),
    "gbk": lambda s: s.encode("gbk"),
    "utf-16": lambda s: s.encode("utf-16"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
}


def hegai(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hegai.cli", *args], input=stdin, capture_output=True, timeout=120)


def _no_traceback(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err and "UnicodeDecodeError" not in err, err
    return err


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_scan_reads_the_files_people_have(tmp_path, encoding):
    path = tmp_path / "post.txt"
    path.write_bytes(ENCODINGS[encoding](TEXT))
    done = hegai("scan", "--json", str(path))
    _no_traceback(done)
    assert done.returncode == 0
    types = {f["type"] for f in json.loads(done.stdout)["findings"]}
    assert {"PHONE_MOBILE", "ID_CARD"} <= types


def test_scan_reads_gb18030_from_standard_input():
    # An address as well: digits are ASCII in GB18030, so a phone is found even in mojibake
    # (the old surrogate-escaped stdin); the address is only found in correctly decoded text.
    done = hegai("scan", "--json", stdin=(TEXT + ADDRESS).encode("gb18030"))
    _no_traceback(done)
    found = json.loads(done.stdout)["findings"]
    assert {"PHONE_MOBILE", "ID_CARD", "ADDRESS"} <= {f["type"] for f in found}
    assert ADDRESS.removeprefix("住址：") in [f["text"] for f in found]


def test_assess_reads_gb18030(tmp_path):
    path = tmp_path / "post.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    done = hegai("assess", "--json", str(path))
    _no_traceback(done)
    assert done.returncode == 0 and json.loads(done.stdout)["level"] != "none"


@pytest.mark.parametrize("command", ["scan", "assess"])
@pytest.mark.parametrize("jsonl", [False, True])
def test_binary_input_is_one_clear_line(tmp_path, command, jsonl):
    path = tmp_path / "photo.bin"
    path.write_bytes(bytes(range(256)) * 64)
    done = hegai(command, *(["--jsonl"] if jsonl else []), str(path))
    err = _no_traceback(done)
    assert done.returncode == 2
    assert len(err.strip().splitlines()) == 1 and "binary" in err


def test_encoding_option(tmp_path):
    path = tmp_path / "post.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    done = hegai("scan", "--json", "--encoding", "gb18030", str(path))
    assert done.returncode == 0 and json.loads(done.stdout)["findings"]
    wrong = hegai("scan", "--encoding", "utf-8", str(path))
    assert wrong.returncode == 2 and "not valid utf-8" in _no_traceback(wrong)
    unknown = hegai("scan", "--encoding", "klingon", str(path))
    assert unknown.returncode == 2 and "unknown encoding" in _no_traceback(unknown)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-bom"])
def test_jsonl_in_other_encodings(tmp_path, encoding):
    path = tmp_path / "in.jsonl"
    path.write_bytes(ENCODINGS[encoding]("\n".join(LINES) + "\n"))
    done = hegai("scan", "--jsonl", str(path))
    _no_traceback(done)
    assert done.returncode == 0
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [o["id"] for o in out] == [1, 2]
    assert [o["findings"][0]["type"] for o in out] == ["PHONE_MOBILE", "ID_CARD"]


def test_jsonl_bad_line_is_an_error_for_that_line_only(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(LINES[0].encode("utf-8") + b"\n\xff\xfe\xfd\x80\x81\n" + LINES[1].encode("gb18030") + b"\n")
    done = hegai("scan", "--jsonl", str(path))
    _no_traceback(done)
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert out[0]["id"] == 1 and "error" in out[1] and out[2]["id"] == 2
