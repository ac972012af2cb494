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
   The regex is tried only where a chain can start (``_address_anchors``: the same matches).
4. An accepted chain is extended over a short unit code right after it (…大厦7B107, …153号
   10-406, …华领国际B3), never over a phone number, price or date (``_address_tail``), and over
   the place's own name when it closes the clause (…街道锦绣天地, …宾馆前台; not 附近, 电联).

Classes that are not addresses (issues 19, 21): a shop's name alone (老街牛肉面馆), a government
body (…市委组织部, …公安局), ordinary words holding a suffix (家乡, 城乡: data/address/
not_place_words.txt), a title in 《》. A site in a district is one (萧山区…工业园区).
Traditional script reads as simplified (``_address_script``: 臺北市…東湖花園5號樓).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..base import Document
from ..cues import variants
from ..finding import Finding
from . import _address_anchors, _divisions
from ._address_script import fold_spans, for_clauses
from ._address_clauses import BLANK, SEPARATORS, candidate_clauses, suffix_kinds
from ._address_start import chain_start
from ._address_tail import tail_end
from ._lexicon import alternation, name_char_class, pairs, stop_chars, words


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
    # Never a code's label (取件码8-3-2017, 口令6-2-1103: address/code_labels.txt).
    code_label = alternation(words("address/code_labels.txt"))
    # A name without a suffix (a POI) is only taken right before a numbered part.
    # It never ends in a Latin letter glued to the code: the A of 碧桂花城A29-2980 is the code's.
    free = (rf"(?P<free>{name}{{2,12}}(?<![A-Za-z](?=[0-9]))(?<!{code_label})(?=[{SEPARATORS}]?(?:{strong}|{weak}"
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
                  rf"(?P<free>(?!{generic}){name}{{1,11}}\p{{Han}}(?<!{code_label})(?=(?:{building}|{three_part})))")
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
    kind: str  # div, strong, weak, bare, free, road, crossing, village, town, residence, place, school, shop,
    #            org, dept, poi (a place's name closing the clause), generic
    named: int = 0  # characters of a named part before its suffix (江口 of 江口街道)


def _named_kind(text: str) -> tuple[str, int]:
    """(kind, length of the name before the suffix) of a named part."""
    kinds = suffix_kinds()
    if text in kinds:          # the word alone (公路, 大街) names no place; a body (人民政府) is one
        return ("dept" if kinds[text] == "dept" else "generic"), 0
    if text.endswith(_NOT_ROADS):
        return "org", 0        # 中国铁路上海局…: a railway company, not a street
    for length in range(min(len(text), 7), 0, -1):
        kind = kinds.get(text[-length:])
        if kind:
            return kind, len(text) - length
    return "place", len(text)


_CROSSING = regex.compile("交叉口|交叉路口|交汇处|交汇口|交界处|十字路口|路口|[东西][南北]角")


@lru_cache(maxsize=1)
def _not_place_words() -> tuple[frozenset[str], tuple[int, ...]]:
    found = frozenset(variants(words("address/not_place_words.txt")))   # and 網路, 廁所…
    return found, tuple(sorted({len(w) for w in found}))


def _word_across(work: str, end: int) -> int | None:
    """Where an ordinary word starts that holds the last character of a named part ending at
    ``end`` (家乡, 城乡; the 组 of 组织部), or None."""
    found, lengths = _not_place_words()
    for length in lengths:
        for back in range(1, length + 1):   # the word covers the part's last character
            if work[end - back:end - back + length] in found:
                return end - back
    return None


def _named_part(work: str, start: int, end: int) -> tuple[str, int]:
    """(kind, name length) of a named part; a part that ends inside an ordinary word takes the
    kind of what comes before the word (千岛湖镇|乡村 is a town), or names no place (家乡)."""
    word = _word_across(work, end)
    if word is None:
        return _named_kind(work[start:end])
    before = work[start:word]
    if before and before[-1] in _suffix_last_chars() and _named_kind(before)[0] not in ("place", "generic"):
        return _named_kind(before)
    return "generic", 0


@lru_cache(maxsize=1)
def _suffix_last_chars() -> frozenset[str]:
    return frozenset(s[-1] for s in suffix_kinds())


def _parts(match: regex.Match, work: str) -> list[Part]:
    parts = []
    for group in ("div", "strong", "weak", "bare", "roadno", "free", "named"):
        for start, end in match.spans(group):
            kind, named = _named_part(work, start, end) if group == "named" else (group, 0)
            if group == "roadno":
                kind = "bare"
            elif kind == "road" and any(c in "与和及" for c in work[start - 1:start + 1]) \
                    and _CROSSING.match(work, end):
                kind = "crossing"    # …路与昌硕东路交叉口
            if group == "bare" and work.count("-", start, end) >= 2:
                kind = "bare3"  # 71-11-1105: building-unit-room
            parts.append(Part(start, end, kind, named))
    parts.sort(key=lambda p: p.start)
    return parts


class AddressRecognizer:
    name = "address"
    types = ("ADDRESS",)

    def analyze(self, doc: Document):
        norm = doc.norm
        text = for_clauses(norm.text)    # 東湖花園5號樓 reads as 东湖花园5号楼 (same offsets)
        clauses = candidate_clauses(text)   # every accepted chain lies in one of them
        text = fold_spans(text, clauses)    # 臺北市 in a simplified text
        divisions = [d for start, end in clauses for d in _divisions.find(text, start, end)]
        work = _blank_full_divisions(text, divisions)
        ends_at = {d.end: d for d in divisions}
        starts_at = {d.start: d for d in divisions}
        full = {d.start: d for d in divisions if not d.division.short}
        accepted: list[tuple[int, int, float, list[str]]] = []
        for match, clause in _chains(work, clauses):
            parts = _parts(match, work)
            start, prefix = chain_start(parts, starts_at, ends_at, text)
            parts, named_end = _chain_end(parts, match.end(), work, _after_preposition(text, start), clause[1])
            verdict = _judge(parts, *_divisions_of(match, prefix, full, _leading_run(text, start, match.end(), starts_at)))
            if verdict is None or _a_title(text, clause):
                continue
            score, reasons = verdict
            end = _closing_end(work, named_end, clause[1], parts[-1].kind)
            if accepted and start < accepted[-1][1]:   # a chain inside the unit code taken before
                last = accepted.pop()
                start, end, score = last[0], max(end, last[1]), max(score, last[2])
                reasons = last[3] + [r for r in reasons if r not in last[3]]
            accepted.append((start, end, score, reasons))
        for start, end, score, reasons in accepted:
            o_start, o_end = norm.to_original(start, end)
            value = doc.text[o_start:o_end]
            yield Finding("ADDRESS", o_start, o_end, value, score, None, reasons)   # masked when read


def _chain_end(parts: list[Part], end: int, work: str, after_preposition: bool, clause_end: int):
    """(parts, end) of a chain over its unit code and the place's own name, or cut back to the
    last number when an occupant follows a floor or room (…18楼|晨光教育)."""
    occupant = _occupant_start(parts, work)
    if occupant is not None:
        parts = [p for p in parts if p.end <= occupant]
        return parts, tail_end(work, occupant, len(work)) if occupant == end else occupant
    end = tail_end(work, end, len(work))
    if after_preposition or not _ends_in_a_place(parts):
        return parts, end
    named_end = _place_name_end(work, end, clause_end)
    if named_end > end:   # the place's own name closes the chain (…街道锦绣天地)
        parts = parts + [Part(end, named_end, "poi")]
    return parts, named_end


def _divisions_of(match: regex.Match, prefix: list, full: dict, run: list = ()) -> tuple[int, bool]:
    """How many division names are in and before the chain, and is one a district or county?
    Inside the chain only full names count: a short one may be part of a road (长安 in 长安街),
    unless it is in the run of divisions that starts the address (``_leading_run``)."""
    inside = [full[pos] for pos in range(match.start(), match.end()) if pos in full]
    found = {(d.start, d.end): d for d in [*prefix, *inside, *run]}
    county = any(d.division.level == _divisions.COUNTY for d in found.values())
    return len(found), county


def _leading_run(text: str, start: int, end: int, starts_at: dict) -> list:
    """The divisions that follow one another from the address's start, from a province or
    prefecture down (深圳龙岗…, 浙江省宁波市宁海…): short forms count there, next to each
    other. A short form alone, one that names a street with the suffix after it (北京|长安街),
    or a county first is no such run."""
    run, pos = [], start
    while pos < end:
        d = starts_at.get(pos)
        if d is None or d.end > end or (d.division.short and _suffix_at(text, d.end)):
            break
        run.append(d)
        pos = d.end
    if len(run) < 2 or run[0].division.level == _divisions.COUNTY:
        return []
    return run


def _chains(work: str, clauses):
    """(match, its clause) of every chain."""
    for start, end in clauses:
        # One character past the clause: a chain's lookaheads may look at the break character.
        # Tried only where a chain can start (_address_anchors): the same matches as finditer.
        for match in _address_anchors.chains(_chain_pattern(), work, start, end, min(end + 1, len(work))):
            yield match, (start, end)


MAX_PLACE_NAME = 8


@lru_cache(maxsize=1)
def _place_name_pattern() -> regex.Pattern:
    return regex.compile(rf"[{name_char_class()}]{{2,{MAX_PLACE_NAME}}}", regex.V1)


def _place_name_end(work: str, end: int, clause_end: int) -> int:
    """An address often ends in the name of the place itself, with no suffix we know (…东洲街道
    万科公望, …村文化礼堂, …宾馆总台): a short name that runs to the end of the clause (or
    to a closing note, …书院门口电联) is taken in, unless it says where from the place (附近,
    对面) or how to reach it (电联) or what happens there (上班)."""
    # A note that closes the clause: looked for in its last characters only (notes are short).
    note = _closing_note_at_end().search(work, max(end + 1, clause_end - MAX_NOTE), clause_end)
    name_end = note.start() if note else clause_end
    start = end + 1 if end < name_end and work[end] == "_" else end   # 星星港湾_琴海居: a form's separator
    if not 2 <= name_end - start <= MAX_PLACE_NAME or not _place_name_pattern().fullmatch(work, start, name_end):
        return end
    rest = work[start:name_end]
    if any(rest.endswith(w) for w in words("address/not_place_tails.txt")):
        return end
    return name_end


@lru_cache(maxsize=1)
def _closing_note() -> regex.Pattern:
    """A closing note (data/address/closing_notes.txt): where at the place, then a call note;
    only the first is taken into the address."""
    notes = {"where": [], "call": []}
    for kind, word in pairs("address/closing_notes.txt"):
        notes[kind].append(word)
    return regex.compile(rf"(?P<where>{alternation(notes['where'])})(?:{alternation(notes['call'])})?"
                         rf"|(?:{alternation(notes['call'])})")


MAX_NOTE = 12


@lru_cache(maxsize=1)
def _closing_note_at_end() -> regex.Pattern:
    return regex.compile(f"(?:{_closing_note().pattern})$")


def _closing_end(work: str, end: int, clause_end: int, last_kind: str) -> int:
    """Over a note that closes the clause right after the address (…汽车站对面, …号门口电联),
    and over where two roads meet (…路与解放路交叉口, then perhaps the place there): part of the
    address line as written, though never evidence that it is one."""
    if last_kind in ("road", "crossing"):
        crossing = _CROSSING.match(work, end, clause_end) or _ROAD_MOUTH.match(work, end, clause_end)
        if crossing:
            end = _place_name_end(work, crossing.end(), clause_end)
    note = _closing_note().match(work, end, clause_end)
    if note and note.end() == clause_end:
        # where at the place belongs to the address; a call note (电联) is an instruction to
        # the courier, no part of the place, and stays outside
        return note.end("where") if note.group("where") else end
    distance = _DISTANCE.match(work, end, clause_end)
    return clause_end if distance and distance.end() == clause_end else end


_ROAD_MOUTH = regex.compile("(?<=[路街])口")     # 兴达路口: where the road meets another
# How far from the place, and which way (…超市南100米, …交叉口西北侧150米, …号向东300米).
_DISTANCE = regex.compile(r"[向往朝]?(?:[东西南北]{1,2}|[左右])侧?(?:方向)?[0-9]{1,4}(?:米|公里)")


# Units of a floor or a room: what follows the last number after one is a business or a
# department inside the building (…大厦18楼|晨光教育, …1071室|…科技有限公司), not a place.
_INSIDE_UNITS = ("层", "室", "房", "铺", "户", "F", "f")
_BUILDING_FLOORS = ("号楼", "栋楼", "幢楼")
_NUMBERS = ("strong", "weak", "bare", "bare3")


def _occupant_start(parts: list[Part], work: str) -> int | None:
    """Where an occupant's name starts after the last number, when a floor or room came before."""
    last_number = None
    inside = False
    for i, part in enumerate(parts):
        if part.kind in _NUMBERS:
            last_number = i
            inside = inside or _inside_number(parts, i, work)
        elif _NAMED_FLOOR.search(work, part.start, part.end):   # 银泰百货六楼: a floor in words
            last_number, inside = i, True
    return parts[last_number].end if inside else None


# A floor written in numerals at the end of a named part (…百货六楼, …负三楼, …地下一层).
_NAMED_FLOOR = regex.compile("(?:[负地下]|地下)?[一二三四五六七八九十]{1,3}[楼层]$")


def _inside_number(parts: list[Part], i: int, work: str) -> bool:
    """Is the numbered part ``parts[i]`` a floor or a room (18楼, 1071室, 7-5-1320)? A number
    of a building (5号楼) is not."""
    part = parts[i]
    unit = work[part.start:part.end]
    return part.kind == "bare3" or unit.endswith(_INSIDE_UNITS) or \
        (unit.endswith("楼") and not unit.endswith(_BUILDING_FLOORS))


def _ends_in_a_place(parts: list[Part]) -> bool:
    """The chain ends in a part a place's own name can follow: a number, a road, an estate, a
    village, a building… (not a government body: …人民政府签署 is what it did)."""
    return parts[-1].kind in ("strong", "weak", "bare", "bare3", "road", "town", "village", "residence", "place",
                              "school", "shop", "zone")


def _after_preposition(text: str, start: int) -> bool:
    """在/于 right before the address: what ends the clause is what happens there (在…附中教书)."""
    return start > 0 and text[start - 1] in "在于"


def _a_title(text: str, clause: tuple[int, int]) -> bool:
    """The whole clause is a title in 《》 (a book, film or song named after a place)."""
    start, end = clause
    return start > 0 and text[start - 1] == "《" and end < len(text) and text[end] == "》"


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
_LOCAL = {"road", "village", "residence", "place", "school", "shop", "org", "dept", "town", "zone", "free"}


def _judge(parts: list[Part], n_divisions: int, county: bool = False):
    """(score, reasons) when the chain is street level or finer, else None.

    ``n_divisions`` counts the division names in and before the chain; ``county``: one of them
    is a district or county (a road under a city alone, 北京市长安街, is a landmark, not a door).
    """
    kinds = [p.kind for p in parts]
    local = {k for k in kinds if k in _LOCAL}
    site = local & {"place", "zone"}   # a building, square or industrial zone (not a shop or school)
    if "school" in local:
        local.add("place")
    if "shop" in local and (n_divisions or any(p.kind == "town" and p.named >= 2 for p in parts)):
        # A shop under a division or a named town says where it is (绍兴市平江路…理发店,
        # 江口街道…超市); under 古镇 or 老街 alone it is the shop's own name.
        local.add("place")
    reasons = ["行政区划"] if n_divisions else []
    house = _house_evidence(kinds)
    if house:
        return (0.9 if n_divisions or kinds.count("strong") > 1 else 0.85), reasons + [house]
    if _last_named(kinds) == "dept" and "road" not in local:
        return None          # …市委组织部, …城乡建设部: a government body's name
    if local and "weak" in kinds and (n_divisions or "road" in local):  # …西湖银泰8楼, 车站大道人寿大厦10楼
        return 0.6, reasons + ["楼层"]
    if "village" in local and (n_divisions or "town" in local):
        return 0.6, reasons + ["村/社区"]
    # A shop's name alone (老街牛肉面馆, 古镇火锅店) does not place a road or town: a number,
    # an estate or a division must (see "shop" above).
    if "town" in local and (local & {"road", "residence", "place", "org", "zone"} or "poi" in kinds):
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
    if site and county and kinds[-1] in site:   # 鄞州区万达广场, 萧山区…工业园区: a site in a district
        return 0.45, reasons + ["园区/地标"]
    if "zone" in local and county and _last_named(kinds) in ("org", "shop", "poi"):
        return 0.45, reasons + ["园区/地标"]    # 萧山区…工业园区|…机械厂: a business in a zone in a district
    return None


def _suffix_at(text: str, pos: int) -> bool:
    kinds = suffix_kinds()
    return any(text[pos:pos + n] in kinds for n in range(1, 8))


def _last_named(kinds: list[str]) -> str | None:
    return next((k for k in reversed(kinds) if k not in ("div", "strong", "weak", "bare", "bare3")), None)


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
        elif kind not in ("div", "bare", "bare3", "generic"):     # (开局3-0-7: a score after a word)
            seen_named = True
        if kind == "bare3" and (seen_named or with_unit):
            return "楼栋/单元/室"
    return None


RECOGNIZER = AddressRecognizer()
