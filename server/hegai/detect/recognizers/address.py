"""ADDRESS: a postal address at street level or finer.

How it works, in one linear pass each, inside the clauses that hold street-level evidence
(``_address_clauses``: no chain crosses punctuation, so other clauses cannot give a finding):
1. Division names (GB/T 2260, see ``_divisions``) are found with one Aho-Corasick automaton;
   full names (北京市, 朝阳区) are blanked out of a working copy so that place-name patterns
   cannot run across them.
2. One regex (bounded quantifiers only) finds chains of address parts: divisions, named parts
   (建国路, 幸福小区, 下宅村, 方岩镇 — a name and a suffix from ``data/address``), numbered
   parts (88号, 5号楼, 1单元, 1201室, 五组), bare numbers after a part (…小区9-7-1453) and
   unsuffixed names between numbers (…88号SOHO现代城5号楼).
3. A chain is extended left over adjacent divisions (short forms such as 浙江 杭州 only count
   here, next to other parts) and accepted only with street-level evidence: a door or building
   number after a named part, a village with its county or town, a road or estate under a
   county… A city or district alone is never an address.
4. An accepted chain is extended over a short unit code right after it (…大厦7B107, …153号
   10-406, …华领国际B3), never over a phone number, price or date (``_address_tail``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..base import Document
from ..finding import Finding
from ..masking import mask
from . import _divisions
from ._address_clauses import BLANK, SEPARATORS, candidate_clauses, suffix_kinds
from ._address_start import chain_start
from ._address_tail import tail_end
from ._lexicon import alternation, name_char_class, stop_chars, words


@lru_cache(maxsize=1)
def _chain_pattern() -> regex.Pattern:
    units = [line.split("\t") for line in words("address/units.tsv")]
    name = f"[{name_char_class()}]"
    # 甲/乙/丙/丁 before a door number: a second door with the same number (复兴路甲1号).
    number = (r"(?:[甲乙丙丁]?[0-9]{1,6}[A-Za-z]?|[A-Za-z][0-9]{1,4}|[零〇一二三四五六七八九十百千两]{1,4})"
              r"(?:[-—~][0-9A-Za-z]{1,6}){0,3}")

    # 2号口, 3号线, A出口: a metro exit or line, not a door (but 88号口腔医院, 88号线下门店 are).
    not_a_door = r"(?!(?:出口|入口|线|口)(?![腔下]))"

    def numbered_with(strength: str) -> str:
        any_number = alternation(u for s, u, _ in units if s == strength)
        by_letter = alternation(u for s, u, letter in units if s == strength and letter == "yes")
        return rf"(?:{number}(?:{any_number})|[A-Za-z](?:{by_letter})){not_a_door}"

    strong, weak = numbered_with("strong"), numbered_with("weak")
    numbered = rf"(?P<strong>{strong})|(?P<weak>{weak})"
    # Roads numbered within a district (建设2路, 兴华北街10巷): a name of two or more, digits, a road.
    # National and provincial highways go by number alone (318国道, G104国道).
    numbered_road = rf"{name}{{2,6}}?[0-9]{{1,3}}(?:路|街|大道|大街|巷)|[GS]?[0-9]{{3}}(?:国道|省道)"
    suffixes = alternation(suffix_kinds())
    named = rf"(?P<named>{numbered_road}|{name}{{1,12}}?(?:{suffixes}){{1,3}})"
    division = rf"(?P<div>{BLANK}+)"
    element = rf"{division}|{numbered}|{named}"
    # A number without a unit (…小区9-7-1453, …村958): not a decimal, percentage or date.
    # Not a year range either (1999-2004).
    # Shop and stall codes may start with a letter (…汽车城D-1421, …石材市场2期c38).
    bare_number = (r"(?:(?!(?:19|20)[0-9]{2}-)[0-9]{1,5}[A-Za-z]?(?:-[0-9A-Za-z]{1,6}){1,3}|[0-9]{2,5}[A-Za-z]?"
                   r"|[A-Za-z]-?[0-9]{2,5}(?:-[0-9]{1,6}){0,2})")
    bare_end = rf"(?![-—~/:0-9A-Za-z.%‰]|[\p{{Han}}--[{regex.escape(stop_chars())}]])"
    bare = rf"(?P<bare>(?!0){bare_number}{bare_end})"
    # A door number written without 号 right after a road (汇丰路1760德宝五金, 清泰街583富春大厦):
    # a Han character may follow, unless it makes the number a quantity (路上100多人, 3个).
    roads = alternation(s for s, kind in suffix_kinds().items() if kind == "road")
    quantity = alternation(words("address/unit_code_stop_after.txt"))
    roadno = rf"(?P<roadno>(?<=(?:{roads}))(?!0)[0-9]{{1,5}}(?:-[0-9]{{1,5}})?(?![-—~/:0-9A-Za-z.%‰号]|{quantity}))"
    # A name without a suffix (a POI) is only taken right before a numbered part.
    # It never ends in a Latin letter glued to the code: the A of 碧桂花城A29-2980 is the code's.
    free = (rf"(?P<free>{name}{{2,12}}(?<![A-Za-z](?=[0-9]))(?=[{SEPARATORS}]?(?:{strong}|{weak}"
            rf"|(?!(?:19|20)[0-9]{{2}}-)[A-Za-z]?[0-9]{{1,5}}[A-Za-z]?-[0-9])))")
    # …and may start a chain only before a building number or a building-unit-room code
    # (星河国际7-5-1320, …基地A11幢): a name alone says nothing, nor does 号 (每月5号, 长江3号洪水).
    three_part = r"(?!(?:19|20)[0-9]{2}-)[0-9]{1,5}[A-Za-z]?(?:-[0-9A-Za-z]{1,6}){2,3}(?![-0-9A-Za-z])"
    building = r"(?:[A-Za-z]?[0-9]{1,4}[A-Za-z]?)(?:号楼|栋|幢|单元)"
    # A generic word alone (我们小区3号楼: which 小区?) names no place.
    generic = rf"(?:{suffixes})(?:{building}|{three_part})"
    # Glued to the code and ending in a Han character: product listings write "配件 3898-12-05".
    # (The first lookahead is a cheap guard: a digit within reach.)
    free_start = (rf"(?=\p{{Han}}[^0-9]{{0,11}}[A-Za-z]?[0-9])"
                  rf"(?P<free>(?!{generic}){name}{{1,11}}\p{{Han}}(?=(?:{building}|{three_part})))")
    crossing = rf"[与和及](?={name}{{1,12}}?(?:{roads})(?:{_CROSSING.pattern}))"   # …路与昌硕东路交叉口
    # A side of the road or building before its number (黄海大道西797号, …中心东侧1100), and
    # Cantonese 之 between a door and its sub-number (龙塘二路5号之5B栋).
    side = r"(?:[东西南北]侧?|(?<=号)之)(?=[0-9])"
    sep = f"(?:[{regex.escape(SEPARATORS)}]|{crossing}|{side})?"
    return regex.compile(rf"(?:{element}|{free_start})(?:{sep}(?:{element}|{roadno}|{bare}|{free})){{0,24}}",
                         regex.V1)


_NOT_ROADS = ("铁路", "公路局")


@dataclass
class Part:
    start: int
    end: int
    kind: str  # div, strong, weak, bare, free, road, crossing, village, town, residence, place, org, generic


def _named_kind(text: str) -> str:
    kinds = suffix_kinds()
    if text in kinds:
        return "generic"    # the word alone (公路, 大街): names no place
    if text.endswith(_NOT_ROADS):
        return "org"        # 中国铁路上海局…: a railway company, not a street
    for length in range(min(len(text), 7), 0, -1):
        kind = kinds.get(text[-length:])
        if kind:
            return kind
    return "place"


_CROSSING = regex.compile("交叉口|交叉路口|交汇处|交汇口|交界处|十字路口|路口|[东西][南北]角")


def _parts(match: regex.Match, work: str) -> list[Part]:
    parts = []
    for group in ("div", "strong", "weak", "bare", "roadno", "free", "named"):
        for start, end in match.spans(group):
            kind = _named_kind(work[start:end]) if group == "named" else group
            if group == "roadno":
                kind = "bare"
            elif kind == "road" and any(c in "与和及" for c in work[start - 1:start + 1]) \
                    and _CROSSING.match(work, end):
                kind = "crossing"    # …路与昌硕东路交叉口
            if group == "bare" and work.count("-", start, end) >= 2:
                kind = "bare3"  # 71-11-1105: building-unit-room
            parts.append(Part(start, end, kind))
    parts.sort(key=lambda p: p.start)
    return parts


class AddressRecognizer:
    name = "address"
    types = ("ADDRESS",)

    def analyze(self, doc: Document):
        norm = doc.norm
        text = norm.text
        clauses = candidate_clauses(text)   # every accepted chain lies in one of them
        divisions = [d for start, end in clauses for d in _divisions.find(text, start, end)]
        work = _blank_full_divisions(text, divisions)
        ends_at = {d.end: d for d in divisions}
        starts_at = {d.start: d for d in divisions}
        full = {d.start: d for d in divisions if not d.division.short}
        accepted: list[tuple[int, int, float, list[str]]] = []
        for match in _chains(work, clauses):
            parts = _parts(match, work)
            start, prefix = chain_start(parts, starts_at, ends_at, text)
            verdict = _judge(parts, *_divisions_of(match, prefix, full))
            if verdict is None:
                continue
            score, reasons = verdict
            end = tail_end(work, match.end(), len(work))
            if accepted and start < accepted[-1][1]:   # a chain inside the unit code taken before
                last = accepted.pop()
                start, end, score = last[0], max(end, last[1]), max(score, last[2])
                reasons = last[3] + [r for r in reasons if r not in last[3]]
            accepted.append((start, end, score, reasons))
        for start, end, score, reasons in accepted:
            o_start, o_end = norm.to_original(start, end)
            value = doc.text[o_start:o_end]
            yield Finding("ADDRESS", o_start, o_end, value, score, mask("ADDRESS", value), reasons)


def _divisions_of(match: regex.Match, prefix: list, full: dict) -> tuple[int, bool]:
    """How many division names are in and before the chain, and is one a district or county?
    Inside the chain only full names count: a short one may be part of a road (长安 in 长安街)."""
    inside = [full[pos] for pos in range(match.start(), match.end()) if pos in full]
    county = any(d.division.level == _divisions.COUNTY for d in prefix + inside)
    return len(prefix) + len(inside), county


def _chains(work: str, clauses):
    for start, end in clauses:
        # One character past the clause: a chain's lookaheads may look at the break character.
        yield from _chain_pattern().finditer(work, start, min(end + 1, len(work)))


def _blank_full_divisions(text: str, divisions) -> str:
    pieces, last = [], 0
    for d in divisions:
        if not d.division.short:
            pieces += [text[last:d.start], BLANK * (d.end - d.start)]
            last = d.end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


# Kinds of named part that hold people (or their doors) rather than merely name a place.
_LOCAL = {"road", "village", "residence", "place", "org", "town", "zone", "free"}


def _judge(parts: list[Part], n_divisions: int, county: bool = False):
    """(score, reasons) when the chain is street level or finer, else None.

    ``n_divisions`` counts the division names in and before the chain; ``county``: one of them
    is a district or county (a road under a city alone, 北京市长安街, is a landmark, not a door).
    """
    kinds = [p.kind for p in parts]
    local = {k for k in kinds if k in _LOCAL}
    reasons = ["行政区划"] if n_divisions else []
    house = _house_evidence(kinds)
    if house:
        return (0.9 if n_divisions or kinds.count("strong") > 1 else 0.85), reasons + [house]
    if local and "weak" in kinds and (n_divisions or "road" in local):  # …西湖银泰8楼, 车站大道人寿大厦10楼
        return 0.6, reasons + ["楼层"]
    if "village" in local and (n_divisions or "town" in local):
        return 0.6, reasons + ["村/社区"]
    if "town" in local and local & {"road", "residence", "place", "org", "zone"}:
        return 0.55, reasons + ["乡镇/街道"]
    if "crossing" in kinds and "road" in local:    # two named roads and where they cross
        return 0.55, reasons + ["道路交叉口"]
    if "road" in local and n_divisions >= 2:
        return 0.55, reasons + ["道路"]
    if "road" in local and (county or local & {"org", "place", "zone"}):   # 越城区上樊公路, 旗峰大道…公司
        return 0.5, reasons + ["道路"]
    if "residence" in local and n_divisions:
        return 0.55, reasons + ["小区"]
    if "town" in local and n_divisions >= 2:
        return 0.45, reasons + ["乡镇/街道"]
    return None


def _house_evidence(kinds: list[str]) -> str | None:
    """A door, building or room number that belongs to a named part before it, or a run of
    numbered parts that only a building has (3栋2单元501室, …4区71-11-1105)."""
    seen_named = False
    with_unit = 0
    for kind in kinds:
        if kind in ("strong", "bare", "bare3") and seen_named:
            return "门牌号"
        if kind in ("strong", "weak"):
            with_unit += 1
            if with_unit >= 2 and "strong" in kinds:
                return "楼栋/单元/室"
        elif kind not in ("div", "bare", "bare3"):
            seen_named = True
        if kind == "bare3" and (seen_named or with_unit):
            return "楼栋/单元/室"
    return None


RECOGNIZER = AddressRecognizer()
