"""Finding reasons in English: every reason the recognizers give has a translation."""

import json
import re
from pathlib import Path

from hegai.detect import scan
from hegai.detect.explain import reason_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pii"
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_reason_on_our_fixtures_reads_in_english():
    seen = set()
    for path in FIXTURES.glob("*.jsonl"):
        for line in path.open(encoding="utf-8"):
            for finding in scan(json.loads(line)["text"]):
                seen.update(finding.reasons)
    assert len(seen) > 30
    for reason in seen:
        english = reason_in("en", reason)
        # A cue word, surname or job is the text's own word and stays as written.
        assert not HAN.search(re.sub(r"^(cue|surname|job|context): .*", "", english)), (reason, english)


def test_prefixes_keep_the_texts_own_words_and_chinese_stays_as_is():
    assert reason_in("en", "线索词: 电话") == "cue: 电话"
    assert reason_in("en", "校验位正确") == "check digit correct"
    assert reason_in("zh_CN", "校验位正确") == "校验位正确"
    assert reason_in("en", "未知的说法") == "未知的说法"     # unknown: shown as written, never dropped
