"""People: a name the model proposes is a finding where the text ties it to a private person —
a role or relation right before it (房东, 同事, 他爸), a dossier's marks after it (，男, 他妈的电话,
X你给我…), or details of theirs close by — and it has a full name's shape."""

from __future__ import annotations

import re
from functools import lru_cache

from ..finding import Finding
from ..masking import mask
from ..recognizers._lexicon import LiteralIndex, words
from .clauses import COMMON_SURNAMES, DETAIL_REACH, LEADING_MARKS, ROLE_GAP, SCORE_NAME, Clause, word_list
from .organisations import brand_index

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

def initialled_names(text: str, clause: Clause, neighbours: list[Finding]) -> list[Finding]:
    """Names written as a surname and the given name's pinyin initials (王zh, 刘yt), which the
    model never tags: behind the same gate as its names."""
    out = []
    for m in _INITIALLED.finditer(clause.text):
        value = m.group()
        if value[0] not in _common_surnames() or value[1:] in _NOT_INITIALS:
            continue
        start = clause.start + m.start()
        end = start + len(value)
        reason = person_evidence(text, start, end, neighbours)
        if reason is not None:
            out.append(Finding("PERSON_NAME", start, end, value, SCORE_NAME, mask("PERSON_NAME", value),
                               ["姓氏+拼音首字母", reason]))
    return out

# a surname, then two or three lower-case initials and no more letters (王zh, 刘yt; not 王者荣耀)
_INITIALLED = re.compile(r"[\u4e00-\u9fff][a-z]{2,3}(?![A-Za-z0-9])")
# letters after a surname character that are words of their own (马sir, 张ok, 李hr)
_NOT_INITIALS = frozenset({"sir", "ok", "hr", "up", "ceo", "cto", "app", "pdf", "ppt", "vip", "kol", "bgm", "cp",
                           "dd", "hh", "hhh", "www", "ps", "pk", "qq", "vx", "wx", "tg", "kh", "rr", "sb", "nb", "yyds"})


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
    if not _name_shaped(value) or _touches_address(neighbours, start, end) or _masked_piece(clause, start, end) \
            or _inside_a_brand(clause, start, end):
        return None
    return start, end, value


_TRAILING_MARKS = re.compile(r"[^\u4e00-\u9fffA-Za-z·]+$")


def mended(text: str, spans: list) -> list:
    """The model's words with the names it cut wrong mended: a rare surname tagged alone
    (单/PER 思彤/PER), a surname glued to the verb before it (叫查/v 婉婷/PER), the pronoun after a
    name glued to it (X你/PER 给/p 我), and a full name right after a role that it read as another
    word (房东/n 左德芳/f ，): a role word says a name follows."""
    from ..ner_model import Span

    single = _surnames()[0]
    out = list(spans)
    k = 0
    while k < len(out):
        sp, nxt = out[k], out[k + 1] if k + 1 < len(out) else None
        word = text[sp.start:sp.end]
        if sp.tag == "PER" and len(word) >= 3 and word[-1] in _PRONOUNS:
            out[k:k + 1] = [Span(sp.start, sp.end - 1, "PER"), Span(sp.end - 1, sp.end, "r")]
            k += 2
            continue
        if nxt is not None and nxt.start == sp.end and nxt.tag == "PER" and nxt.end - nxt.start <= 2:
            if sp.tag == "PER" and word in single:
                out[k:k + 2] = [Span(sp.start, nxt.end, "PER")]
                continue
            if sp.tag == "v" and len(word) == 2 and word[0] in _CALLING and word[1] in single:
                out[k:k + 2] = [Span(sp.start, sp.start + 1, "v"), Span(sp.start + 1, nxt.end, "PER")]
                continue
        if sp.tag != "PER" and k > 0 and out[k - 1].end == sp.start and len(word) == 3 \
                and word[0] in _common_surnames() and _ROLE_NAME_END.match(text, sp.end) \
                and text[out[k - 1].start:out[k - 1].end] in _roles() and _name_shaped(word):
            out[k] = Span(sp.start, sp.end, "PER")
        k += 1
    return out

_CALLING = "叫是"
_PRONOUNS = "你他她"
_ROLE_NAME_END = re.compile(r"[\s，,。！!？?；;：:、（(]|$")


@lru_cache(maxsize=1)
def _roles() -> frozenset:
    return frozenset(word_list("person_roles")) | frozenset(word_list("jobs"))


def _inside_a_brand(clause: Clause, start: int, end: int) -> bool:
    """高伟(绅), 金杜: the model reads a firm's name (``brands.txt``) as a person's."""
    at, stop = start - clause.start, end - clause.start
    return any(s <= at and stop <= s + len(w) for s, w in brand_index().finditer(clause.text))


def _masked_piece(clause: Clause, start: int, end: int) -> bool:
    """What is left of a masked name (*文静, 李*华's 华): a value already masked is no finding."""
    at, stop = start - clause.start, end - clause.start
    before = clause.text[at - 1:at] if at > 0 else ""
    return before in _MASKS or clause.text[stop:stop + 1] in _MASKS

_MASKS = ("*", "＊", "×", "✱")


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


# A character of a story, a film or a game (X这个角色, 饰演X): a name nobody bears.
_CHARACTER_AFTER = re.compile(r"[\s，,]?(?:这个|这|一个|的)?(?:角色|人物|一角|演技|表演|台词)")
_CHARACTER_BEFORE = re.compile(r"(?:饰演|扮演|演的|饰|角色|人物|主角|配角|反派|读到|书里|小说里|剧里|片里|电影里|漫画里|游戏里)[\s:：“\"「]*$")


def person_evidence(text: str, start: int, end: int, details: list[Finding]) -> str | None:
    before = text[max(0, start - 8):start]
    if _CHARACTER_AFTER.match(text, end) or _CHARACTER_BEFORE.search(before):
        return None
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
    relation = _relation_after().match(text, end)
    if relation:
        return f"线索词: {relation.group(1)}"     # X是我们部门的同事: the relation said after the name
    if _addressed(text, start, end):
        return "称呼对方: 你"
    aimed = _aimed_word(text, start, end)
    if aimed is not None:
        return f"辱骂或威胁: {aimed}"
    return None


# A name said to its bearer: it opens the sentence (or follows @, or a particle that ends the
# words before: …啊X，) and "you" follows within a few words of the same sentence (X你听着,
# X，我知道你…, X！你…). A private person, addressed in a post about them.
_ADDRESS_BEFORE = re.compile(r"(?:^|[\n。！!？?，,；;：:\s@~～…]|[啊呀哦吧呢])$")
_YOU_AFTER = re.compile(r"[\s，,！!~～…。]{0,3}[^\n。！!？?；;]{0,10}?你")
_SENTENCE_END = re.compile(r"[\n。！!？?；;]")
AIMED_BEFORE, AIMED_AFTER = 12, 24       # how far an insult or a threat reaches its person


def _addressed(text: str, start: int, end: int) -> bool:
    return _ADDRESS_BEFORE.search(text[max(0, start - 1):start]) is not None \
        and _YOU_AFTER.match(text, end) is not None


def _aimed_word(text: str, start: int, end: int) -> str | None:
    """An insult or a threat (``person_aimed.txt``) in the name's sentence, close to it."""
    lo, hi = max(0, start - AIMED_BEFORE), min(len(text), end + AIMED_AFTER)
    breaks = [m.start() for m in _SENTENCE_END.finditer(text, lo, hi)]
    lo = max([b + 1 for b in breaks if b < start], default=lo)
    hi = min([b for b in breaks if b >= end], default=hi)
    for at, word in _aimed_index().finditer(_simplified(text[lo:hi])):
        if not (lo + at < end and start < lo + at + len(word)):
            return word
    return None


@lru_cache(maxsize=1)
def _relation_after() -> re.Pattern:
    """X是我(们)…的同事/朋友/邻居: a relation or role of the poster's, a few words after 是我."""
    roles = sorted({*word_list("person_roles"), "朋友", "闺蜜", "发小", "兄弟", "姐妹"}, key=len, reverse=True)
    return re.compile(r"[\s，,]?(?:就|其实|原来)?是我(?:们)?[^，,。！!？?\n]{0,7}?(" + "|".join(map(re.escape, roles)) + ")")


@lru_cache(maxsize=1)
def _aimed_index() -> LiteralIndex:
    return LiteralIndex(word_list("person_aimed"))
