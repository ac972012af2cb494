"""../shared/eval/negatives.dev.jsonl: number-dense sentences with no personal information.
No ID_CARD, PHONE_MOBILE or BANK_CARD finding may come out of them (SPEC, issue 2)."""

from __future__ import annotations

import json

from hegai.detect import scan

STRICT_TYPES = {"ID_CARD", "PHONE_MOBILE", "BANK_CARD"}
# Hits checked by hand and kept because they are real personal information: none so far.
KNOWN_REAL = set()


def test_no_numeric_false_positives(shared_eval):
    with open(shared_eval / "negatives.dev.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    assert len(records) >= 300
    hits = [(r["id"], f.type, f.masked) for r in records for f in scan(r["text"])
            if f.type in STRICT_TYPES and (r["id"], f.text) not in KNOWN_REAL]
    assert hits == []


def test_few_structured_false_positives_of_any_type(shared_eval):
    """Landlines, plates, IPs… are looser; keep them rare (≤ 1% of records)."""
    from hegai.detect.recognizers import (bank_card, birth_date, email, geo, id_card, ip, passport,
                                          phone, plate, qq, wechat)
    from hegai.detect.registry import Registry

    ours = Registry([m.RECOGNIZER for m in (bank_card, birth_date, email, geo, id_card, ip, passport,
                                            phone, plate, qq, wechat)])
    with open(shared_eval / "negatives.dev.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    hits = [(r["id"], f.type) for r in records for f in ours.scan(r["text"])]
    assert len(hits) <= len(records) // 100, hits
