"""`hegai assess [FILE|-] [--jsonl]` as the SPEC fixes it."""

import io
import json
import sys

from hegai.cli import main


def run(monkeypatch, capsys, stdin: str, *args) -> list[str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["assess", *args]) == 0
    return capsys.readouterr().out.splitlines()


def test_jsonl_one_line_per_input_in_order(monkeypatch, capsys):
    lines = [{"id": 1, "text": "专业查档：户籍 150元/条，诚信接单"}, {"id": "b", "text": "今天天气很好"}]
    out = run(monkeypatch, capsys, "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines), "--jsonl")
    got = [json.loads(l) for l in out]
    assert [g["id"] for g in got] == [1, "b"]
    assert set(got[0]) == {"id", "level", "score", "categories", "reasons"}
    assert "TRADE" in got[0]["categories"] and got[1]["level"] == "none"


def test_file_argument_and_human_output(monkeypatch, capsys, tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("求扒这个女的", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["assess", str(path)]) == 0
    out = capsys.readouterr().out
    assert "INDUCEMENT" in out and "medium" in out
