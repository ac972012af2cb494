"""Masked forms of detected values: keep just enough for the owner to recognise them.

``mask(type, text)`` is used by the recognizers (``Finding.masked``), the service (vault entries,
"mask and post") and reports. It never returns more of the value than the rules below.
"""

from __future__ import annotations

from typing import Iterable

import phonenumbers
import regex

from .cues import data_table
from .normalize import normalize

STAR = "*"

_DIGITS = regex.compile(r"[0-9]")
# Province/city/district prefix of an address (greedy: the last division suffix in reach).
_ADMIN_PREFIX = regex.compile(r"^.{1,12}(?:省|自治区|市|州|盟|地区|区|县|旗)(?=.)", regex.S)


def _stars(n: int) -> str:
    return STAR * max(n, 1)


def _keep_ends(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        keep = max(1, len(value) // 3)
        return value[:keep] + _stars(len(value) - keep)
    return value[:head] + _stars(len(value) - head - tail) + value[len(value) - tail:]


def _digits_only(text: str) -> str:
    """Digits of a value as the normaliser reads them (full-width, Chinese numerals, emoji gaps)."""
    return "".join(_DIGITS.findall(normalize(text).text))


_INTL_PREFIX = regex.compile(r"^[(（]?\s?(?:\+|00)\s?([1-9][0-9]{0,2})")
_FIRST_GROUP = regex.compile(r"[0-9]+")


def country_code(text: str) -> int | None:
    """The country code of a number written with its international prefix (+852…, 00886…)."""
    text = text.lstrip("(（ ")
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        return phonenumbers.parse(text, None).country_code
    except phonenumbers.NumberParseException:
        return None


def _mask_outside_mainland(text: str, mobile: bool) -> str | None:
    """Numbers of other regions (intl_phone.py): the country code kept ("+852 ******4567"),
    else only the last 4 digits; None for a mainland number (the rules below)."""
    norm = normalize(text).text.strip()
    digits = _digits_only(text)
    code = country_code(norm) if _INTL_PREFIX.match(norm) else None
    if code is not None and code != 86:
        national = len(digits) - len(str(code)) - (2 if norm.lstrip("(（ ").startswith("00") else 0)
        return f"+{code} " + STAR * max(national - 4, 1) + digits[-4:]
    if code == 86:
        return None
    first = _FIRST_GROUP.search(norm)
    mainland = (digits[-11:][:1] == "1" and digits[:-11] in ("", "86", "0086")) if mobile else \
        (first is None or not digits.startswith("0") or _is_area_code(first.group()) or first.group() == digits)
    return None if mainland else STAR * max(len(digits) - 4, 1) + digits[-4:]


def _is_area_code(group: str) -> bool:
    codes = data_table("landline_area_codes.tsv")
    return any(group[:n] in codes for n in (3, 4)) and len(group) >= 3


def _mask_mobile(text: str) -> str:
    other = _mask_outside_mainland(text, mobile=True)
    if other is not None:
        return other
    digits = _digits_only(text)
    prefix = ""
    if len(digits) > 11 and digits.endswith(digits[-11:]) and digits[:-11] in ("86", "0086"):
        prefix = "+86 "
    national = digits[-11:]
    return prefix + national[:3] + STAR * 4 + national[-4:]


def _mask_landline(text: str) -> str:
    """Area code kept, local number hidden but its last 4 digits: 010-****3893, 400***8820."""
    other = _mask_outside_mainland(text, mobile=False)
    if other is not None:
        return other
    digits = _digits_only(text)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 9:
            digits = "0" + digits[len(prefix):].lstrip("0")
            break
    if len(digits) <= 6:                     # 95xxx service numbers are public
        return digits
    if digits[:3] in ("400", "800"):
        return digits[:3] + STAR * (len(digits) - 7) + digits[-4:]
    codes = data_table("landline_area_codes.tsv")
    area = next((digits[:n] for n in (3, 4) if digits.startswith("0") and digits[:n] in codes), "")
    local = digits[len(area):]
    return (area + "-" if area else "") + STAR * max(len(local) - 4, 1) + local[-4:]


def _mask_id(text: str) -> str:
    value = "".join(ch for ch in normalize(text).text if ch.isalnum()).upper()
    return _keep_ends(value, 4, 4)


def _mask_email(text: str) -> str:
    norm = normalize(text).text
    m = regex.match(r"^\s*([^\s@#]+?)\s*(?:@|#|\(at\)|\[at\]|\{at\}|<at>|\s+at\s+|艾特)\s*(.+)$", norm, regex.I)
    if not m:
        return _keep_ends(norm, 1, 4)
    local, domain = m.group(1), m.group(2)
    domain = regex.sub(r"\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\s+dot\s+|点)\s*", ".", domain, flags=regex.I)
    return local[:1] + STAR * 3 + "@" + domain


def _mask_plate(text: str) -> str:
    value = "".join(ch for ch in normalize(text).text if ch.isalnum())
    return value[:2] + _stars(len(value) - 4) + value[-2:]


def _mask_ip(text: str) -> str:
    norm = normalize(text).text
    if ":" in norm and norm.count(":") > 1:   # IPv6: keep the first two groups
        parts = norm.split(":")
        return ":".join(parts[:2]) + ":****"
    host, _, _port = norm.partition(":")
    parts = host.split(".")
    return ".".join(parts[:2] + [STAR] * (len(parts) - 2))


def _mask_geo(text: str) -> str:
    # Keep whole degrees only (~100 km): the place is no longer findable.
    return regex.sub(r"(\d+)[.°]\d+", lambda m: m.group(1) + ".**", normalize(text).text)


_DATE_DIGITS = regex.compile(r"[0-9〇零一二三四五六七八九十]")


def _mask_birth_date(text: str) -> str:
    """Keep the year only: 1990年*月*日, 一九九〇年*月*日."""
    norm = normalize(text).text
    year = regex.match(r"^[^0-9〇零一二三四五六七八九]*[0-9〇零一二三四五六七八九]{4}", norm)
    if year and year.end() < len(norm):
        return norm[:year.end()] + _DATE_DIGITS.sub(STAR, norm[year.end():])
    return _DATE_DIGITS.sub(STAR, norm)


def _mask_address(text: str) -> str:
    m = _ADMIN_PREFIX.match(text)
    if m and m.end() >= 2:
        return text[:m.end()] + STAR * 3
    return text[:2] + STAR * 3


def _mask_name(text: str) -> str:
    return text[:1] + _stars(len(text) - 1)


def _mask_org(text: str) -> str:
    return text[:2] + STAR * 3


_MASKERS = {
    "PHONE_MOBILE": _mask_mobile,
    "PHONE_LANDLINE": _mask_landline,
    "ID_CARD": _mask_id,
    "BANK_CARD": lambda t: _keep_ends(_digits_only(t), 4, 4),
    "EMAIL": _mask_email,
    "QQ": lambda t: _keep_ends(_digits_only(t) or t, 2, 2),
    "WECHAT": lambda t: _keep_ends(normalize(t).text.strip(), 2, 2),
    "LICENSE_PLATE": _mask_plate,
    "PASSPORT": lambda t: _keep_ends("".join(ch for ch in normalize(t).text if ch.isalnum()), 1, 2),
    "IP_ADDRESS": _mask_ip,
    "GEO_COORD": _mask_geo,
    "DATE_OF_BIRTH": _mask_birth_date,
    "ADDRESS": _mask_address,
    "PERSON_NAME": _mask_name,
    "WORKPLACE": _mask_org,
    "SCHOOL": _mask_org,
}


def mask(pii_type: str, text: str) -> str:
    """The masked form of ``text`` detected (or registered) as ``pii_type``.

    >>> mask("PHONE_MOBILE", "13812345678")
    '138****5678'
    >>> mask("ID_CARD", "11010119900307123X")
    '1101**********123X'
    """
    if not text:
        return text
    masker = _MASKERS.get(pii_type)
    if masker is None:
        return _keep_ends(text, 1, 1)
    return masker(text)


def apply_masks(text: str, spans: Iterable) -> str:
    """``text`` with each span (anything with ``start``, ``end``, ``masked``) replaced by its masked form.

    Spans are applied left to right; one that overlaps an earlier span is skipped.
    """
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start < pos:
            continue
        out += [text[pos:s.start], s.masked]
        pos = s.end
    out.append(text[pos:])
    return "".join(out)
