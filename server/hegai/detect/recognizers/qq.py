"""QQ: a 5–11 digit QQ number, only right after a QQ cue (QQ, 扣扣, 企鹅…), and only the value
the cue points at ("QQ: 12345678" → 12345678; not every number in the post).

A QQ *group* number (QQ群 / QQ羣 123456789) is not a finding: a group is a public meeting place,
not a way to reach one person, so it exposes nobody. The words of the link and of the exclusions
are matched in traditional script too (QQ號碼, QQ空間)."""

from __future__ import annotations

import regex

from ..base import Document, match_at
from ..cues import cue_pattern, cue_words, variants
from .email import after_email

# Between the cue and the value: "号/号码", colon, "是/为", "加/私", spaces — a few characters.
_LINK_WORDS = ("号码", "号", "是", "为", "加我", "加", "私我", "私", "我的", "联系我", "联系", "找我")   # (扣扣联系我：…)
_LINK = rf"(?:[\s:：=\-—~\p{{So}}]|{'|'.join(variants(_LINK_WORDS))}|[(（]?\s?[)）]?){{0,6}}"
# A cue followed by these names something else: a group (not a person's), QQ Zone, QQ Music…
_NOT_ACCOUNT = variants(("群", "羣", "空间", "音乐", "邮箱", "飞车", "堂"))
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
            rf"(?P<cue>{cue_pattern('QQ').pattern}|{_LETTER_CUE})(?!{'|'.join(_NOT_ACCOUNT)}|\.com){_LINK}{_VALUE}",
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
    """"QQ" inside a longer Latin word; not when the letters before end an e-mail address
    ("x@gmail.comQQ123456": the address ends at .com, the QQ cue follows)."""
    before = text[start - 1:start]
    after = text[end:end + 1]
    glued = before.isascii() and before.isalpha() and not after_email(text, start)
    return glued or (after.isascii() and after.isalpha())


RECOGNIZER = QQRecognizer()
