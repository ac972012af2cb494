"""Match keys for vault entries: one normalised form per value, robust to how people write it.

Phones and ID-like numbers keep digits only (+86/0086 dropped, full-width folded); an address
loses its spaces and its province/city prefix, so "浙江省杭州市西湖区文三路100号",
"杭州西湖区文三路100号" and "西湖区 文三路100号" give the same key.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

import regex

from ..detect.recognizers import _divisions as divisions

_WHITESPACE = regex.compile(r"\s+")
_NON_DIGIT = regex.compile(r"\D+")
_NOT_ID_CHAR = regex.compile(r"[^0-9X]+")
_PLATE_SEPARATORS = regex.compile(r"[\s·•\-.．]+")
# A prefecture-level unit at the start: a short Han name, then its suffix.
_CITY_PREFIX = regex.compile(r"^(\p{Han}{1,6}?)(?:市|自治州|地区|盟)")
_ANY_UNIT_PREFIX = regex.compile(r"^\p{Han}{1,6}?(?:市|自治州|地区|盟|区|县|旗)")
# Characters that end a city name early: street-level words, so "三里屯市场" is not a city.
_NOT_IN_CITY_NAME = set("区县旗路街道巷弄号场村镇乡")


def _data(name: str) -> str:
    return resources.files("hegai.service").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def kinds() -> dict[str, dict]:
    return {k: v for k, v in json.loads(_data("vault_kinds.json")).items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _provinces() -> tuple[tuple[str, ...], tuple[str, ...]]:
    full, short = [], []
    for line in _data("provinces.txt").splitlines():
        if line and not line.startswith("#"):
            names = line.split("\t")
            full.append(names[0])
            short.extend(names[1:])
    by_length = lambda names: tuple(sorted(names, key=len, reverse=True))  # noqa: E731
    return by_length(full), by_length(short)


def kind_for_type(pii_type: str) -> str | None:
    for kind, spec in kinds().items():
        if pii_type in spec["types"]:
            return kind
    return None


def fold(text: str) -> str:
    """Full-width and compatibility forms to their plain form (Ｂ→B, １→1)."""
    return unicodedata.normalize("NFKC", text)


def _phone_key(text: str) -> str:
    digits = _NON_DIGIT.sub("", fold(text))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) >= 12:
        digits = digits[2:]
    else:
        return digits
    # After a country code a landline has no trunk 0: put it back so both spellings agree.
    if not digits.startswith(("0", "1")) or (digits.startswith("1") and len(digits) != 11):
        digits = "0" + digits
    return digits


def _strip_province(addr: str) -> str:
    full, short = _provinces()
    for name in full:
        if addr.startswith(name):
            return addr[len(name):]
    for name in short:
        rest = addr[len(name):]
        if addr.startswith(name) and _ANY_UNIT_PREFIX.match(rest):
            return rest
    return addr


def _strip_city(addr: str) -> str:
    m = _CITY_PREFIX.match(addr)
    if m and not _NOT_IN_CITY_NAME.intersection(m.group(1)) and len(addr) > m.end():
        return addr[m.end():]
    # A city written without 市 (杭州西湖区…): a prefecture's short name, then a district or county.
    first = divisions.find(addr, 0, min(len(addr), 12))[:1]
    if first and first[0].start == 0 and first[0].division.level == divisions.PREFECTURE \
            and first[0].division.short and _ANY_UNIT_PREFIX.match(addr[first[0].end:]):
        return addr[first[0].end:]
    return addr


def address_key(text: str) -> str:
    return _strip_city(_strip_province(_WHITESPACE.sub("", fold(text))))


def match_key(kind: str, text: str) -> str:
    """The normalised form of ``text`` read as a value of vault ``kind``."""
    if kind == "phone":
        return _phone_key(text)
    if kind in ("bank_card", "qq"):
        return _NON_DIGIT.sub("", fold(text))
    if kind == "id_card":
        return _NOT_ID_CHAR.sub("", fold(text).upper())
    if kind == "plate":
        return _PLATE_SEPARATORS.sub("", fold(text)).upper()
    if kind == "address":
        return address_key(text)
    # email, wechat, name: case- and space-insensitive
    key = _WHITESPACE.sub("", fold(text))
    return key if kind == "name" else key.lower()


def page_view(text: str) -> tuple[str, list[int]]:
    """The page text folded and without whitespace, with each character's original offset.

    Substring matching of names and addresses runs over this view.
    """
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for out in fold(ch):
            chars.append(out)
            origin.append(i)
    return "".join(chars), origin
