"""The evaluation tooling itself: matching, counting, masking, dispatch (scanner replaced by gold)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from hegai.evaluation import __main__ as cli
from hegai.evaluation.pii import (STREET_LEVEL_ROW, Span, check_targets, evaluate_pii, format_pii, mask_value, match,
                                  merge)


def finding(type_, start, end, text):
    return SimpleNamespace(type=type_, start=start, end=end, text=text[start:end])


def scanner_from(table):
    """A scanner that returns fixed findings per text: the thing under test is the scoring."""
    return lambda text: [finding(t, s, e, text) for t, s, e in table.get(text, [])]


TEXT = "电话13800138000，邮箱a@b.cn"
RECORD = {"id": "r1", "text": TEXT, "spans": [
    {"start": 2, "end": 13, "type": "PHONE_MOBILE", "text": "13800138000"},
    {"start": 16, "end": 22, "type": "EMAIL", "text": "a@b.cn"},
]}


def test_perfect_scanner_scores_one():
    summary = evaluate_pii([RECORD], scanner_from({TEXT: [("PHONE_MOBILE", 2, 13), ("EMAIL", 16, 22)]}))
    assert summary["groups"]["all"]["precision"] == 1.0
    assert summary["groups"]["all"]["recall"] == 1.0
    assert summary["groups"]["structured"]["exact_recall"] == 1.0
    assert summary["errors"] == []


def test_overlap_counts_but_not_as_exact():
    summary = evaluate_pii([RECORD], scanner_from({TEXT: [("PHONE_MOBILE", 4, 13)]}))
    phone = summary["per_type"]["PHONE_MOBILE"]
    assert (phone["tp"], phone["exact"], phone["recall"], phone["exact_recall"]) == (1, 0, 1.0, 0.0)
    assert summary["per_type"]["EMAIL"]["recall"] == 0.0
    kinds = sorted(e["error"] for e in summary["errors"])
    assert kinds == ["boundary", "missed"]


def test_wrong_type_is_a_miss_and_a_false_positive():
    summary = evaluate_pii([RECORD], scanner_from({TEXT: [("PHONE_LANDLINE", 2, 13)]}))
    assert summary["per_type"]["PHONE_MOBILE"]["tp"] == 0
    assert summary["per_type"]["PHONE_LANDLINE"]["precision"] == 0.0


def test_fragments_cost_precision_each_gold_matched_once():
    frags = [("PHONE_MOBILE", 2, 5), ("PHONE_MOBILE", 5, 13)]
    summary = evaluate_pii([RECORD], scanner_from({TEXT: frags}))
    phone = summary["per_type"]["PHONE_MOBILE"]
    assert (phone["pred"], phone["tp"], phone["precision"]) == (2, 1, 0.5)


def test_matching_prefers_exact_then_largest_overlap():
    gold = [Span(0, 10, "ADDRESS", "x" * 10)]
    pred = [Span(0, 4, "ADDRESS", "x" * 4), Span(0, 10, "ADDRESS", "x" * 10)]
    assert match(gold, pred) == [(gold[0], pred[1])]
    one_pred_two_gold = match([Span(0, 3, "QQ", "123"), Span(5, 8, "QQ", "456")], [Span(0, 8, "QQ", "12345678")])
    assert len(one_pred_two_gold) == 1


def test_non_spec_gold_types_are_ignored_but_reported():
    record = {"id": "a", "text": "杭州市文三路478号", "spans": [
        {"start": 0, "end": 10, "type": "ADDRESS", "text": "杭州市文三路478号"},
        {"start": 3, "end": 6, "type": "ADDR_ROAD", "text": "文三路"}]}
    summary = evaluate_pii([record], scanner_from({record["text"]: [("ADDRESS", 0, 10)]}))
    assert set(summary["per_type"]) == {"ADDRESS"}
    assert summary["ignored_gold"]["ADDR_ROAD"] == {"count": 1, "inside_prediction": 1, "overlapped": 1}
    assert "ADDR_ROAD" in format_pii(summary, show_ignored=True)


def test_street_level_recall_needs_every_street_part_inside_a_prediction():
    text = "杭州市文三路478号"
    def record(rid):
        return {"id": rid, "text": text, "spans": [
            {"start": 0, "end": 10, "type": "ADDRESS", "text": text},
            {"start": 0, "end": 3, "type": "ADDR_CITY", "text": "杭州市"},
            {"start": 3, "end": 6, "type": "ADDR_ROAD", "text": "文三路"},
            {"start": 6, "end": 10, "type": "ADDR_ROADNO", "text": "478号"}]}
    whole = evaluate_pii([record("a")], scanner_from({text: [("ADDRESS", 0, 10)]}))
    cut = evaluate_pii([record("b")], scanner_from({text: [("ADDRESS", 0, 6)]}))    # the number left out
    assert whole["street_level"][STREET_LEVEL_ROW] == {"gold": 1, "covered": 1, "recall": 1.0}
    assert cut["street_level"][STREET_LEVEL_ROW]["recall"] == 0.0
    assert cut["per_type"]["ADDRESS"]["recall"] == 1.0          # overlap recall would not see it
    assert "street-level" in format_pii(cut)
    plain = evaluate_pii([{"id": "c", "text": text, "spans": [whole_span(text)]}],
                         scanner_from({text: [("ADDRESS", 0, 10)]}))
    assert plain["street_level"] == {}                             # no part labels, no row


def whole_span(text):
    return {"start": 0, "end": len(text), "type": "ADDRESS", "text": text}


def test_false_positives_on_a_negative_file_are_listed_masked():
    text = "订单号20240512883412，已发货"
    record = {"id": "n1", "text": text, "spans": [],
              "hard_negatives": [{"start": 3, "end": 17, "kind": "ORDER_NO", "text": text[3:17]}]}
    fake = scanner_from({text: [("BANK_CARD", 3, 17)]})
    summary = evaluate_pii([record], fake)
    assert summary["per_type"]["BANK_CARD"]["pred"] == 1
    assert summary["hard_negative_hits"] == {"ORDER_NO->BANK_CARD": 1}
    (error,) = summary["errors"]
    assert error["error"] == "spurious" and "20240512883412" not in json.dumps(error, ensure_ascii=False)
    shown = evaluate_pii([record], fake, show_values=True)["errors"][0]
    assert shown["got"] == "20240512883412"


def test_mask_value_keeps_a_recognisable_shape():
    assert mask_value("13800138000") == "13*******00"
    assert mask_value("张伟") == "张*"
    assert len(mask_value("a@b.cn")) == len("a@b.cn")


def test_scan_exception_is_reported_not_raised():
    def broken(text):
        raise RuntimeError("boom")

    summary = evaluate_pii([RECORD], broken)
    assert summary["scan_failures"][0]["id"] == "r1"
    assert "RAISED" in format_pii(summary)


def test_merge_adds_counts_and_recomputes_ratios():
    good = evaluate_pii([RECORD], scanner_from({TEXT: [("PHONE_MOBILE", 2, 13), ("EMAIL", 16, 22)]}))
    bad = evaluate_pii([RECORD], scanner_from({}))
    merged = merge([good, bad])
    assert merged["records"] == 2
    assert merged["groups"]["all"]["recall"] == 0.5
    assert merged["groups"]["all"]["precision"] == 1.0
    assert merged["by_source"]["-"]["gold"] == 4


def test_targets_pass_and_fail():
    summary = evaluate_pii([RECORD], scanner_from({TEXT: [("PHONE_MOBILE", 2, 13)]}))
    verdicts = {t["name"]: t["passed"] for t in check_targets("fixtures", summary)}
    assert verdicts["fixtures: structured precision"] is True
    assert verdicts["fixtures: structured recall"] is False
    negatives = evaluate_pii([{"id": "n", "text": "x", "spans": []}], scanner_from({}))
    assert all(t["passed"] for t in check_targets("negatives.dev.jsonl", negatives))


def test_file_kind_dispatch():
    assert cli.file_kind([{"id": 1, "text": "x", "level": "high", "categories": []}]) == "risk"
    assert cli.file_kind([RECORD]) == "pii"
    assert cli.file_kind([{"id": "pv1", "input": "110", "expected": "x"}]) == "other"


def test_cli_writes_json_for_a_pii_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "mini.jsonl"
    path.write_text(json.dumps({"id": "m", "source": "weibo", "text": "没有个人信息", "spans": []},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "summary.json"
    assert cli.main([str(path), "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["files"][str(path)]["records"] == 1
    assert "mini.jsonl" in capsys.readouterr().out


def test_cli_routes_risk_files_and_skips_non_spec(tmp_path, capsys, monkeypatch):
    risk_file = tmp_path / "risk.jsonl"
    risk_file.write_text(json.dumps({"id": "k", "text": "求扒", "level": "high", "categories": ["INDUCEMENT"]},
                                    ensure_ascii=False) + "\n", encoding="utf-8")
    vectors = tmp_path / "vectors.jsonl"
    vectors.write_text(json.dumps({"id": "pv", "input": "1"}) + "\n", encoding="utf-8")
    calls = []
    fake_risk = SimpleNamespace(evaluate_risk=lambda records: calls.append(records) or {"n": len(records)},
                                format_risk=lambda summary: f"risk records {summary['n']}")
    monkeypatch.setattr(cli, "risk", fake_risk)
    cli.main([str(risk_file), str(vectors)])
    out = capsys.readouterr().out
    assert len(calls) == 1 and calls[0][0]["level"] == "high"
    assert "risk records 1" in out and "skipped" in out


def test_check_flag_fails_on_missed_target(tmp_path, monkeypatch):
    path = tmp_path / "addresses.dev.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "杭州市文三路478号", "spans": [
        {"start": 0, "end": 10, "type": "ADDRESS", "text": "杭州市文三路478号"}]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    monkeypatch.setattr("hegai.evaluation.pii.default_scanner", lambda: (lambda text: []))
    assert cli.main([str(path)]) == 0
    assert cli.main([str(path), "--check"]) == 1


def test_default_run_without_shared_data_says_it_skipped(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("HEGAI_SHARED_EVAL", str(tmp_path / "absent"))
    monkeypatch.setattr("hegai.evaluation.pii.default_scanner", lambda: (lambda text: []))
    out_json = tmp_path / "s.json"
    assert cli.main(["--errors", "0", "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "shared evaluation data: skipped" in out and "our PII fixtures" in out
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert report["pii_fixtures"]["records"] >= 400
