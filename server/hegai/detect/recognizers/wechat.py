"""WECHAT: a WeChat id (6–20 chars, starts with a letter; or a phone/QQ-style number) right
after a WeChat cue (微信, vx, V信, wx, 薇…), and only the value the cue points at."""

from __future__ import annotations

import regex

from ..base import Document, match_at
from ..cues import cue_pattern, cue_words, variants
from .email import after_email

_LINK_WORDS = ("号码", "号", "是", "为", "加我", "加", "搜", "私我", "私", "同号", "聊", "联系")
_LINK = rf"(?:[\s:：=\-—~\p{{So}}]|{'|'.join(variants(_LINK_WORDS))}|[(（]?\s?[)）]?){{0,6}}"
# A cue followed by these names a WeChat feature, not an account (in traditional script too).
_NOT_ACCOUNT = variants(("支付", "群", "羣", "公众号", "小程序", "红包", "转账", "朋友圈", "视频号"))
# A bare "V"/"v" is a cue only with a colon: "V：kaoyan_helper".
_LETTER_CUE = r"(?<![A-Za-z0-9])[Vv](?=\s?[:：])"
_VALUE = (
    r"(?P<value>[A-Za-z][-_A-Za-z0-9]{5,19}(?![-_A-Za-z0-9@])"
    r"|[1-9](?:[ \-.·\p{So}\ufe0f]{0,2}[0-9]){5,19}(?![0-9]))"
)
# Words that follow a cue but are not ids ("微信支付", "vx: wechat_pay" is still an id).
_NOT_IDS = frozenset({"wechat", "weixin", "public", "account", "number", "official"})


class WeChatRecognizer:
    name = "wechat"
    types = ("WECHAT",)

    # Every match starts with a cue word or the bare letter cue.
    triggers = {"cue": cue_words("WECHAT") + ("v",)}

    def __init__(self):
        self.pattern = regex.compile(
            rf"(?P<cue>{cue_pattern('WECHAT').pattern}|{_LETTER_CUE})(?!{'|'.join(_NOT_ACCOUNT)}){_LINK}{_VALUE}",
            regex.IGNORECASE,
        )

    def analyze(self, doc: Document):
        text = doc.norm.text
        for m in match_at(self.pattern, text, (start for start, _ in doc.hits(self, "cue"))):
            cue, value = m.group("cue"), m.group("value")
            if cue.isascii() and _inside_latin_word(text, m.start(), m.end("cue")) \
                    and not _glued_to_an_id(text, m.start(), cue, value):
                continue   # "wx" inside a longer Latin word
            if value.lower() in _NOT_IDS:
                continue
            if "同号" in text[m.end("cue"):m.start("value")] and _MOBILE.fullmatch(_digits(value)):
                continue   # 微信同号 138…: "my WeChat is this phone number" — a mobile, found as one
            start, end = m.span("value")
            yield doc.finding("WECHAT", start, end, 0.92, [f"线索词: {cue}", "微信号格式"])


_MOBILE = regex.compile(r"1[3-9][0-9]{9}")


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def _glued_to_an_id(text: str, start: int, cue: str, value: str) -> bool:
    """"vxkh_tutor66", "wxln_god777": the cue written straight onto an id, as ads do to dodge
    filters. Only vx/wx at a word's start, and only before an id with an underscore in it: an
    English word or a code after "wx" (wxyz1234567) stays what it is."""
    before = text[start - 1:start]
    return cue.lower() in ("vx", "wx") and not (before.isascii() and before.isalpha()) \
        and "_" in value


def _inside_latin_word(text: str, start: int, end: int) -> bool:
    """"wx" inside a longer Latin word; not right after an e-mail's top-level domain."""
    before = text[start - 1:start]
    after = text[end:end + 1]
    glued = before.isascii() and before.isalpha() and not after_email(text, start)
    return glued or (after.isascii() and after.isalpha())


RECOGNIZER = WeChatRecognizer()
