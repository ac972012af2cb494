"""Organisations: a workplace or school the model proposes (or the shop and branch names it leaves
in pieces) is a finding where the words around it make it someone's — a work or study cue
(在X上班, X大三, 单位：X), a job after it (X的老师), 他是X的, a name right by it, or a list of
someone's details — and that someone is close by.

People often describe an employer instead of naming it: by its place (杭州滨江区那家外包公司,
光谷软件园E3栋那家做手游的公司, an address the address rules found + 的动画公司), with the department
between it and the work (X医院心内科坐诊) or closing the clause (她在X局征收科，电话…), as a shop
with its mall and floor (大悦城二楼迪奥专柜), or as a factory the address rules took whole (X镇X厂的
主管, 他开的厂叫X, 老板X，X镇X厂，电话…). Those are read here too, after a clear cue; a gig app
before its rider (美团骑手) is not an employer, where someone lives (住在X的一家宾馆) is not where
they work, one thing done in a shop (在X做了个美甲) is no job there, and a parcel's label names
where it goes."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from ..finding import Finding
from ..masking import mask
from ..recognizers._lexicon import LiteralIndex, words
from ..recognizers._orgname import is_named_organisation
from .clauses import DETAIL_REACH, LEADING_MARKS, LIST_REACH, LONG_REACH, ROLE_GAP, SCORE_ORG, Clause, word_list

def organisations(text: str, clause: Clause, spans, evidence: list[Finding], names: list[Finding],
                  proposed: list[Finding] = ()):
    """Workplaces and schools in ``clause``. ``names``: names found; ``proposed``: full names the
    model proposes that no gate has passed yet — they count only beside a clear work or study
    cue (庞某某 在X上班), never for a list (实控人陈某、科华投资 in financial news)."""
    for verdict in org_verdicts(text, clause, spans, evidence, names, proposed):
        if verdict.finding is not None:
            yield verdict.finding


# the reason on a proposed name withheld to its surname (马某): a person, never a finding
WITHHELD = "姓名隐去"
# the cue of an organisation in a list of someone's details (姓名｜…｜X｜电话…)
LISTED = "个人信息罗列"


@dataclass
class OrgVerdict:
    """One organisation the model (or a shop rule) proposes, and what the gate made of it: the
    finding when it passed, else the reading it got (for the learned gate, ``span_model``)."""
    value: str
    start: int
    end: int
    kind: str                 # by its ending: SCHOOL or WORKPLACE
    read: tuple | None        # (kind, cue, reach) from the words around it
    about: bool               # a person is close enough for that reading
    finding: Finding | None
    loose: bool = False       # from a run of words ending like an organisation, not the model's ORG
    described: bool = False   # a place + a description (杭州滨江区的一家外包公司), not a name



def gig_platform(text: str, start: int, end: int) -> bool:
    """美团骑手, 滴滴司机, 开滴滴的: X is the app the rider or driver takes orders through."""
    if text[start:end] not in word_list("gig_platforms"):
        return False
    if text[max(0, start - 1):start] in _GIG_VERBS:
        return True           # 开滴滴, 跑美团, 送饿了么: driving or riding for the app
    job = _job_after(text[end:end + 12], direct=False)
    return job is not None and job in word_list("gig_roles")


_GIG_VERBS = ("开", "跑", "送")


def place_of_an_act(text: str, start: int, end: int) -> bool:
    """在X急诊打护士, 在X门口吵架: X is where something happened, not where someone works or
    studies — 在 before it and an act after it (its department and 那边 skipped), no work verb."""
    if not text[max(0, start - 3):start].rstrip().endswith(_AT):
        return False
    after = text[end:end + 12]
    after = after[_department_length(text, end):].lstrip()
    after = _SIDE.sub("", after, count=1)
    return bool(after) and after[0] not in _WORK_VERB_STARTS and not _LEFT.match(after[:2]) \
        and "\u4e00" <= after[0] <= "\u9fff" and after[0] not in "的里"


def org_verdicts(text: str, clause: Clause, spans, evidence: list[Finding], names: list[Finding],
                 proposed: list[Finding] = ()):
    """Every candidate of ``clause`` with the gate's verdict (see :func:`organisations`); then the
    looser runs of :func:`_run_candidates`, for the learned gate alone (never a rule finding)."""
    seen = set()
    for verdict in _rule_verdicts(text, clause, spans, evidence, names, proposed):
        seen.add((verdict.start, verdict.end))
        yield verdict
    for verdict in _located_verdicts(text, clause, spans, evidence, names, proposed):
        seen.add((verdict.start, verdict.end))
        yield verdict
    for value, start in _run_candidates(clause, spans):
        end = start + len(value)
        if (start, end) in seen:
            continue
        kind = _kind_of(value)
        read = _org_reading(text, start, end, kind, names, proposed)
        about = read is not None and _about_a_person(text, start, end, evidence, [*names, *proposed], read[2])
        yield OrgVerdict(value, start, end, kind, read, about, None, loose=True)


def _rule_verdicts(text, clause, spans, evidence, names, proposed):
    for value, start in _org_candidates(clause, spans):
        end = start + len(value)
        kind = _kind_of(value)
        # 某科大, 某券商: the name withheld — a kind of organisation, not one
        read = None if text[start - 1:start] == "某" else _org_reading(text, start, end, kind, names, proposed)
        if read is None:
            yield OrgVerdict(value, start, end, kind, None, False, None)
            continue
        kind, cue, reach = read
        if kind == "SCHOOL" and cue in (*_BARE_CUES, "是…的", "人名", LISTED) and _teacher_named_before(text, start, names):
            kind = "WORKPLACE"      # 我们班主任X，Y中学的: the teacher's school is where she works
        # a name withheld to its surname (马某) counts only beside the job it holds there: news
        # names 赵某 and a company in one breath without making it anyone's workplace
        people = [*names, *(p for p in proposed if WITHHELD not in p.reasons or cue in word_list("jobs"))] \
            if reach == LONG_REACH else names
        shortest = 2 if reach == LONG_REACH else 4      # 川大, 北邮, 链家 only with a clear cue
        # a year of study (X研二, X大三的) already says a student is meant
        # where a clause only says someone is at X (在X，), a pronoun is not enough: 她在协和医院，
        # 医生说… is a patient; a name or a detail of the person must be close
        pronoun = cue not in _BARE_CUES and cue != LISTED      # (a list is about details, not 他 or 娃)
        # a year of study or starting a job there (下周去X报到) says someone is meant, if only the poster
        about = bool(_GRADE.fullmatch(cue)) or cue.startswith(_JOINING_CUES) or \
            _about_a_person(text, start, end, evidence, people, reach, pronoun) or _poster_implied(text, start, end, cue)
        if len(value) < shortest or not about:
            yield OrgVerdict(value, start, end, kind, read, about, None)
            continue
        yield OrgVerdict(value, start, end, kind, read, about,
                         Finding(kind, start, end, value, SCORE_ORG, mask(kind, value), ["模型: 机构名", f"线索词: {cue}"]))

# "一家叫星澜互动的游戏公司": the name of a small company, which the model rarely knows.
_CALLED = re.compile(r"(?:一家|一个)叫(?:做)?([\u4e00-\u9fffA-Za-z0-9]{2,10}?)的[\u4e00-\u9fff]{0,6}?"
                     r"(?:公司|工作室|店|机构|医院|诊所|学校|工厂|厂|会所|中心)")

def _org_candidates(clause: Clause, spans):
    """(value, start in text) of each ORG span, of shop/branch names the model leaves in pieces
    (LOC + nouns + a shop ending, with a branch in brackets after it), and of "一家叫X的…公司"."""
    text = clause.text
    for m in _CALLED.finditer(text):
        yield m.group(1), clause.start + m.start(1)
    yield from _quoted(clause)
    yield from _bracketed_branches(clause)
    yield from _brands(clause, spans)
    spans = [_as_word(text, sp) for sp in spans]
    i = 0
    while i < len(spans):
        span = spans[i]
        numbered = _numbered_school(text, spans, i)
        if numbered is not None:
            # 二十五/m 中/f, 市/n 第十二/m 中学/n: a numbered school the model reads as a number
            begin, i = numbered
            yield text[begin:spans[i].end], clause.start + begin
            i += 1
            continue
        if span.tag == "ORG" or (span.tag in ("LOC", "s") and (has_suffix(text[span.start:span.end])
                                                         or _with_kind_words(text, spans, i)[0] > i)):
            mall = _mall_before(text, spans, i)
            first = i
            # a place the model reads as an organisation of its own, right before the employer
            # (銅鑼灣/ORG 恒生銀行/ORG): one organisation, where it is
            while i + 1 < len(spans) and spans[i + 1].tag == "ORG" and spans[i + 1].start == spans[i].end \
                    and not has_suffix(text[spans[i].start:spans[i].end]):
                i += 1
            last, end = _with_unit(text, spans, i)
            if last == i:
                last, end = _with_kind_words(text, spans, i)
            i = last
            span = spans[first]
            end = _with_branch(text, end)
            begin = span.start + len(LEADING_MARKS.match(text[span.start:end]).group()) if mall is None else mall
            end = begin + len(_without_grade(text[begin:end]))
            hiring = _HIRING_INSIDE.search(text, begin + 2, end)
            end = hiring.start() if hiring else end      # 育才教育诚聘/ORG 小学/n: the ad's verb ends the name
            if end - begin >= 3 and text[end - 1] in _GLUED_VERBS and has_suffix(text[begin:end - 1]):
                end -= 1          # X市第一中学教/ORG 高中/n 语文: the verb after it is the teacher's
            value = _without_department(text[begin:end])
            if is_named_organisation(value) and value not in _people_words():      # (保育员/ORG: a job)
                yield value, clause.start + begin
            i += 1
            continue
        j = _branch_end(text, spans, i)
        if j is None:
            j = _shop_end(text, spans, i)
        if j is not None:
            end = _with_branch(text, spans[j].end)
            value = text[span.start:end]
            if 3 <= len(value) <= 24 and is_named_organisation(value):
                yield value, clause.start + span.start
            i = j + 1
            continue
        i += 1

def _bracketed_branches(clause: Clause):
    """A shop or a chain with its branch in brackets (超猛健身（坂田天虹店）): the words right before
    the brackets, back to a mark or a linking word, are its name, whatever the model made of them."""
    text = clause.text
    for m in _BRANCH.finditer(text):
        if not m.group().lstrip().startswith(("（", "(")):
            continue
        begin = m.start()
        while begin > 0 and m.start() - begin < MAX_BRANCH_NAME and _NAME_CHAR.match(text, begin - 1) \
                and text[begin - 1] not in _BEFORE_A_NAME:
            begin -= 1
        if m.start() - begin >= 2:
            value = text[begin:m.end()]
            if is_named_organisation(text[begin:m.start()]):
                yield value, clause.start + begin

MAX_BRANCH_NAME = 10
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# words that end what comes before a name (是X（…店）的, 在X（…店）上班, 喺X（…店）返工)
_BEFORE_A_NAME = frozenset("是在喺的去到找于")


def _quoted(clause: Clause):
    """A shop's or a company's name in quotes, with its kind inside or right after them
    (“极速网吧”, “美丽人生”美容院): the model reads the quoted words as anything but a name."""
    for m in _QUOTED_NAME.finditer(clause.text):
        value, start = m.group(), clause.start + m.start()
        if value[-1] in "”\"」』":
            value, start = value[1:-1], start + 1       # the whole name quoted: the name inside
        if _ends_like_a_kind(value):
            yield value, start

# (a brand name, one to ten characters, in quotes; the kind of organisation inside or after them)
_QUOTED_NAME = re.compile(r"[“\"「『][\u4e00-\u9fffA-Za-z0-9]{2,12}[”\"」』](?:[\u4e00-\u9fff]{0,3}?"
                          r"(?:美容院|网吧|网咖|公司|工作室|厂|店|超市|医院|诊所|酒店|餐厅|驾校|中心|会所|学校|幼儿园|培训班))?")


def _mall_before(text: str, spans, i: int) -> int | None:
    """Start of the mall whose floor is written right before the shop at spans[i] (大悦城/LOC
    二/m 楼/n 迪奥/ORG 专柜/n): the shop is found with its mall and floor, as people write it."""
    for k in (i - 1, i - 2):
        if k >= 1 and _FLOOR.fullmatch(text[spans[k].start:spans[i - 1].end]) \
                and spans[k - 1].tag in _MALL_TAGS and spans[k - 1].end == spans[k].start:
            return spans[k - 1].start
    return None

_MALL_TAGS = frozenset({"LOC", "ORG", "nz"})


def employers_found_as_addresses(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with an address that is someone's employer read as the workplace: a factory,
    shop or office under its town (东莞市长安镇X五金厂) is a place the address rules take whole,
    but followed by a job (…的生产主管) or inside 在…上班 it is where that person works. Only a
    place that ends like an organisation, without a door number, after a clear work cue."""
    out = []
    names = [f for f in findings if f.type == "PERSON_NAME"]
    for f in findings:
        if f.type == "ADDRESS" and f.text.endswith(words("org/org_suffixes.txt")) and not any(c.isdigit() for c in f.text):
            kind = _kind_of(f.text)
            read = _org_reading(text, f.start, f.end, kind, names, [])
            # …or a factory in a list of someone's details (老板X，东莞长安镇X五金厂，身份证…):
            # nobody lives at a factory, so beside a name it is where that person works
            listed = read is not None and read[1] == LISTED and f.text.endswith(_FACTORIES) \
                and not _SHIPPING.search(text, max(0, f.start - 20), f.end + 20) \
                and _about_a_person(text, f.start, f.end, [], names, read[2], pronoun=False)
            if listed or read is not None and read[2] == LONG_REACH \
                    and _about_a_person(text, f.start, f.end, [], names, LONG_REACH):
                # a teacher's school is their workplace (X路第二小学三（2）班数学老师), a pupil's their school
                f = Finding(read[0], f.start, f.end, f.text, SCORE_ORG, mask(read[0], f.text),
                            ["机构名称", f"线索词: {read[1]}"])
        out.append(f)
    return out


def shops_inside_malls(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with a mall and the shop or counter on its floor read as one workplace
    (国贸商城B1层雅诗兰黛专柜, 银泰百货武林店一楼兰蔻专柜): the model gives the two names apart and
    the floor between them says the second is inside the first."""
    orgs = sorted((f for f in findings if f.type == "WORKPLACE"), key=lambda f: (f.start, f.end))
    merged: dict[int, Finding] = {}
    for mall, shop in zip(orgs, orgs[1:]):
        if mall.start == shop.start and _FLOOR.match(text, mall.end):
            # the model read mall, floor and shop as one (:func:`_mall_before`) where a cue found the mall
            merged[id(mall)] = merged[id(shop)] = dataclasses.replace(shop, score=max(mall.score, shop.score))
            continue
        if id(mall) in merged or not _FLOOR.fullmatch(text[mall.end:shop.start]):
            continue
        merged[id(mall)] = merged[id(shop)] = Finding(
            "WORKPLACE", mall.start, shop.end, text[mall.start:shop.end], max(mall.score, shop.score),
            mask("WORKPLACE", text[mall.start:shop.end]), shop.reasons)
    if not merged:
        return findings
    out, seen = [], set()
    for f in findings:
        whole = merged.get(id(f), f)
        if id(whole) not in seen:
            seen.add(id(whole))
            out.append(whole)
    return out

_FLOOR = re.compile(r"[A-Za-z]?[0-9一二三四五六七八九十负]{1,3}(?:楼|层|樓|層|F|f)")


_FACTORIES = ("厂", "工厂", "厂区")
# a parcel's label lists a factory beside a name too: that is where it goes, not who works there
_SHIPPING = re.compile(r"收件|收货|寄|快递|地址|发货|到付|[\s，,]收$|[\s，,]收[\s，,。]")


def _located_verdicts(text, clause, spans, evidence, names, proposed):
    """Employers described by where they are rather than by a registered name (他在杭州滨江区的
    一家外包公司上班, 上海徐汇区港汇广场那家咨询公司做HR): a place, a link word (的, 那家, 那边的
    一个), a description and a kind of organisation. A place plus a kind narrows a person down as
    a name does, so the description is the finding — but only after a clear work or study cue (在…
    上班, a job, 单位：) and with a person in view: 在杭州西湖区的一家餐厅吃饭 is a meal, and
    深圳南山区的一家公司 says no more than "a company" (the description must name a kind of trade)."""
    for value, start in _located_candidates(clause, spans):
        end = start + len(value)
        kind = _kind_of(value)
        read = _org_reading(text, start, end, kind, names, proposed)
        if read is None or read[1] in _WEAK_FOR_A_DESCRIPTION:
            yield OrgVerdict(value, start, end, kind, read, False, None, loose=True, described=True)
            continue
        kind, cue, reach = read
        # 在X，微信… (the clause ends with the place) needs the person's details close, as for a name
        people = [*names, *proposed] if reach == LONG_REACH else names
        about = _about_a_person(text, start, end, evidence, people, reach, cue not in _BARE_CUES) \
            or _poster_implied(text, start, end, cue)
        finding = Finding(kind, start, end, value, SCORE_ORG, mask(kind, value), [_LOCATED_REASON, f"线索词: {cue}"]) \
            if about else None
        yield OrgVerdict(value, start, end, kind, read, about, finding, loose=True, described=True)

_LOCATED_REASON = "模型: 地点+机构描述"
# a list or a name beside it says whose a registered name is, not that a description is anyone's
_WEAK_FOR_A_DESCRIPTION = (LISTED, "人名", "…的+人名")
# Words linking a place to the organisation described after it (…区的一家, …广场那家, …那边的一个).
_LINKS = frozenset({"的", "那家", "这家", "一家", "一个", "一所", "那个", "这个", "那边", "这边", "那里", "这里",
                    "那", "家", "间", "間", "嗰"})      # (嗰間: Cantonese 那间)
_PLACE_TAGS = frozenset({"LOC", "ORG"})     # ORG: a landmark (嘉里中心, 万达广场) the model reads as one
# the places of a small town, which the model reads as common words (镇上/s 的/u 砖厂/n): where
# everyone knows which shop is meant
_LOCAL_PLACES = frozenset({"镇上", "镇里", "县城", "县里", "村里", "村口", "乡里", "乡上", "城里", "市里", "街上", "老街",
                           "城区", "县上"})
_LANDMARK_TAGS = frozenset({"n", "nz", "v", "vn"})
# a building, floor or zone of the place, whatever the model tags it (E3栋/m, C区/xc, 18楼/m, 二楼)
_PLACE_UNIT = re.compile(r"[A-Za-z0-9一二三四五六七八九十]{1,4}(?:栋|幢|楼|层|座|区|期|号楼)")
# a description: nouns and names, a trade done (做/v 直播/vn 带/v 货/n 的/u), a model number (4S店)
_DESCRIPTION_TAGS = frozenset({"n", "nz", "nw", "vn", "v", "u", "ORG", "LOC", "an", "a"})
MAX_LOCATED_PLACE, MAX_DESCRIPTION = 14, 12


def _located_candidates(clause: Clause, spans):
    """(value, start in text) of place + link + description + organisation ending runs."""
    text = clause.text
    i = 0
    while i < len(spans):
        if spans[i].tag not in _PLACE_TAGS and text[spans[i].start:spans[i].end] not in _LOCAL_PLACES:
            i += 1
            continue
        j = i
        while j + 1 < len(spans) and spans[j + 1].start == spans[j].end:
            if spans[j + 1].tag in _PLACE_TAGS or _PLACE_UNIT.fullmatch(text[spans[j + 1].start:spans[j + 1].end]):
                j += 1
            elif j + 2 < len(spans) and _PLACE_UNIT.fullmatch(text[spans[j + 1].start:spans[j + 2].end]):
                j += 2          # the floor in two words (五/m 楼/n)
            else:
                break
        found = _described_after(text, spans, i, j)
        # a landmark the model leaves as a place plus common words (光谷/LOC 创新/v 天地/n 的…)
        k = j
        while found is None and k + 1 < len(spans) and k - j < 2 and spans[k + 1].tag in _LANDMARK_TAGS \
                and spans[k + 1].start == spans[k].end:
            k += 1
            found = _described_after(text, spans, i, k)
        if found is not None:
            end = found
            yield text[spans[i].start:end], clause.start + spans[i].start
        i = j + 1
    # an address the address rules found is a place too (…星湖街328号创意产业园4栋的动画公司)
    for detail in clause.details:
        if detail.type != "ADDRESS":
            continue
        place_end = detail.end - clause.start
        k = next((n for n, sp in enumerate(spans) if sp.start == place_end), None)
        end = _described_from(text, spans, k, place_end) if k is not None else None
        if end is not None:
            yield text[detail.start - clause.start:end], detail.start


def _described_after(text: str, spans, first: int, last: int) -> int | None:
    """End of the described organisation after the place spans[first..last], or None."""
    if spans[last].end - spans[first].start > MAX_LOCATED_PLACE:
        return None
    return _described_from(text, spans, last + 1, spans[last].end)


def _described_from(text: str, spans, k: int, place_end: int) -> int | None:
    """End of link words + description + organisation ending from spans[k], which must start
    where the place ends; None when there is no link or no such description."""
    links = 0
    while k < len(spans) and links < 4 and spans[k].start == place_end \
            and text[spans[k].start:spans[k].end] in _LINKS:
        place_end, k, links = spans[k].end, k + 1, links + 1
    if links == 0 or k >= len(spans):
        return None         # a place right before a name is the model's ORG or a shop, read elsewhere
    begin, end = spans[k].start, None
    for m in range(k, min(k + 6, len(spans))):
        span = spans[m]
        if span.tag not in _DESCRIPTION_TAGS or span.start != spans[m - 1].end or span.end - begin > MAX_DESCRIPTION:
            break
        word = text[span.start:span.end]
        if _ends_like_an_organisation(word) or (end is not None and _CLOSING_DEPARTMENT.fullmatch(word)):
            end = span.end      # the last ending in reach: 一家做物流的公司, not 一家做物流; its
            #                     department after it (一家外企的财务部)
    return end if end is not None and is_named_organisation(text[begin:end], described=True) else None


def _ends_like_an_organisation(word: str) -> bool:
    return has_suffix(word) or word.endswith(word_list("org_endings")) or word.endswith(word_list("shop_suffixes")) \
        or word.endswith(word_list("org_units"))


_NAMEISH = frozenset({"LOC", "n", "nz", "ORG", "PER"})
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
_RUN_WORDS = _NAMEISH | {"nw", "vn", "an", "a", "v", "m", "s", "f"}
_RUN_STARTS = frozenset({"LOC", "ORG", "nz", "nw", "n", "PER"})
MAX_RUN_WORDS, MAX_RUN = 6, 24
_ACTIVITY_VERBS = frozenset({"做", "当", "干", "搞", "跑", "进", "卖", "开", "在", "去", "到", "一起"})


def _as_word(text: str, span):
    """A word the model tags as punctuation, with the space or emoji before it (" 安达"/w,
    " 🏫X学院"/w): a word of its own — an organisation where it ends like one."""
    if span.tag != "w":
        return span
    word = text[span.start:span.end]
    core = word[len(LEADING_MARKS.match(word).group()):]
    if not _WORDLIKE.fullmatch(core):
        return span
    return dataclasses.replace(span, start=span.start + len(word) - len(core), tag="ORG" if has_suffix(core) else "nz")


def _run_candidates(clause: Clause, spans):
    """(value, start in text) of each run of name-like words that ends like an organisation
    (杭州/LOC 星芒/n 文化传媒/n, 长沙/LOC 飞驰/v 驾校/n): the model leaves many small companies, shops
    and training schools in such pieces. Only the learned gate judges these."""
    text = clause.text
    # the model tags some unknown names as punctuation, with the space before them (" 安达"/w
    # 搬家公司/n): a word of letters is a word
    spans = [_as_word(text, sp) for sp in spans]
    for j, last in enumerate(spans):
        word = text[last.start:last.end]
        if last.tag not in _RUN_WORDS or not (has_suffix(word) or word.endswith(word_list("org_endings"))):
            continue
        i = j
        while i > 0 and j - i < MAX_RUN_WORDS - 1 and spans[i - 1].tag in _RUN_WORDS \
                and spans[i - 1].end == spans[i].start and last.end - spans[i - 1].start <= MAX_RUN:
            i -= 1
        # (a relation or role before a kind of place is whose it is: 老公/n 公司/n is no name)
        while i < j and (spans[i].tag not in _RUN_STARTS or text[spans[i].start:spans[i].end] in word_list("person_roles")):
            i += 1
        if i == j:
            continue          # one word alone (公司, 厂里) is a kind of place, not a name
        if any(text[spans[k].start:spans[k].end] in _ACTIVITY_VERBS for k in range(i + 1, j)):
            continue          # 宁波/LOC 做/v 外贸/n: what someone does somewhere, not a name
        value = text[spans[i].start:last.end]
        if 3 <= len(value) <= MAX_RUN and is_named_organisation(value):
            yield value, clause.start + spans[i].start


@lru_cache(maxsize=1)
def _people_words() -> frozenset:
    """Jobs and roles, which the model now and then tags as organisations."""
    return frozenset((*word_list("jobs"), *word_list("person_roles"), *word_list("school_members"), *_TEACHERS))


@lru_cache(maxsize=1)
def brand_index() -> LiteralIndex:
    return LiteralIndex([*word_list("brands"), *word_list("school_brands")])


def _kind_of(value: str) -> str:
    """SCHOOL by a school's ending or short name (哈工大, 北航沙河校区…), else WORKPLACE."""
    if value.endswith(_school_suffixes()) or value in word_list("school_brands"):
        return "SCHOOL"
    return "WORKPLACE"


def _brands(clause: Clause, spans):
    """Brands of brands.txt the model left as other words (字节/n 跳动/v), each once, longest first,
    with the unit or branch after it (字节跳动上海, 茶颜悦色湖大店 stay brands; 顺丰金水营业部 is
    the model's)."""
    text, taken = clause.text, -1
    for start, word in brand_index().finditer(text):
        end = start + len(word)
        if start < taken or any(sp.tag == "ORG" and sp.start <= start and end <= sp.end for sp in spans):
            continue
        branch = _BRAND_BRANCH.match(text, end)
        taken = branch.end() if branch else end
        if not branch:
            city = next((sp for sp in spans if sp.start == end and sp.tag == "LOC" and sp.end - sp.start <= 3), None)
            taken = city.end if city is not None else end            # 君合上海: the firm's office there
            department = _BRAND_DEPARTMENT.match(text, taken)
            taken = department.end() if department else taken     # 飞书产品部的: its department
        yield text[start:taken], clause.start + start

# a department written right after a brand, where it ends (X产品部的, X数据组，…)
_BRAND_DEPARTMENT = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,6}?(?:事业部|事业群|部门|部|组|团队)(?=的|[^\u4e00-\u9fffA-Za-z]|$|上班|工作|实习|借调)")
# a brand's branch written right after it: 茶颜悦色湖大店, 瑞幸咖啡万达店
_BRAND_BRANCH = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:分店|门店|店|营业部|校区|分公司|站点|[一二三四五六七八九十]站)"
                           # a platform's or courier's station by its place (饿了么河西站, 中通城关网点)
                           r"|(?:(?![到进出下车在的])[\u4e00-\u9fff]){1,4}?(?:网点|配送站|站)")


def _with_unit(text: str, spans, i: int) -> tuple[int, int]:
    """(index of the last word, end) of the organisation at spans[i] with the unit the model
    leaves after it as a noun of its own (顺丰萧山/ORG 营业部/n, 山东大学威海/ORG 校区/n)."""
    j = i + 1
    if j + 1 < len(spans) and spans[j].tag == "LOC" and spans[j].start == spans[i].end:
        j += 1                                  # …城市管理局/ORG 开福区/LOC 分局/n
    if j < len(spans) and spans[j].start == spans[j - 1].end and spans[j].tag in ("n", "nz", "ORG") \
            and text[spans[j].start:spans[j].end] in word_list("org_units"):
        return j, spans[j].end
    return i, spans[i].end

def _with_kind_words(text: str, spans, i: int) -> tuple[int, int]:
    """(index of the last word, end) of the organisation at spans[i] with the words that say what
    kind it is, which the model leaves as nouns of their own (X街/ORG 小学/n, X/ORG 物流/n
    仓库/n, X机械/ORG 修配/v 厂/n): up to three adjacent words ending like an organisation."""
    best = (i, spans[i].end)
    if has_suffix(text[spans[i].start:spans[i].end - 1]):
        return best           # the model glued a verb to a whole name (X中学教/ORG 高中/n)
    if not _WORDLIKE.search(text, spans[i].start, spans[i].end):
        return best           # an emoji the model tags as an organisation (🍰/ORG 甜点/n 工作室/n)
    for j in range(i + 1, min(i + 4, len(spans))):
        if spans[j].start != spans[j - 1].end or spans[j].tag not in _KIND_WORD_TAGS \
                or spans[j].end - spans[i].start > MAX_KIND_RUN:
            break
        if spans[j].tag == "v" and spans[i].tag not in ("ORG", "LOC"):
            break             # 门口/s 开/v 奶茶/n 店/n: after a mere place a verb is what someone does there
        if _ends_like_a_kind(text[spans[i].start:spans[j].end]) and not (
                spans[j].end - spans[j].start > 1 and any(spans[k].tag == "v" for k in range(i + 1, j))):
            best = (j, spans[j].end)     # (a verb only before a one-character kind: 修造/v 厂/n, not 诚聘/v 小学/n)
    return best

_KIND_WORD_TAGS = frozenset({"n", "nz", "vn", "v", "m"})     # (m: 中铁九局/ORG 三分公司/m)
_GLUED_VERBS = "教在当做读上"
MAX_KIND_RUN = 16


def _ends_like_a_kind(value: str) -> bool:
    return has_suffix(value) or value.endswith(word_list("shop_suffixes")) or \
        (len(value) >= 4 and value.endswith(_ONE_CHARACTER_KINDS))

# one-character endings that make a run of four or more an institution (市/ORG 中心/n 医/v 院/n);
# not 部 or 处, which end ordinary words (内部, 好处)
_ONE_CHARACTER_KINDS = ("院", "局", "厂", "馆", "所")

def _numbered_school(text: str, spans, i: int) -> tuple[int, int] | None:
    """(start, index of the last word) of a numbered school at spans[i] — a number (二十五, 第十二)
    and a school word right after it (中, 中学, 小学), with its city or district before (市, 海淀区)."""
    short = _SHORT_NUMBERED.fullmatch(text, spans[i].start, spans[i].end)
    if short and i > 0 and spans[i - 1].end == spans[i].start and spans[i - 1].tag in ("LOC", "n", "nz", "ORG") \
            and spans[i - 1].end - spans[i - 1].start <= 4:
        return spans[i - 1].start, i      # 实验/n 二小/m, 城关/LOC 一中/m: a school by its number alone
    if spans[i].tag in ("s", "LOC", "n", "nz") and _PLACE_NUMBERED.fullmatch(text, spans[i].start, spans[i].end):
        return spans[i].start, i          # 城南一中/s: …read as one place word
    if spans[i].tag not in ("m", "ORG", "n") or not _SCHOOL_NUMBER.fullmatch(text, spans[i].start, spans[i].end) \
            or i + 1 >= len(spans) or spans[i + 1].start != spans[i].end \
            or text[spans[i + 1].start:spans[i + 1].end] not in _NUMBERED_SCHOOL_WORDS:
        return None
    begin = spans[i].start
    if i > 0 and spans[i - 1].end == begin and (spans[i - 1].tag in ("LOC", "s") or text[spans[i - 1].start:begin] in "市县区"):
        begin = spans[i - 1].start
    return begin, i + 1

_SHORT_NUMBERED = re.compile(r"第?[一二三四五六七八九十]{1,3}[中小]")
_PLACE_NUMBERED = re.compile(r"[\u4e00-\u9fff]{1,4}第?[一二三四五六七八九十]{1,3}[中小]")
_SCHOOL_NUMBER = re.compile(r"第?[一二三四五六七八九十百零]{1,4}|第?[0-9]{1,3}")
_NUMBERED_SCHOOL_WORDS = frozenset({"中", "小", "中学", "小学", "高中", "初中", "幼儿园", "职中", "职高", "中學", "小學"})

# (…大学土木院 is a department too; …大学第一医院, …大学研究院 are places of their own)
_DEPARTMENT = re.compile(r"^(.{2,}?(?:大学|大學))(?!.*(?:校区|校區|分校|医院|醫院|研究院|法院|设计院|科学院))"
                         r".+(?:学院|學院|系|院)$")

# a year of study the model takes into a school's name (X大学计算机学院博四/ORG): the cue after it
_YEARS_OF_STUDY = r"大[一二三四五]|研[一二三]|博[一二三四五]|高[一二三]|初[一二三]"      # 大三, 研二, 博四…
_TRAILING_GRADE = re.compile(rf"(?:{_YEARS_OF_STUDY})$")


def _without_grade(value: str) -> str:
    m = _TRAILING_GRADE.search(value)
    return value[:m.start()] if m and m.start() >= 4 else value


def _without_department(value: str) -> str:
    """A university, not its department: 中国人民大学法学院 → 中国人民大学 (a campus stays:
    …大学珠海校区)."""
    m = _DEPARTMENT.match(value)
    return m.group(1) if m else value

def _shop_end(text: str, spans, i: int) -> int | None:
    """Index of a shop ending reached from spans[i] through name-like words, or None."""
    if spans[i].tag not in ("LOC", "nz", "PER") and text[spans[i].start:spans[i].end] not in _LOCAL_PLACES:
        return None       # (县城/n 星空/n 网咖/n: a town's place starts a shop's name too)
    for j in range(i, min(i + 5, len(spans))):
        if spans[j].tag not in _NAMEISH:
            return None
        word = text[spans[j].start:spans[j].end]
        if j > i and word.endswith(word_list("shop_suffixes")):
            return j
    return None

def _branch_end(text: str, spans, i: int) -> int | None:
    """Index of the last word of a brand written before its branch in brackets (奈雪的茶（天河城店）,
    万科物业（翠苑一区）): up to four name-like words from spans[i] (的 may join them)."""
    if spans[i].tag not in _NAMEISH:
        return None
    for j in range(i, min(i + 4, len(spans))):
        word = text[spans[j].start:spans[j].end]
        if spans[j].tag not in _NAMEISH and spans[j].tag != "vn" and word != "的":     # (X/n 烘焙/vn （X店）)
            return None
        if spans[j].end - spans[i].start > 12:
            return None
        if _BRANCH.match(text, spans[j].end) and word != "的":
            return j
    return None

_BRANCH = re.compile(r"[（(][^（）()\n]{1,10}(?:店|分店|门店|校区|分校|分园|园区|厂区|支行|分行|网点|项目|项目部|仓|仓库|车间|分院|院区|总部|分部|站点|门诊部)[）)]"
                     r"|[（(][^（）()\n]{0,10}(?:[一二三四五六七八九十0-9]+区|[东南西北中]区)[）)]"
                     r"|\s?[（(][A-Za-z .]{1,24}(?:office|Office|branch|Branch|store|Store)[）)]")

def _with_branch(text: str, end: int) -> int:
    m = _BRANCH.match(text, end)
    return m.end() if m else end

@lru_cache(maxsize=1)
def _school_suffixes() -> tuple[str, ...]:
    return tuple(words("org/school_suffixes.txt")) + ("学院", "系")

_LIST_MARK = re.compile(r"(?:^|[\n|｜:：,，、/;；\s])[^\u4e00-\u9fffA-Za-z0-9]*$")

_OWNER_END = re.compile(r"^(?:的)?[\s，,。！!？?~]|^的$|^$")

def _org_reading(text: str, start: int, end: int, kind: str, names: list[Finding], proposed: list[Finding] = ()):
    """(kind, cue, reach) when the words around the organisation make it someone's, else None.
    ``reach``: how far the person's name or details may be (a cue that says "this is where they
    work" carries further than a list mark)."""
    after = text[end:end + 12].lstrip("”\"」』》'’")          # “鑫达五金有限公司”的老板, 'X'当店长
    before = text[max(0, start - 12):start].rstrip("“\"「『《'‘")      # (12: "works at " is nine)
    if HIRING.match(after):
        return None        # X医院招前台，简历投…: the organisation's own job ad, nobody's job yet
    if _SERVICE_LINE_AFTER.match(text, end):
        return None        # X车管所咨询电话…: the organisation's own line, nobody's job
    if _ACCOUNT_AFTER.match(text, end) or text[start:end].startswith(word_list("not_work_labels")):
        return None        # X银行 6217…, 开户行：X行Y支行: the bank an account is at
    # the job may follow the organisation's department (X大学化工学院副教授, X医院骨科的医生)
    job = _job_after(after, direct=kind == "SCHOOL") or \
        _job_after(after[_department_length(after, 0):], direct=kind == "SCHOOL") or \
        (kind == "WORKPLACE" and _job_after(after[_office_length(after):], direct=True)) or \
        (kind == "WORKPLACE" and _job_after(after[_sub_office_length(after):], direct=True))   # X局第二税务所的所长
    if job and gig_platform(text, start, end):
        return None        # 饿了么骑手, 滴滴司机: the app a rider or driver works through, not an employer
    if job:                                   # 求是中学的老师, X的体育老师: a school is a teacher's workplace
        return ("WORKPLACE" if job not in word_list("school_members") else "SCHOOL"), job, LONG_REACH
    if kind == "SCHOOL":
        teaching = _teaching(text[end:end + 16])
        if teaching:                          # X小学四年级数学老师, X中学教物理的: where a teacher works
            return "WORKPLACE", teaching, LONG_REACH
    if kind == "SCHOOL" and _MAJOR_CLASS.match(after):        # X职高电工2班, X大学机械2101班
        return kind, "班", LONG_REACH
    enrolled = _ENROLMENT.match(after) if kind == "SCHOOL" else None
    if enrolled:           # X大学2021级, X学院能源与动力工程学院19级: the year a student came in
        return "SCHOOL", enrolled.group(1), LONG_REACH
    cues = word_list("school_cues") if kind == "SCHOOL" else word_list("work_cues")
    tail = _DEPARTMENT_OR_SIDE.sub("", after.lstrip(" ，,0123456789年的"), count=1).lstrip("的")   # (X法学院的一员)
    grade = _GRADE.match(tail) or _GRADE.match(_MAJOR.sub("", tail, count=1))
    if grade:              # 浙大计算机研二, 北航研一的: a year of study makes any organisation a school
        # …unless the person listed before it is a teacher (班主任/X/X小学四年级: the class taught)
        return ("WORKPLACE" if _teacher_listed_before(text, start, names) else "SCHOOL"), grade.group(), LONG_REACH
    for cue in cues:
        if (tail.startswith(cue) and not _ONE_THING_DONE.match(tail) and not tail.startswith(_DESK_LINES, len(cue))) \
                or _label_before(before, cue):       # (如家酒店前台电话: the hotel's desk, nobody's job)
            return kind, cue, LONG_REACH
    for label in word_list("work_labels"):
        if _label_before(before, label):
            return "WORKPLACE", label, LONG_REACH
    after = _SIDE.sub("", after.lstrip(), count=1)
    after = after[_work_department_length(after):]          # 在X医院骨科坐诊, 在X厂二车间上班
    if before.rstrip().endswith(_AT) and _works(after):   # 在 X 上班 too
        studying = _STUDYING.match(after) is not None      # 在X上学/上三年级 vs 在X上班/教语文
        verb = next((act for act in _WORK_ACTS if after.startswith(act)), after[:2])
        return ("SCHOOL" if studying else "WORKPLACE"), before.rstrip()[-1] + verb, LONG_REACH
    joining = after[_office_length(after):]                   # 去X基地质量部报到
    if before.rstrip().endswith(("去", "到")) and joining.startswith(_JOINING):      # 下周去X报到, 到X入职
        return "WORKPLACE", before.rstrip()[-1] + "…" + joining[:2], LONG_REACH
    taken_on = _TAKEN_ON.match(joining)
    if before.rstrip().endswith(("去", "到")) and taken_on and _job_after(joining[taken_on.end():], direct=True):
        return "WORKPLACE", before.rstrip()[-1] + "…" + taken_on.group(), LONG_REACH  # 去X当保安了 (not 去医院做检查)
    if before.rstrip().endswith("从") and after.startswith(("下班", "放学")):      # 每天从X下班回家
        return ("SCHOOL" if after.startswith("放学") else "WORKPLACE"), "从…" + after[:2], LONG_REACH
    if kind == "SCHOOL" and before.endswith(("读", "考上", "考进", "考到", "届")):
        return kind, before[-2:], LONG_REACH
    if kind == "WORKPLACE" and before.rstrip().rstrip("了").endswith(_POSTED_TO):
        return kind, before.rstrip().rstrip("了")[-2:], LONG_REACH      # 考进了X街道办, 分到了X: a post won
    if before.rstrip().endswith("是") and _OWNER_END.match(after):        # 他是X的 / 她就是X的
        return kind, "是…的", DETAIL_REACH
    # X那个马某某, X设计学院的某某, X医院药剂科的某某
    if any(0 <= f.start - end - max(_department_length(text, end), _ward_length(text, end)) <= 4 for f in names):
        return kind, "人名", DETAIL_REACH
    # 我是X的黎某某: a full name the model proposes right after X的 (each is the other's evidence)
    if text[end:end + 1] == "的" and any(f.start == end + 1 for f in proposed):
        return kind, "…的+人名", DETAIL_REACH
    # 在X，/ X的，: where someone is, said and left (他在X 大家面试小心, …营业部的，电话…), its
    # department between (在X医院骨科。, X人社局就业科，电话…)
    right = text[end:end + 2]
    right = right if _LEFT.match(right) else text[end:end + 14][_closing_department_length(text, end):][:2]
    at = before.rstrip().endswith(("在", "喺")) and not before.rstrip().endswith(_STAYING)
    if (at or right.startswith("的")) and _LEFT.match(right):
        return kind, _BARE_CUES[0] if at else _BARE_CUES[1], DETAIL_REACH
    if before.endswith("叫") and text[end:end + 1] == "的" and _CALLED_AFTER.match(text, end + 1):
        return kind, "一家叫…的", LONG_REACH
    if before[-1:] in ("（", "(") and any(0 <= start - 1 - f.end <= 1 for f in names):
        return "WORKPLACE" if _job_before(text, start, names) else kind, "人名（单位）", DETAIL_REACH
    # (a list has something before the organisation: one opening the text is its subject —
    # 区政务服务中心搬到新楼了，咨询电话…)
    if _WORDLIKE.search(text, 0, start) and _LIST_MARK.search(before) and _ends_like_an_office(text[start:end]) \
            and not any(w in before for w in word_list("not_work_labels")):     # 姓名｜…｜X｜家长…
        if kind == "SCHOOL" and _teacher_listed_before(text, start, names):
            return "WORKPLACE", LISTED, DETAIL_REACH       # 班主任/X/X小学: the teacher's school
        return kind, LISTED, DETAIL_REACH
    return None

BARE_AT = "在…"
# the organisation's own contact right after its name (X官方投诉邮箱, X咨询电话, X客服热线)
_OFFICIAL, _SERVICE = r"(?:官方|官网)", r"(?:投诉|客服|服务|举报|咨询|预约|挂号)"
_LINE = r"(?:邮箱|电话|热线|微信|公众号|信箱)"
OWN_CONTACT_AFTER = re.compile(rf"\s*{_OFFICIAL}?{_SERVICE}?{_LINE}")
# …where it says what kind of line it is (a bare 电话 after a dossier's 单位：X is the person's)
_SERVICE_LINE_AFTER = re.compile(rf"\s*{_OFFICIAL}?{_SERVICE}{_LINE}|\s*{_OFFICIAL}{_LINE}")
_ACCOUNT_AFTER = re.compile(r"[\s:：]{0,2}[0-9][0-9 ]{11,}")
# an organisation hiring (X医院招前台, X公司诚聘): its own ad; the model sometimes takes the verb
# into the name (育才教育诚聘/ORG), which it then ends
_HIRING_WORDS = "诚聘|急聘|招聘|急招|高薪招|长期招"
_HIRING_INSIDE = re.compile(_HIRING_WORDS)
HIRING = re.compile(rf"\s*(?:{_HIRING_WORDS}|招(?![生商标待牌]))")
_BARE_CUES = (BARE_AT, "…的")
# 在, 于 and Cantonese 喺 (喺X返工)
_AT = ("在", "于", "喺")
# starting a job there (去X报到, 到X入职) or going to work there (去X上班)
_JOINING = ("报到", "入职", "上班", "上岗", "实习")
_TAKEN_ON = re.compile(r"(?:做|当|干)了?")
_JOINING_CUES = ("去…", "到…")
# a post won by an exam or given by a posting (考进X街道办事处, 分配到X, 调到X)
_POSTED_TO = ("考进", "考入", "分到", "分配到", "调到", "调入", "借调到")
# where someone lives or stays, not where they work (住在X的一家宾馆，…)
_STAYING = ("住在", "待在", "呆在", "躲在", "睡在", "关在", "停在", "放在", "寄存在")
# the organisation ends its clause: nothing said of it but whose it is (在X，…; X的，…)
_LEFT = re.compile(r"^(?:的)?(?:[\s，,。！!？?]|$)")

_CALLED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:公司|工作室|店|机构|医院|诊所|学校|工厂|厂|会所|中心)"
                           r"[\u4e00-\u9fff]{0,3}?(?:上班|工作|实习|做|当|干|任职)")

# What may stand between an organisation and its cue: its department (X数学系研二, X土木院研二,
# X人事部) or "that side" (在铁西万达那边卖衣服).
_SIDE = re.compile(r"^(?:那边|这边|那里|这里|那儿)")
_DEPARTMENT_OR_SIDE = re.compile(r"^(?:[\u4e00-\u9fffA-Za-z0-9]{1,6}?(?:系|学院|院|专业|部|部门|校区|分校|车间)|那边|这边|那里|这里|那儿)")
# The class a teacher teaches, between the school and the job (四年级, 初二(3)班, 中二班的).
_CLASS = re.compile(r"^[\s，,]*(?:[一二三四五六七八九]年级|[初高][一二三]|[大中小托][一二三]?班|[一二三四五六七八九十]+班|[一二三四五六](?=[（(]))?"
                    r"(?:[（(]?[0-9一二三四五六七八九十]+[)）]?班)?(?:的)?")
_TEACH = re.compile(r"^教(?:高中|初中|小学|大学|[初高][一二三]|[一二三四五六]年级)?(?:语文|数学|英语|物理|化学|生物|历史|地理|政治|道法|科学|体育|音乐|美术|书法|信息|编程|舞蹈|钢琴)")
_TEACHERS = ("老师", "教师", "班主任", "老師", "教練", "教练", "校长", "园长", "保育员", "辅导员")


def _teaching(after: str) -> str | None:
    """The teacher's job or lesson after a school and its class (X小学四年级数学老师, X中学教物理的)."""
    rest = after[_CLASS.match(after).end():]
    lesson = _TEACH.match(rest)
    if lesson:
        return lesson.group()
    head = _CLAUSE_END.split(rest[:6], 1)[0]      # X中学初二，他班主任电话…: a pupil's class teacher
    return next((t for t in _TEACHERS if t in head and head.index(t) <= 4), None)

_CLAUSE_END = re.compile(r"[，,。；;！!？?、\s]")


# A year of study right after a school (or after its major: 计算机研二, 社会学研二); the year a
# student came in (2019级) or left (2012届).
_ENROLMENT = re.compile(r"^(?:[\u4e00-\u9fff]{0,10}?(?:学院|學院|系|专业))?\s*((?:19|20)?[0-9]{2}[级級届屆])(?![0-9])")
_GRADE = re.compile(rf"^(?:{_YEARS_OF_STUDY}|[一二三四五六]年级|在读)")
# a major and its class number (电工2班, 机械2101班, 英语系3班)
_MAJOR_CLASS = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?:系|专业)?(?:[0-9]{1,4}|[一二三四五六七八九十]{1,2})班"
                          r"|^[一二三四五六七八九](?:年级)?[（(][0-9一二三四五六七八九十]{1,2}[)）]班")     # (二(1)班, 三年级（2）班)
_MAJOR = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?=研[一二三]|大[一二三四五]|博[一二三四五])")
_STUDYING = re.compile(r"^(?:读|念|学|上学|上课|在读|上[一二三四五六七八九初高大][一二三四五六年级]?)")

_WORK_VERB_STARTS = frozenset("上工读当做实任干教搬跑带开学卖待送管值兼")   # 在X上班/工作/读书/当…/做…/干中介/教语文/送快递/兼职…
# work that starts with another character: a doctor's consulting hours, an office job's desk
_WORK_ACTS = ("坐诊", "出诊", "坐班", "门诊", "打螺丝", "返工", "做嘢", "收银", "规培", "返早更", "返夜更", "返更",
              "接单", "派件", "揽件", "轮转", "夜班", "值夜班")     # (返工, 做嘢: Cantonese for work; 接单…: a rider's or courier's)
# the department or workshop between a workplace and its work verb (not a school's faculty:
# those are read by _DEPARTMENT_OR_SIDE, with the year of study after them)
# (a workshop's code: C08车间)
_DEPARTMENT_ENDINGS = r"(?:科|室|事业部|部门|部|车间|班组|组|中队|大队|综合办|办公室)"
# the sub-office a bureau or company runs, before its staff's job (第二税务所的所长, 城东服务站的站长)
_SUB_OFFICE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,6}?(?:所|站)(?=的)")
_WORK_DEPARTMENT = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9]{{1,6}}?{_DEPARTMENT_ENDINGS}(?=[\u4e00-\u9fff])")
# …the department closing the clause (在X医院骨科。, X局就业科，电话…)
_CLOSING_DEPARTMENT = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9]{{1,6}}?{_DEPARTMENT_ENDINGS}(?=的?[\s，,。！!？?]|的?$)")


def _works(after: str) -> bool:
    """Whether ``after`` (the words after 在 + an organisation) starts with a work or study verb
    (not one thing done there: 在X做了个美甲, 做完头发; 做了三年 is work)."""
    if _ONE_THING_DONE.match(after):
        return False
    if after[:1] == "上" and not _UP_TO_WORK.match(after):
        return False          # 在飞书上写文档: 上 is "on" (上班, 上学, 上三年级 are work and study)
    return after[:1] in _WORK_VERB_STARTS or after.startswith(_WORK_ACTS)

_UP_TO_WORK = re.compile(r"上(?:班|学|课|岗|工|夜班|早班|晚班|[一二三四五六七八九初高大][一二三四五六年级]?)")

_ONE_THING_DONE = re.compile(r"做(?:了|过|完|个)(?![0-9一二三四五六七八九十两几半多]|好几|[，,。！!？?\s]|$)"
                             # …or a service someone comes for (去X医院做检查, 在X做头发)
                             r"|做(?:个|了|过)?(?:检查|手术|核酸|体检|产检|B超|彩超|CT|胃镜|肠镜|理疗|康复|透析|化疗|"
                             r"头发|美甲|指甲|按摩|保养|年检|登记|笔录|鉴定|咨询)")


def _office_length(after: str) -> int:
    m = _WORK_DEPARTMENT.match(after)
    return m.end() if m else 0


def _sub_office_length(after: str) -> int:
    m = _SUB_OFFICE.match(after)
    return m.end() if m else 0


def _closing_department_length(text: str, end: int) -> int:
    m = _CLOSING_DEPARTMENT.match(text, end, min(len(text), end + 12))
    return m.end() - end if m else 0


def _work_department_length(after: str) -> int:
    """The department's length when a work verb follows it (X医院心内科坐诊), else 0."""
    length = _office_length(after)
    return length if length and _works(after[length:]) else 0

@lru_cache(maxsize=1)
def _job_pattern() -> re.Pattern:
    jobs = "|".join(sorted(map(re.escape, word_list("jobs")), key=len, reverse=True))
    # the job may carry a few words of its own: X的体育老师, X退休的语文老师, X运营总监
    # after 的 a few words (X的体育老师, X退休的语文老师); without it two at most (X运营总监), so
    # that the place of an act (在鼓楼医院急诊打护士) is not taken for a workplace
    return re.compile(rf"^(?:[\u4e00-\u9fff]{{0,2}}?的[\u4e00-\u9fff]{{0,4}}?|[\u4e00-\u9fff]{{0,2}}?)({jobs})")

def _job_after(after: str, direct: bool) -> str | None:
    """The job right after an organisation; ``direct`` (a school): only right after it or after
    的 — 在烹饪学校学厨师 is a student's school, 二中的体育老师 a teacher's workplace."""
    m = _job_pattern().match(after)
    if not m:
        return None
    if direct and m.start(1) > 0 and not after.startswith("的"):
        return None
    if after.startswith(_DESK_LINES, m.end(1)):
        return None        # 如家酒店前台电话, X客服热线: the organisation's desk, not someone's job
    if after.startswith(("专业", "系", "方向"), m.end(1)):
        return None        # X学院会计专业: a student's major, not a job
    return m.group(1)

_DESK_LINES = ("电话", "热线", "座机", "号码", "邮箱", "微信")

def _ward_length(text: str, end: int) -> int:
    """A hospital's ward or an office's section right after it (药剂科, 档案室), before its staff."""
    m = _WARD.match(text, end)
    return m.end() - end if m else 0

_WARD = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:科|室)(?=的|[\s，,]|$)")


def _department_length(text: str, end: int) -> int:
    m = _DEPARTMENT_OR_SIDE.match(text, end)
    return m.end() - end if m else 0


def _job_before(text: str, start: int, names: list[Finding]) -> bool:
    """Whether the name before "（organisation）" comes after a job (班主任X（…中学）: the school
    is the teacher's workplace)."""
    name = next(f for f in names if 0 <= start - 1 - f.end <= 1)
    lead = text[max(0, name.start - 5):name.start]
    return any(lead.endswith(job) for job in word_list("jobs") if job not in word_list("school_members"))

def _teacher_named_before(text: str, start: int, names: list[Finding]) -> bool:
    """A teacher named shortly before the school, in the same sentence (班主任郑某某，X中学的;
    班主任：潘某某，男，…，X中学)."""
    for f in names:
        if 0 <= start - f.end <= TEACHER_REACH and not _SENTENCE_BREAK.search(text, f.end, start):
            lead = text[max(0, f.start - 8):f.start].rstrip(" /｜|:：，,、")
            if lead.endswith(_TEACHERS):
                return True
    return False

TEACHER_REACH = 30
_SENTENCE_BREAK = re.compile(r"[。！!？?\n]")


def _teacher_listed_before(text: str, start: int, names: list[Finding]) -> bool:
    """The list item before the school is a name that follows a teacher's job (班主任/潘某某/X小学)."""
    name = next((f for f in names if 0 <= start - f.end <= 2), None)
    if name is None:
        return False
    lead = text[max(0, name.start - 6):name.start].rstrip(" /｜|:：，,、")
    return lead.endswith(_TEACHERS)


def _label_before(before: str, cue: str) -> bool:
    """``cue`` stands right before the organisation as its label (单位：X, 就职于X, gs X)."""
    if cue in word_list("jobs"):
        return False          # a job names the person's work after the employer (X经理), not before it
    at = before.rfind(cue)
    return len(cue) > 1 and at >= 0 and ROLE_GAP.match(before[at + len(cue):]) is not None

def _ends_like_an_office(value: str) -> bool:
    """A suffix, or a short one (局, 厅, 厂, 中队) on a name of four or more characters: in a list the
    model's ORG of four or more characters ending 人社局 is an office, not 布局 or 结局."""
    return has_suffix(value) or (len(value) >= 4 and value.endswith(_SHORT_SUFFIXES))


_SHORT_SUFFIXES = ("局", "厅", "处", "所", "院", "厂", "署", "委", "办", "中队", "大队", "支队")


def has_suffix(value: str) -> bool:
    return value.endswith(_org_suffixes()) or value.endswith(_school_suffixes())

@lru_cache(maxsize=1)
def _org_suffixes() -> tuple[str, ...]:
    return tuple(w for w in words("org/org_suffixes.txt") if len(w) > 1)

# The poster's own school or workplace counts too, but not an institution's 我校/我司/我院.
# A family member, a partner (past or present) or someone the poster lives beside is someone too.
_CLOSE_PEOPLE = (r"儿子|女儿|闺女|孩子|娃|老公|老婆|媳妇|[哥姐弟妹]{2}|[表堂][哥姐弟妹]|舅舅|姑姑|叔叔|二叔|小姨|室友|舍友|邻居"
                 r"|前男友|前女友|前任|前夫|前妻|男朋友|女朋友|男友|女友|对象")
_PRONOUN = re.compile(r"[他她你]|(?<!不是)(?<!非)本人|ta|TA|我(?![校司院局部行所厂])|(?<![A-Za-z])(?:he|she|his|her|him|I|my|me)(?![A-Za-z])"
                      rf"|{_CLOSE_PEOPLE}")

def own_address(text: str, start: int, end: int, f: Finding) -> bool:
    """``f`` is the address of the organisation at start..end itself, not a person's: written right
    before it (…路8号八号楼五楼X科技有限公司) or right after it behind a label (X派出所地址：…)."""
    if f.type != "ADDRESS":
        return False
    return 0 <= start - f.end <= 2 or (0 <= f.start - end <= 6 and "地址" in text[end:f.start])


def _poster_implied(text: str, start: int, end: int, cue: str) -> bool:
    """A sentence that opens with 在X + a work or study verb and no subject is the poster's own
    (在滨江一家做跨境电商的小公司干满三年…): Chinese leaves the first person out. Not where the
    verb phrase describes people (在X上班的朋友都知道…)."""
    if cue in _BARE_CUES:
        return False
    if cue in _OWN_UNIT_LABELS and _SENTENCE_OPENING.search(text, 0, max(0, start - len(cue) - 1)) \
            and text[max(0, start - len(cue) - 1):start].lstrip().startswith(cue):
        return True           # 单位（X）发的年终奖…: a post that opens on "my unit"
    role = _AS_A.search(text, max(0, start - 6), start)
    if role:                  # 作为X的柜员，…: the poster speaks as one
        return _SENTENCE_OPENING.search(text, 0, role.start()) is not None and (
            cue in word_list("jobs") or cue in word_list("school_members") or cue == "一员")
    before = text[max(0, start - 3):start].rstrip()
    if not before.endswith(_AT) and not (before.endswith(("去", "到")) and cue in _JOINING):
        return False          # (去X实习, 到X报到: starting there, said without 我)
    at = start - 3 + len(before) - 1 if start >= 3 else len(before) - 1
    if not _SENTENCE_OPENING.search(text, 0, at):
        return False
    phrase = _CLAUSE_END.split(text[end:end + 20], 1)[0]
    return _PEOPLE_DESCRIBED.search(phrase) is None

_OWN_UNIT_LABELS = ("单位", "我单位")      # (not 公司：, which heads a shop's own ad)
# "as one of them", right before the organisation (作为X的柜员, 身为一名X的护士, 成为X的一员)
_AS_A = re.compile(r"(?:作为|身为|成为)(?:一名|一个|一位)?\s*$")     # (终于成为X的一员)
# What may stand before a subject-less 在 that opens a sentence: nothing, a break, a time word.
_SENTENCE_OPENING = re.compile(r"(?:^|[。！!？?\n；;：:，,~～…]|[\U0001F300-\U0001FAFF])\s*"
                               r"(?:(?:现在|目前|今年|去年|前年|明年|之前|以前|如今|毕业后|已经|还|刚|正式|终于|即将|开始|周末|平时|每天|最近|白天|晚上|下个月|下周|一直|今天|今日|昨天|明天|第一天|头一天)\s*)*$")
_PEOPLE_DESCRIBED = re.compile(r"的(?:人|朋友|同事|姐妹|兄弟|家人|们|都|员工|小伙伴|同学|老师|学生)")


# a relation or a role as the subject of 在X (前男友现在在X，…; 我表姐还在X): someone is there
_SUBJECT_AT = re.compile(rf"(?:{_CLOSE_PEOPLE}|同学|同事|房东)(?:现在|目前|如今|还|也|一直|已经|好像|听说)*(?:在|喺)\s*$")


def _about_a_person(text: str, start: int, end: int, details: list[Finding], names: list[Finding],
                    reach: int, pronoun: bool = True) -> bool:
    """The organisation is someone's: a name or a detail within ``reach``, or a pronoun close by.
    In a list (LIST_REACH) an address does not count: shops are listed beside theirs; nor does the
    organisation's own address (:func:`own_address`)."""
    details = [f for f in details if not own_address(text, start, end, f)]
    if reach == LIST_REACH:
        details = [f for f in details if f.type != "ADDRESS"]
        reach = DETAIL_REACH
    for f in (*details, *names):
        if max(f.start - end, start - f.end) <= reach:
            return True
    if _DESCRIBED_SUBJECT.search(text[max(0, start - 30):start]) or _SUBJECT_AT.search(text[max(0, start - 12):start]):
        return True           # 群里那个天天…的，是X的 / 前男友现在在X: a person described, then placed
    return pronoun and _PRONOUN.search(text, max(0, start - 20), min(len(text), end + 20)) is not None

# The subject of "是X的 / 就是X的Y" is a person described in the words before it (那个天天刷屏的，
# 是X的; 骂人的那位，就是X的柜员): someone the post points at without a name.
_DESCRIBED_SUBJECT = re.compile(r"(?:(?:那个|这个|那位|这位)[^。！？!?\n，,]{1,20}的|的(?:那个人|那个|那位|这位|这个人))"
                                r"[\s，,]*(?:其实|原来|居然|竟然)?(?:就)?是\s*$")
