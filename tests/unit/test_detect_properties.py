"""Properties every scan result keeps, on generated text (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.detect import PII_TYPES, scan

PIECES = ["13812345678", "+86 ", "138 1234 5678", "44011320141005001x", "QQ:", "903013545", "vx: ",
          "github666", "abc at qq dot com", "a@b.cn", "京A12345", "护照 ", "E12345678", "010-", "37283893",
          "6222026006705354000", "出生日期：", "1990年3月7日", "192.168.1.1", "😀", "幺三八", "一二", "，",
          " ", "-", "订单号", "****", "电话", "１２３", "0", "9", "号", "的", "北京市朝阳区建国路88号"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=12).map("".join))
def test_findings_point_into_the_text_once(text):
    findings = scan(text)
    last_end = 0
    for f in findings:
        assert f.type in PII_TYPES
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert f.start >= last_end            # sorted, no overlaps, no nested fragments
        last_end = f.end
        assert 0.0 <= f.score <= 1.0 and f.reasons
        assert f.masked != f.text or f.type == "PHONE_LANDLINE"   # 95xxx service numbers stay


def test_cli_scan_outputs_findings(tmp_path, capsys):
    from hegai.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "我的手机 138 1234 5678"}\n{"id": 2, "text": "无"}\n', encoding="utf-8")
    assert main(["scan", str(src), "--jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ('{"id": 1, "findings": [{"type": "PHONE_MOBILE", "start": 5, "end": 18, '
                        '"text": "138 1234 5678", "score": 0.95}]}')
    assert lines[1] == '{"id": 2, "findings": []}'
