"""EMAIL: plain addresses and the usual obfuscations ("abc at qq dot com", "abc#qq.com",
"abc(at)qq[dot]com", "abc艾特qq点com"). The finding covers the whole written form, once.

Obfuscated forms need a real top-level domain, so "C# and .NET" stays text. Chinese local parts
(汉字@qq.com) count when they start after a boundary, so "我的邮箱是x@qq.com" does not swallow
the sentence.

An address glued to what follows ends at a common top-level domain when digits or a label come
next ("x@gmail.com13812345678", "x@gmail.comQQ123456"): the next value is found on its own.
"""

from __future__ import annotations

import regex

from ..base import Document
from ..cues import cue_words
from ._lexicon import finditer_in_windows

COMMON_TLDS = r"(?:com|cn|net|org|edu|gov|info|io|me|cc|co|top|vip|xyz|hk|tw|mo|jp|uk|us|de|fr|ru)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_TLD = r"(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9]{2,30})"
_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})"

# What may be glued right after a common top-level domain: digits or a label (QQ, tel, E-mail).
_GLUED_NEXT = rf"(?=[0-9]|(?i:{'|'.join(regex.escape(w) for w in cue_words('LATIN_LABELS'))}))"
# The glued reading first: in "x@gmail.comqq：…" the domain is gmail.com, not gmail.comqq.
_END = rf"(?:(?i:{COMMON_TLDS}){_GLUED_NEXT}|{_TLD}(?![A-Za-z0-9\-]))"
PLAIN = regex.compile(
    rf"(?<![A-Za-z0-9._%+\-])(?:{_LOCAL}|(?<=^|[\s:：,，;；(（\"'“”<>]){{1}}\p{{Han}}{{1,8}})"
    rf"@(?:{_LABEL}\.){{1,6}}{_END}"
)
_AT = r"(?:\s{0,2}(?:#|\(at\)|\[at\]|\{at\}|<at>|（at）|艾特|圈a|@)\s{0,2}|\s{1,2}at\s{1,2})"
_DOT = r"(?:\s{0,2}(?:\(dot\)|\[dot\]|\{dot\}|<dot>|（dot）|点|\.)\s{0,2}|\s{1,2}dot\s{1,2})"
# A dot written out inside the local part too: "zhang dot san at gmail dot com".
_LOCAL_DOT = r"(?:\s{1,2}dot\s{1,2}|\s{0,2}(?:\(dot\)|\[dot\]|\{dot\}|<dot>|（dot）)\s{0,2})"
OBFUSCATED = regex.compile(
    rf"(?<![A-Za-z0-9._%+\-]){_LOCAL}(?:{_LOCAL_DOT}{_LOCAL}){{0,3}}{_AT}(?:{_LABEL}{_DOT}){{1,4}}{COMMON_TLDS}"
    rf"(?:(?![A-Za-z0-9\-])|{_GLUED_NEXT})",
    regex.IGNORECASE,
)
# The end of an address right before a position (for the cue that follows it, "…comQQ").
_EMAIL_END = regex.compile(rf"@(?:{_LABEL}\.){{1,6}}(?i:{COMMON_TLDS})$")


def after_email(text: str, pos: int) -> bool:
    """True when ``text[:pos]`` ends with an e-mail address's domain ("x@gmail.com|QQ…")."""
    window = text[max(0, pos - 120):pos]
    return "@" in window and _EMAIL_END.search(window) is not None


# The same written-out dot right before a local part, looked for backwards from it.
_DOTTED_LOCAL_BEFORE = regex.compile(rf"{_LOCAL}{_LOCAL_DOT}$", regex.IGNORECASE)


# Where an address can be: the "@" or an obfuscated "at" sign. The patterns are only tried from
# the start of the local part right before one of these, so a long text costs one C-level scan.
_TRIGGER = regex.compile(r"[@#]|艾特|圈a|\(at\)|\[at\]|\{at\}|<at>|（at）|(?i:\sat\s)")
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")


def _local_start(text: str, pos: int) -> int:
    """Start of the local part ending at ``pos`` (spaces, then up to 64 ASCII or 8 Han chars)."""
    i = pos
    while i > 0 and pos - i < 2 and text[i - 1] == " ":
        i -= 1
    end = i
    while i > 0 and end - i < 64 and text[i - 1] in _LOCAL_CHARS:
        i -= 1
    if i == end:
        while i > 0 and end - i < 8 and "\u4e00" <= text[i - 1] <= "\u9fff":
            i -= 1
    while i < end and text[i] in "._%+-":
        i += 1
    return i


def _dotted_local_start(text: str, start: int) -> int:
    """Walk back over up to three written-out dots before a local part (zhang dot san at …)."""
    for _ in range(3):
        if "dot" not in text[max(0, start - 8):start].lower():
            break     # the common case, checked without a regex search (2,800 signs per MB)
        m = _DOTTED_LOCAL_BEFORE.search(text, max(0, start - 80), start)
        if m is None:
            break
        start = m.start()
    return start


class EmailRecognizer:
    name = "email"
    types = ("EMAIL",)
    # The literal parts of _TRIGGER ("at" stands for the spaced " at ": one space either side).
    triggers = {"sign": ("@", "#", "艾特", "圈a", "(at)", "[at]", "{at}", "<at>", "（at）", "at")}

    def analyze(self, doc: Document):
        text = doc.norm.text
        covered = 0
        windows = [(start - 1, end + 1) for start, end in doc.hits(self, "sign")]
        for trigger in finditer_in_windows(_TRIGGER, text, windows):
            start = _local_start(text, trigger.start())
            if start >= trigger.start() or start < covered:
                continue
            m = PLAIN.match(text, start) if trigger.group() == "@" else None
            if m:
                covered = m.end()
                yield doc.finding("EMAIL", m.start(), m.end(), 0.95, ["邮箱格式"])
                continue
            m = OBFUSCATED.match(text, _dotted_local_start(text, start))
            if m:
                covered = m.end()
                yield doc.finding("EMAIL", m.start(), m.end(), 0.85, ["变形邮箱写法"])


RECOGNIZER = EmailRecognizer()
