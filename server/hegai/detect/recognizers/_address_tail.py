"""The unit code right after an accepted address: …灯具城C3, …153号10-406, …大厦7B107.

Not a recognizer itself (no ``RECOGNIZER``); ``address`` calls :func:`tail_end` once per
accepted chain. Why: shops, offices and flats are written as a code after the building
(…万塘路1389号华领国际B3, …A11栋3梯692) that the chain regex does not take, because a bare
code could as well be a phone number, a price or a date. Here the code is only taken right
after an address, is short (at most ``MAX_TAIL`` characters), holds no run of more than six
digits (a mobile has 11), is not a year and is not followed by a measure word (元, 年, 点…).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ._address_clauses import suffix_kinds, unit_words
from ._lexicon import alternation, name_char_class, words

MAX_TAIL = 14          # characters of the code itself (a POI name before it is extra)
MAX_DIGIT_RUN = 6      # 553367 is a stall; 13800138000 is a phone
MAX_POI_NAME = 8


@lru_cache(maxsize=1)
def _tail_pattern() -> regex.Pattern:
    units = unit_words() + list(words("address/unit_code_units.txt"))
    unit = f"(?:{alternation(units)})"
    building_suffixes = [s for s, kind in suffix_kinds().items() if kind in ("place", "school", "shop", "residence", "zone")]
    building_suffixes += words("address/unit_code_poi_suffixes.txt")
    poi = rf"(?P<poi>[{name_char_class()}]{{1,{MAX_POI_NAME}}}?(?:{alternation(building_suffixes)}))"
    run = r"[0-9A-Za-z]{1,8}(?![0-9A-Za-z])"         # a whole letter/digit run, never a long one
    dash = r"(?:-{1,2}|[一—~])"
    coded = rf"{run}(?:{dash}{run}){{0,3}}{unit}?"
    numeral = rf"[零〇一二三四五六七八九十两]{{1,3}}{unit}"
    piece = rf"(?:{coded}|{numeral})"
    code = rf"(?P<code>{piece}(?:{piece}){{0,2}})"
    # A leading door number before the building (教工路|132百脑汇科技大厦7h144).
    lead = rf"(?:(?P<lead>[0-9]{{1,5}})(?=[{name_char_class()}]))?"
    return regex.compile(rf"[-_]?(?:{lead}{poi}[-_]?)?{code}", regex.V1)


@lru_cache(maxsize=1)
def _stop_after() -> frozenset[str]:
    return frozenset(words("address/unit_code_stop_after.txt"))


_LONG_DIGITS = regex.compile(rf"[0-9]{{{MAX_DIGIT_RUN + 1}}}")
_YEAR_OR_TIME = regex.compile(r"^(?:19|20)[0-9]{2}[-一—~/.]")
_YEAR = regex.compile(r"(?:19|20)[0-9]{2}")
_LETTERS_FIRST = regex.compile(r"^[A-Za-z]{2}")   # QQ12345, wx8888: an account, not a room
_CLOSED_BY = regex.compile(r"[.:/%‰]")            # 10.5, 10:30, 3/4, 20%


@lru_cache(maxsize=1)
def _shop_after_door() -> regex.Pattern:
    """A shop or office code after a door number, behind a name without a building suffix
    (…公园路731号晨报社1625, …杭海路166号新中洲1658): at least three digits, whole."""
    return regex.compile(rf"[{name_char_class()}]{{2,6}}?(?P<code>[A-Za-z]{{0,2}}[0-9]{{3,{MAX_DIGIT_RUN}}})"
                         r"(?![0-9A-Za-z])", regex.V1)


def tail_end(text: str, end: int, limit: int) -> int:
    """Where the address that ends at ``end`` really ends, over a following unit code."""
    m = _tail_pattern().match(text, end, limit)
    if m is None:
        return _shop_code_end(text, end, limit) if end > 0 and text[end - 1] == "号" else end
    code = m.group("code")
    if not _is_unit_code(code) or _quantity_follows(text, m.end(), limit, code):
        return end
    if m.group("lead") is None and m.group("poi") is None and _is_ascii_alnum(text[end - 1]) and _is_ascii_alnum(code[0]):
        # the chain stopped inside a letter/digit run: not a clean boundary
        return end
    return m.end()


def _shop_code_end(text: str, end: int, limit: int) -> int:
    """Over a shop code right after a door number (…号新闻网1824), unless it is a year or a
    quantity (…号今年2023, …号门口300米)."""
    m = _shop_after_door().match(text, end, limit)
    if m is None or _YEAR.fullmatch(m.group("code")) or _quantity_follows(text, m.end(), limit, m.group("code")):
        return end
    return m.end()


def _is_unit_code(code: str) -> bool:
    if len(code) > MAX_TAIL or _LONG_DIGITS.search(code) or _LETTERS_FIRST.match(code):
        return False
    if _YEAR_OR_TIME.match(code):
        return False
    # A lone letter (…165楼F) is a code; a longer code needs a digit or a unit.
    return len(code) == 1 or any(c.isdigit() for c in code) or not code.isascii()


def _quantity_follows(text: str, pos: int, limit: int, code: str) -> bool:
    if pos >= limit or not _is_ascii_alnum(code[-1]):
        return False   # the code ends in a unit word (…3梯692 ends in 692; 1567房 in 房)
    nxt = text[pos]
    return nxt in _stop_after() or bool(_CLOSED_BY.match(nxt))


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
