"""QQ: a 5–11 digit QQ number, only right after a QQ cue (QQ, 扣扣, 企鹅…), and only the value
the cue points at ("QQ: 12345678" → 12345678; not every number in the post)."""

from __future__ import annotations

import regex

from ..base import Document, match_at
from ..cues import cue_pattern, cue_words

# Between the cue and the value: "号/号码", colon, "是/为", "加/私", spaces — a few characters.
_LINK = r"(?:[\s:：=\-—~\p{So}]|号码|号|是|为|加我|加|私我|私|我的|[(（]?\s?[)）]?){0,6}"
# Value: digits possibly split by spaces or emoji (the digit-run grammar), 5–11 digits.
_VALUE = r"(?P<value>[1-9](?:[ \-.·_\p{So}\ufe0f]{0,2}[0-9]){4,10})(?![0-9])"


# A bare "q"/"Q" is a cue only with a colon: "q：3827164590".
_LETTER_CUE = r"(?<![A-Za-z0-9])[Qq](?=\s?[:：])"


class QQRecognizer:
    name = "qq"
    types = ("QQ",)

    # Every match starts with a cue word or the bare letter cue.
    triggers = {"cue": cue_words("QQ") + ("q",)}

    def __init__(self):
        self.pattern = regex.compile(
            rf"(?P<cue>{cue_pattern('QQ').pattern}|{_LETTER_CUE})(?!群|空间|音乐|邮箱|飞车|堂|\.com){_LINK}{_VALUE}",
            regex.IGNORECASE,
        )

    def analyze(self, doc: Document):
        text = doc.norm.text
        for m in match_at(self.pattern, text, (start for start, _ in doc.hits(self, "cue"))):
            if m.group("cue").isascii() and _inside_latin_word(text, m.start(), m.end("cue")):
                continue   # "QQ" inside a longer Latin word
            start, end = m.span("value")
            yield doc.finding("QQ", start, end, 0.92, [f"线索词: {m.group('cue')}", "QQ号格式"])


def _inside_latin_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1:start]
    after = text[end:end + 1]
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


RECOGNIZER = QQRecognizer()
