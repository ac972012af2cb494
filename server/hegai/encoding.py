"""Text as it really arrives: UTF-8 (with or without BOM), UTF-16/32 with a BOM, GB18030/GBK
(common for Chinese text) or, failing those, what charset-normalizer detects; binary input is
refused with one clear line (issue 22: a GBK file ended in a UnicodeDecodeError traceback)."""

from __future__ import annotations

import codecs
import unicodedata

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Share of control, private-use or unassigned characters above which a decoding is not text.
MAX_ODD_SHARE = 0.02
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1b")


class NotText(ValueError):
    """The input is not text in an encoding we can read; the message is one line for the user."""


def bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in BOMS if data.startswith(bom)), None)


def looks_like_text(text: str) -> bool:
    if not text:
        return True
    odd = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Co", "Cn"))
    return odd <= MAX_ODD_SHARE * len(text)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def detect(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of ``data``; raises :class:`NotText` for binary or unreadable bytes."""
    bom = bom_encoding(data)
    if bom:
        text = _strict(data, bom)
        if text is not None:
            return text, bom
        raise NotText(f"starts with a {bom} byte-order mark but is not valid {bom}")
    if b"\x00" in data:
        raise NotText("binary data (NUL bytes), not text; give a text file (UTF-8, UTF-16 or GB18030)")
    for encoding in ("utf-8", "gb18030"):   # UTF-8 is strict enough to try first; GBK is a subset of GB18030
        text = _strict(data, encoding)
        if text is not None and looks_like_text(text):
            return text, encoding
    best = _normalizer_guess(data)
    if best is not None:
        return best
    raise NotText("not text in a known encoding (UTF-8, UTF-16, GB18030...); if it is text, name its "
                  "encoding with --encoding")


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    return (text, match.encoding) if looks_like_text(text) else None


def decode(data: bytes, encoding: str | None = None) -> str:
    """``data`` as text: in ``encoding`` when given (strictly), detected otherwise."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise NotText(f"unknown encoding {encoding!r}") from None
        text = _strict(data, encoding)
        if text is None:
            raise NotText(f"not valid {encoding} text")
        return text.removeprefix("\ufeff")
    return detect(data)[0]


def decode_line(data: bytes, encoding: str | None = None) -> str:
    """One line of a line-oriented input (JSONL) that is not UTF-16/32: UTF-8, else GB18030."""
    if encoding:
        return decode(data, encoding)
    for name in ("utf-8-sig", "gb18030"):
        text = _strict(data, name)
        if text is not None and looks_like_text(text):
            return text
    raise NotText("not UTF-8 or GB18030 text (name the encoding with --encoding)")
