"""People: a name the model proposes is a finding where the text ties it to a private person —
a role or relation right before it (房东, 同事, 他爸), a dossier's marks after it (，男, 他妈的电话,
X你给我…), or details of theirs close by — and it has a full name's shape."""

from __future__ import annotations

import re
from functools import lru_cache

from ..finding import Finding
from ..masking import mask
from ..recognizers._lexicon import words
from .clauses import COMMON_SURNAMES, DETAIL_REACH, LEADING_MARKS, ROLE_GAP, SCORE_NAME, Clause, word_list

def person(text: str, clause: Clause, span, neighbours: list[Finding]) -> Finding | None:
    """The name the model proposes in ``span`` as a finding, if it passes the gate."""
    candidate = name_candidate(clause, span, neighbours)
    if candidate is None:
        return None
    start, end, value = candidate
    reason = person_evidence(text, start, end, neighbours)
    if reason is None:
        return None
    return Finding("PERSON_NAME", start, end, value, SCORE_NAME, mask("PERSON_NAME", value),
                   ["模型: 人名", reason])

def name_candidate(clause: Clause, span, neighbours: list[Finding]) -> tuple[int, int, str] | None:
    """(start, end, value) of a proposed person span shaped like a full name, before any gate."""
    value = LEADING_MARKS.sub("", clause.text[span.start:span.end]).strip()
    value = _TRAILING_MARKS.sub("", value)      # 陈静😡/PER: the model keeps an emoji glued to the name
    if not value:
        return None
    start = clause.start + clause.text.index(value, span.start)
    end = start + len(value)
    double = clause.text[max(0, span.start - 2):span.start]
    if len(value) <= 2 and double in _surnames()[1]:      # 司徒/n 晓燕/PER: the model splits a compound surname
        value, start = double + value, start - 2
    if not _name_shaped(value) or _touches_address(neighbours, start, end):
        return None
    return start, end, value


_TRAILING_MARKS = re.compile(r"[^\u4e00-\u9fffA-Za-z·]+$")


def withheld_name(clause: Clause, span) -> tuple[int, int, str] | None:
    """(start, end, value) of a name withheld to its surname (马某, 王某某, 李某华): a person the
    text points at without naming them — never a finding of its own."""
    value = clause.text[span.start:span.end]
    single, double = _surnames()
    m = _WITHHELD.fullmatch(value)
    if m is None or not (m.group(1) in single or m.group(1) in double):
        return None
    return clause.start + span.start, clause.start + span.end, value

_WITHHELD = re.compile(r"([\u4e00-\u9fff]{1,2}?)某{1,2}[\u4e00-\u9fff]?")


def _touches_address(findings: list[Finding], start: int, end: int) -> bool:
    """A name right against an address is part of a place's name (…村后杨址, …路白荡海人家)."""
    return any(f.type == "ADDRESS" and (f.end == start or f.start == end) for f in findings)

_RESIDENT = re.compile(r"住|家|[他她]|地址|户籍")

def _lives_there(text: str, address: Finding) -> bool:
    """An address near a name is that person's only when the words say someone lives there: in a
    list of shop and village addresses, names of shops and villages sit next to addresses too."""
    return _RESIDENT.search(text, max(0, address.start - 12), address.start) is not None

def _name_shaped(value: str) -> bool:
    """A full name: a known surname, one or two more characters, nothing withheld (张某, 王**,
    张教练). A two-character name needs one of the common surnames: the model also tags food and
    pets (韩料) whose first character is a rare surname."""
    single, double = _surnames()
    value = _simplified(value)
    if not 2 <= len(value) <= 4 or value in _not_people() or value.endswith(word_list("titles")):
        return False
    if not all("\u4e00" <= ch <= "\u9fff" for ch in value) or "某" in value:
        return False
    if value[:2] in double:
        return len(value) >= 3
    if len(value) == 2 and value[0] not in _common_surnames():
        return False
    return (value[0] in single or (len(value) == 3 and value[0] in _rare_surnames())) and len(value) <= 3

@lru_cache(maxsize=1)
def _to_simplified():
    import opencc     # a runtime dependency already (cue words' traditional forms)

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _simplified(value: str) -> str:
    """區慧敏 → 区慧敏: surnames and word lists are written in simplified script."""
    if value.isascii():
        return value
    return _to_simplified().convert(value)


@lru_cache(maxsize=1)
def _common_surnames() -> frozenset:
    """The first COMMON_SURNAMES of surnames.txt (ordered by frequency)."""
    return frozenset(n for n in words("person/surnames.txt")[:COMMON_SURNAMES] if len(n) == 1)

@lru_cache(maxsize=1)
def _rare_surnames() -> frozenset:
    return frozenset(words("person/rare_surnames.txt"))


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset, frozenset]:
    names = words("person/surnames.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)

@lru_cache(maxsize=1)
def _not_people() -> frozenset:
    return frozenset(word_list("public_figures")) | frozenset(words("person/not_names.txt"))

# A title and a name quoted in the news (公司总经理X表示, 院长X称): the title is the office of a
# public spokesperson, not a role that ties a private person to the post.
_QUOTED = re.compile(r"(?:也|还|则|就此|对此|随后|当天|昨天|今天|近日)?(?:表示|指出|称|介绍|透露|强调|说道|认为|坦言|回应|告诉记者)")


def person_evidence(text: str, start: int, end: int, details: list[Finding]) -> str | None:
    before = text[max(0, start - 8):start]
    quoted = _QUOTED.match(text, end) is not None
    for word in (*word_list("person_roles"), *word_list("person_leads"), *word_list("jobs")):
        if word in before and ROLE_GAP.match(before[before.rfind(word) + len(word):]):
            if quoted and word in word_list("jobs"):
                continue          # a spokesperson's title: only their own details count below
            return f"线索词: {word}"
    after = text[end:end + 6]
    for word in word_list("person_after"):
        if after.startswith(word) or after.lstrip(" ：:，,").startswith(word.strip(" ，,")) and len(word.strip()) > 1:
            return "其后有个人信息标记"
    for f in details:
        if max(f.start - end, start - f.end) <= DETAIL_REACH and (f.type != "ADDRESS" or _lives_there(text, f)):
            return "旁有其他个人信息"
    return None
