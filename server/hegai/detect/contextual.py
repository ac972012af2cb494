"""Names, workplaces and schools proposed by the LAC model, kept only where the text ties them to
a private person.

The model (:mod:`hegai.detect.ner_model`) tags 马云, 张某 and 清华大学 as readily as a victim's
name, so a proposal is a finding only behind a *gate*: other personal details close by (a phone,
an ID, an address…), a role or relation right before it (房东, 同事, 他爸), a dossier's marks after
it (，男, 他妈的电话), or — for an organisation — a work or study cue (上班, 大三) in a text that is
about a person. Word classes are in ``hegai/data/model/`` (README there).

Cost: the model tags ~30 k characters a second on one thread, fifty times slower than the rest of
``scan``; it runs only on the clauses around other evidence (structured findings, the cue words of
these lists), never on a whole page. ``scripts/bench`` reports what it costs per set.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .finding import Finding
from .masking import mask
from .recognizers._lexicon import LiteralIndex, pairs, words
from .recognizers._orgname import is_named_organisation

# Types whose presence makes a clause worth reading: a person's details are close.
DETAIL_TYPES = frozenset({"ID_CARD", "PHONE_MOBILE", "PHONE_LANDLINE", "BANK_CARD", "EMAIL", "QQ", "WECHAT",
                          "LICENSE_PLATE", "PASSPORT", "ADDRESS", "DATE_OF_BIRTH", "IP_ADDRESS"})
DETAIL_REACH = 40          # characters between a name and a detail of the same person
SHORT_LINE = 24            # a dossier's line ("姓名｜…", "👤…"): its neighbours' details count too
ROLE_GAP = re.compile(r"[他她的]?[\s:：|｜\-—]*(?:是|叫|为)?[\s:：|｜]*$")   # 认识她 X, 房东：X, 同组的X
CLAUSE_END = re.compile(r"[\n。！？!?；;]")
MAX_CLAUSE = 120
SCORE_NAME, SCORE_ORG = 0.62, 0.6
COMMON_SURNAMES = 200
LONG_REACH = 150
MODEL_BUDGET = 20_000      # characters the model may read per text (~0.7 s on one core)
MAX_FINDING = 300          # no finding is longer: how far back a window looks for one that reaches in
LIST_REACH = -1            # a list mark: the person's details must be close, and not only an address           # a workplace or school cue: the person may be named a few lines away      # ~96% of people carry one of them


@dataclass
class Clause:
    start: int
    end: int
    text: str
    details: list          # detail findings inside it
    cues: bool             # holds a role, lead, work or school cue


@lru_cache(maxsize=None)
def _list(name: str) -> tuple[str, ...]:
    return words(f"model/{name}.txt")


@lru_cache(maxsize=1)
def _cue_index() -> LiteralIndex:
    person_cues = [cue for _, cue in pairs("person/cues.tsv")]
    after = [w.strip(" ，,") for w in _list("person_after") if len(w.strip(" ，,")) > 1]
    return LiteralIndex([*_list("person_roles"), *_list("person_leads"), *person_cues, *after,
                         *_work_and_school_words()])


def _work_and_school_words() -> list[str]:
    # one-character cues (当, 做, 班) are too common to open a clause on their own
    return [w for w in (*_list("work_cues"), *_list("school_cues")) if len(w) > 1]


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset, frozenset]:
    names = words("person/surnames.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


@lru_cache(maxsize=1)
def _not_people() -> frozenset:
    return frozenset(_list("public_figures")) | frozenset(words("person/not_names.txt"))


def refine(text: str, findings: list[Finding]) -> list[Finding]:
    """The other recognizers' ``findings`` (not resolved yet) with the model's view added: its
    gated names and organisations, less the cue-found names it reads as ordinary words."""
    clauses = _clauses(text, findings)
    wanted = _worth_reading(clauses)
    if not wanted:
        return findings
    from . import ner_model

    tagger = ner_model.tagger()
    if tagger is None:
        return findings
    tagged = tagger.tag([clauses[i].text for i in wanted])
    kept = _without_non_names(findings, [clauses[i] for i in wanted], tagged)
    names = _ByStart(f for f in kept if f.type == "PERSON_NAME")
    orgs = _ByStart(f for f in kept if f.type in ("WORKPLACE", "SCHOOL"))
    added: list[Finding] = []
    for i, spans in zip(wanted, tagged):
        clause = clauses[i]
        evidence = _neighbour_details(clauses, i) + orgs.within(clause.start - DETAIL_REACH, clause.end + DETAIL_REACH)
        taken = [(f.start - clause.start, f.end - clause.start) for f in clause.details]
        spans = [sp for sp in spans if not any(a < sp.end and sp.start < b for a, b in taken)]
        for span in spans:
            if span.tag == "PER":
                found = _person(text, clause, span, evidence)
                if found:
                    added.append(found)
                    names.add(found)
        near_names = names.within(clause.start - LONG_REACH, clause.end + LONG_REACH)
        added.extend(_organisations(text, clause, spans, evidence, near_names))
    return kept + added


class _ByStart:
    """Findings sorted by start, for the ones near a clause without walking them all (a page of
    addresses has thousands of clauses: a walk per clause went quadratic)."""

    def __init__(self, findings):
        self.items = sorted(findings, key=lambda f: f.start)
        self.starts = [f.start for f in self.items]

    def add(self, finding: Finding) -> None:
        at = bisect.bisect_right(self.starts, finding.start)
        self.starts.insert(at, finding.start)
        self.items.insert(at, finding)

    def within(self, lo: int, hi: int) -> list[Finding]:
        first = bisect.bisect_left(self.starts, lo - MAX_FINDING)
        last = bisect.bisect_right(self.starts, hi)
        return [f for f in self.items[first:last] if f.end > lo]


_FUNCTION_TAGS = frozenset({"c", "p", "u", "xc", "w"})


def _not_an_organisation(f: Finding, starts: list[int], clauses: list[Clause], tagged) -> bool:
    """A cue-found workplace or school the model reads as a time (入职第一天) or that starts with a
    function word (工作单位和手机号: 和 is "and")."""
    k = bisect.bisect_right(starts, f.start) - 1
    if k < 0 or f.end > clauses[k].end:
        return False
    base = clauses[k].start
    words_at = [sp for sp in tagged[k] if base + sp.start < f.end and f.start < base + sp.end]
    if not words_at:
        return False
    first = words_at[0]
    return first.tag in _FUNCTION_TAGS or all(sp.tag in ("TIME", "m", "t") for sp in words_at)


def _without_non_names(findings: list[Finding], clauses: list[Clause], tagged) -> list[Finding]:
    """Drop a cue-found name the model reads as other words: one common noun (叫豆包, a pet) or
    across a function word (真名和宿舍号: 和 is "and"). A name the model reads as a word of another
    kind (夏天, 许诺) stays: names are often words too. Names in clauses it did not read stay."""
    starts = [c.start for c in clauses]

    def non_name(f: Finding) -> bool:
        if f.type in ("WORKPLACE", "SCHOOL"):
            return _not_an_organisation(f, starts, clauses, tagged)
        if f.type != "PERSON_NAME":
            return False
        k = bisect.bisect_right(starts, f.start) - 1
        if k < 0 or f.end > clauses[k].end:
            return False
        base = clauses[k].start
        words_at = [(base + sp.start, base + sp.end, sp.tag) for sp in tagged[k]
                    if base + sp.start < f.end and f.start < base + sp.end]
        if any(tag == "PER" for _, _, tag in words_at):
            return False
        # a two-character common noun (汤圆, 可乐: a pet); a longer one is a name the model
        # did not know (渣男钱明哲)
        exact_noun = f.end - f.start == 2 and any(a == f.start and b == f.end and tag == "n" for a, b, tag in words_at)
        return exact_noun or any(tag in _FUNCTION_TAGS for _, _, tag in words_at)

    return [f for f in findings if not non_name(f)]


# ---- clauses ---------------------------------------------------------------------------

def _clauses(text: str, findings: list[Finding]) -> list[Clause]:
    clauses, start = [], 0
    for m in CLAUSE_END.finditer(text):
        clauses.extend(_cut(text, start, m.start()))
        start = m.end()
    clauses.extend(_cut(text, start, len(text)))
    details = sorted((f for f in findings if f.type in DETAIL_TYPES), key=lambda f: f.start)
    k = 0
    for clause in clauses:
        while k < len(details) and details[k].end <= clause.start:
            k += 1
        j = k
        while j < len(details) and details[j].start < clause.end:
            clause.details.append(details[j])
            j += 1
    return clauses


def _cut(text: str, start: int, end: int):
    """Clauses of at most MAX_CLAUSE characters, cut at a comma where one is near."""
    while start < end:
        stop = end
        if end - start > MAX_CLAUSE:
            comma = max(text.rfind(c, start + MAX_CLAUSE // 2, start + MAX_CLAUSE) for c in "，,、 ")
            stop = comma + 1 if comma > start else start + MAX_CLAUSE
        piece = text[start:stop]
        if piece.strip():
            yield Clause(start, stop, piece, [], False)
        start = stop


def _worth_reading(clauses: list[Clause]) -> list[int]:
    """Indexes of the clauses to tag: those with a detail or a cue, and short lines beside a
    clause with details; not those the details fill (a line that is one address has no room
    for a name), and no more than MODEL_BUDGET characters in all, so that a page of addresses
    costs a bounded time (the cue recognizers still read everything)."""
    index = _cue_index()
    for clause in clauses:
        clause.cues = next(index.finditer(clause.text), None) is not None
    keep = set()
    for i, clause in enumerate(clauses):
        if clause.details or clause.cues:
            keep.add(i)
        if clause.details:
            keep.update(j for j in (i - 1, i + 1)
                        if 0 <= j < len(clauses) and len(clauses[j].text) <= SHORT_LINE)
    chosen, budget = [], MODEL_BUDGET
    for i in sorted(keep):
        clause = clauses[i]
        if _room_left(clause) < 2:
            continue
        budget -= len(clause.text)
        if budget < 0:
            break
        chosen.append(i)
    return chosen


def _room_left(clause: Clause) -> int:
    covered = sum(min(f.end, clause.end) - max(f.start, clause.start) for f in clause.details)
    return len(clause.text.strip()) - covered


def _neighbour_details(clauses: list[Clause], i: int) -> list[Finding]:
    """Details in clause ``i``, plus its neighbours' when it is a short dossier line."""
    if len(clauses[i].text) > SHORT_LINE:
        return clauses[i].details
    return clauses[i].details + [f for j in (i - 1, i + 1) if 0 <= j < len(clauses) for f in clauses[j].details]


_LEADING_MARKS = re.compile(r"^[^\u4e00-\u9fffA-Za-z]*")   # the model keeps 👤/🏢 with the name


# ---- people ----------------------------------------------------------------------------

def _person(text: str, clause: Clause, span, neighbours: list[Finding]) -> Finding | None:
    value = _LEADING_MARKS.sub("", clause.text[span.start:span.end]).strip()
    if not value:
        return None
    start = clause.start + clause.text.index(value, span.start)
    end = start + len(value)
    if not _name_shaped(value) or _touches_address(neighbours, start, end):
        return None
    reason = _person_evidence(text, start, end, neighbours)
    if reason is None:
        return None
    return Finding("PERSON_NAME", start, end, value, SCORE_NAME, mask("PERSON_NAME", value),
                   ["模型: 人名", reason])


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
    if not 2 <= len(value) <= 4 or value in _not_people() or value.endswith(_list("titles")):
        return False
    if not all("\u4e00" <= ch <= "\u9fff" for ch in value) or "某" in value:
        return False
    if value[:2] in double:
        return len(value) >= 3
    if len(value) == 2 and value[0] not in _common_surnames():
        return False
    return value[0] in single and len(value) <= 3


@lru_cache(maxsize=1)
def _common_surnames() -> frozenset:
    """The first COMMON_SURNAMES of surnames.txt (ordered by frequency)."""
    return frozenset(n for n in words("person/surnames.txt")[:COMMON_SURNAMES] if len(n) == 1)


def _person_evidence(text: str, start: int, end: int, details: list[Finding]) -> str | None:
    before = text[max(0, start - 8):start]
    for word in (*_list("person_roles"), *_list("person_leads"), *_list("jobs")):
        if word in before and ROLE_GAP.match(before[before.rfind(word) + len(word):]):
            return f"线索词: {word}"
    after = text[end:end + 6]
    for word in _list("person_after"):
        if after.startswith(word) or after.lstrip(" ：:，,").startswith(word.strip(" ，,")) and len(word.strip()) > 1:
            return "其后有个人信息标记"
    for f in details:
        if max(f.start - end, start - f.end) <= DETAIL_REACH and (f.type != "ADDRESS" or _lives_there(text, f)):
            return "旁有其他个人信息"
    return None


# ---- organisations ---------------------------------------------------------------------

def _organisations(text: str, clause: Clause, spans, evidence: list[Finding], names: list[Finding]):
    for value, start in _org_candidates(clause, spans):
        end = start + len(value)
        kind = "SCHOOL" if value.endswith(_school_suffixes()) else "WORKPLACE"
        read = _org_reading(text, start, end, kind, names)
        if read is None:
            continue
        kind, cue, reach = read
        shortest = 2 if reach == LONG_REACH else 4      # 川大, 北邮, 链家 only with a clear cue
        if len(value) < shortest or not _about_a_person(text, start, end, evidence, names, reach):
            continue
        yield Finding(kind, start, end, value, SCORE_ORG, mask(kind, value), ["模型: 机构名", f"线索词: {cue}"])


# "一家叫星澜互动的游戏公司": the name of a small company, which the model rarely knows.
_CALLED = re.compile(r"(?:一家|一个)叫(?:做)?([\u4e00-\u9fffA-Za-z0-9]{2,10}?)的[\u4e00-\u9fff]{0,6}?"
                     r"(?:公司|工作室|店|机构|医院|诊所|学校|工厂|厂|会所|中心)")


def _org_candidates(clause: Clause, spans):
    """(value, start in text) of each ORG span, of shop/branch names the model leaves in pieces
    (LOC + nouns + a shop ending, with a branch in brackets after it), and of "一家叫X的…公司"."""
    text = clause.text
    for m in _CALLED.finditer(text):
        yield m.group(1), clause.start + m.start(1)
    i = 0
    while i < len(spans):
        span = spans[i]
        if span.tag == "ORG" or (span.tag == "LOC" and value_has_suffix(text[span.start:span.end])):
            end = _with_branch(text, span.end)
            begin = span.start + len(_LEADING_MARKS.match(text[span.start:end]).group())
            value = _without_department(text[begin:end])
            if is_named_organisation(value):
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


_NAMEISH = frozenset({"LOC", "n", "nz", "ORG", "PER"})


_DEPARTMENT = re.compile(r"^(.{2,}?(?:大学|大學))(?!.*(?:校区|校區|分校)).{2,}(?:学院|學院|系)$")


def _without_department(value: str) -> str:
    """A university, not its department: 中国人民大学法学院 → 中国人民大学 (a campus stays:
    …大学珠海校区)."""
    m = _DEPARTMENT.match(value)
    return m.group(1) if m else value


def _shop_end(text: str, spans, i: int) -> int | None:
    """Index of a shop ending reached from spans[i] through name-like words, or None."""
    if spans[i].tag not in ("LOC", "nz", "PER"):
        return None
    for j in range(i, min(i + 5, len(spans))):
        if spans[j].tag not in _NAMEISH:
            return None
        word = text[spans[j].start:spans[j].end]
        if j > i and word.endswith(_list("shop_suffixes")):
            return j
    return None


def _branch_end(text: str, spans, i: int) -> int | None:
    """Index of the last word of a brand written before its branch in brackets (奈雪的茶（天河城店）,
    万科物业（翠苑一区）): up to four name-like words from spans[i] (的 may join them)."""
    if spans[i].tag not in _NAMEISH:
        return None
    for j in range(i, min(i + 4, len(spans))):
        word = text[spans[j].start:spans[j].end]
        if spans[j].tag not in _NAMEISH and word != "的":
            return None
        if spans[j].end - spans[i].start > 12:
            return None
        if _BRANCH.match(text, spans[j].end) and word != "的":
            return j
    return None


_BRANCH = re.compile(r"[（(][^（）()\n]{1,10}(?:店|分店|门店|校区|分校|分园|园区|支行|分行|网点|[一二三四五六七八九十0-9]+区)[）)]")


def _with_branch(text: str, end: int) -> int:
    m = _BRANCH.match(text, end)
    return m.end() if m else end


@lru_cache(maxsize=1)
def _school_suffixes() -> tuple[str, ...]:
    return tuple(words("org/school_suffixes.txt")) + ("学院", "系")


_LIST_MARK = re.compile(r"(?:^|[\n|｜:：,，、/;；\s])[^\u4e00-\u9fffA-Za-z0-9]*$")
_OWNER_END = re.compile(r"^(?:的)?[\s，,。！!？?~]|^的$|^$")


def _org_reading(text: str, start: int, end: int, kind: str, names: list[Finding]):
    """(kind, cue, reach) when the words around the organisation make it someone's, else None.
    ``reach``: how far the person's name or details may be (a cue that says "this is where they
    work" carries further than a list mark)."""
    after, before = text[end:end + 12], text[max(0, start - 8):start]
    job = _job_after(after, direct=kind == "SCHOOL")
    if job:                                   # 求是中学的老师, X的体育老师: a school is a teacher's workplace
        return ("WORKPLACE" if job not in _list("school_members") else "SCHOOL"), job, LONG_REACH
    cues = _list("school_cues") if kind == "SCHOOL" else _list("work_cues")
    for cue in cues:
        if after.lstrip(" ，,0123456789年的").startswith(cue) or _label_before(before, cue):
            return kind, cue, LONG_REACH
    if before.endswith(("在", "于")) and after[:1] in _WORK_VERB_STARTS:
        studying = _STUDYING.match(after) is not None      # 在X上学/上三年级 vs 在X上班/教语文
        return ("SCHOOL" if studying else "WORKPLACE"), before[-1] + after[:2], LONG_REACH
    if kind == "SCHOOL" and before.endswith(("读", "考上", "考进", "考到")):
        return kind, before[-2:], LONG_REACH
    if before.rstrip().endswith("是") and _OWNER_END.match(after):        # 他是X的 / 她就是X的
        return kind, "是…的", DETAIL_REACH
    if any(0 <= f.start - end <= 4 for f in names):                       # X那个马某某 / X的，叫…
        return kind, "人名", DETAIL_REACH
    if before.endswith("叫") and text[end:end + 1] == "的" and _CALLED_AFTER.match(text, end + 1):
        return kind, "一家叫…的", LONG_REACH
    if before[-1:] in ("（", "(") and any(0 <= start - 1 - f.end <= 1 for f in names):
        return "WORKPLACE" if _job_before(text, start, names) else kind, "人名（单位）", DETAIL_REACH
    if _LIST_MARK.search(before) and value_has_suffix(text[start:end]) \
            and not any(w in before for w in _list("not_work_labels")):     # 姓名｜…｜X｜家长…
        return kind, "个人信息罗列", DETAIL_REACH
    return None


_CALLED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:公司|工作室|店|机构|医院|诊所|学校|工厂|厂|会所|中心)"
                           r"[\u4e00-\u9fff]{0,3}?(?:上班|工作|实习|做|当|干|任职)")
_STUDYING = re.compile(r"^(?:读|念|学|上学|上课|在读|上[一二三四五六七八九初高大][一二三四五六年级]?)")
_WORK_VERB_STARTS = frozenset("上工读当做实任干教搬跑带开学")   # 在X上班/工作/读书/当…/做…/干中介/教语文…


@lru_cache(maxsize=1)
def _job_pattern() -> re.Pattern:
    jobs = "|".join(sorted(map(re.escape, _list("jobs")), key=len, reverse=True))
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
    return m.group(1)


def _job_before(text: str, start: int, names: list[Finding]) -> bool:
    """Whether the name before "（organisation）" comes after a job (班主任X（…中学）: the school
    is the teacher's workplace)."""
    name = next(f for f in names if 0 <= start - 1 - f.end <= 1)
    lead = text[max(0, name.start - 5):name.start]
    return any(lead.endswith(job) for job in _list("jobs") if job not in _list("school_members"))


def _label_before(before: str, cue: str) -> bool:
    """``cue`` stands right before the organisation as its label (单位：X, 就职于X, gs X)."""
    if cue in _list("jobs"):
        return False          # a job names the person's work after the employer (X经理), not before it
    at = before.rfind(cue)
    return len(cue) > 1 and at >= 0 and ROLE_GAP.match(before[at + len(cue):]) is not None


def value_has_suffix(value: str) -> bool:
    return value.endswith(_org_suffixes()) or value.endswith(_school_suffixes())


@lru_cache(maxsize=1)
def _org_suffixes() -> tuple[str, ...]:
    return tuple(w for w in words("org/org_suffixes.txt") if len(w) > 1)


# The poster's own school or workplace counts too, but not an institution's 我校/我司/我院.
_PRONOUN = re.compile(r"[他她]|(?<!不是)(?<!非)本人|ta|TA|我(?![校司院局部行所厂])")


def _about_a_person(text: str, start: int, end: int, details: list[Finding], names: list[Finding],
                    reach: int) -> bool:
    """The organisation is someone's: a name or a detail within ``reach``, or a pronoun close by.
    In a list (LIST_REACH) an address does not count: shops are listed beside theirs."""
    if reach == LIST_REACH:
        details = [f for f in details if f.type != "ADDRESS"]
        reach = DETAIL_REACH
    for f in (*details, *names):
        if max(f.start - end, start - f.end) <= reach:
            return True
    return _PRONOUN.search(text, max(0, start - 20), min(len(text), end + 20)) is not None
