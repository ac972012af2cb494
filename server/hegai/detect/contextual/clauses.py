"""The context gate's shared parts: its constants, the word classes of ``hegai/data/model/``
(README there) and the clauses the model reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..finding import Finding
from ..recognizers._address_script import fold as fold_script
from ..recognizers._lexicon import LiteralIndex, pairs, words

# Types whose presence makes a clause worth reading: a person's details are close.
DETAIL_TYPES = frozenset({"ID_CARD", "PHONE_MOBILE", "PHONE_LANDLINE", "BANK_CARD", "EMAIL", "QQ", "WECHAT",
                          "LICENSE_PLATE", "PASSPORT", "ADDRESS", "DATE_OF_BIRTH", "IP_ADDRESS"})
DETAIL_REACH = 40          # characters between a name and a detail of the same person
SHORT_LINE = 24            # a dossier's line ("姓名｜…", "👤…"): its neighbours' details count too
# 认识她 X, 房东：X, 同组的X, 就是这个人，X, 找人💰 X: between a cue and the name only 他/她/的,
# 是/叫/为 and marks (punctuation, spaces, emoji — anything that is not a word character)
ROLE_GAP = re.compile(r"[他她的]?[^\w]*(?:是|叫|为)?[^\w]*$")
CLAUSE_END = re.compile(r"[\n。！？!?；;]")
MAX_CLAUSE = 120
SCORE_NAME, SCORE_ORG = 0.62, 0.6
COMMON_SURNAMES = 200      # ~96% of people carry one of them
LONG_REACH = 150           # a workplace or school cue: the person may be named a few lines away
MODEL_BUDGET = 20_000      # characters the model may read per text (~0.7 s on one core)
MAX_FINDING = 300          # no finding is longer: how far back a window looks for one that reaches in
LIST_REACH = -1            # a list mark: the person's details must be close, and not only an address


@dataclass
class Clause:
    start: int
    end: int
    text: str
    details: list          # detail findings inside it
    cues: bool             # holds a role, lead, work or school cue

@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    return words(f"model/{name}.txt")

LEADING_MARKS = re.compile(r"^[^\u4e00-\u9fffA-Za-z]*")   # the model keeps 👤/🏢 with the name

@lru_cache(maxsize=1)
def _cue_index() -> LiteralIndex:
    person_cues = [cue for _, cue in pairs("person/cues.tsv")]
    after = [w.strip(" ，,") for w in word_list("person_after") if len(w.strip(" ，,")) > 1]
    return LiteralIndex([*word_list("person_roles"), *word_list("person_leads"), *person_cues, *after,
                         *word_list("person_aimed"), *_work_and_school_words()])

def _work_and_school_words() -> list[str]:
    # one-character cues (当, 做, 班) are too common to open a clause on their own; the endings of
    # schools, organisations and shops, their units and jobs (大学, 医院, 电子厂, 营业部, 柜员) open
    # one: 江南大学设计学院的某某 names a student, 在X电子厂干了三年 a worker, with no other cue
    cues = (*word_list("work_cues"), *word_list("school_cues"), *words("org/school_suffixes.txt"),
            *words("org/org_suffixes.txt"), *word_list("shop_suffixes"), *word_list("jobs"),
            *word_list("org_units"), *word_list("work_labels"), *word_list("brands"), *word_list("gig_platforms"))
    return [w for w in cues if len(w) > 1]

def clauses_of(text: str, findings: list[Finding]) -> list[Clause]:
    """The text cut at line and sentence ends (long sentences at a comma), each with its details."""
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

# A unit's name before 的 or work (X人事部的，…; X财务科的Y; X派出所上班, X海关报到): someone
# belongs to it, whatever it is called — too many names to list as cue words.
_BELONGS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9](?:(?:部|科|处|厂|院|局|所|站|队)的|(?:店|馆)的(?=[，,。！!？?\s]|$)"
                      r"|(?:部|科|处|厂|院|局|所|站|店|馆|队)(?:上班|工作|实习|打工|报到|入职|离职|上岗))")


# A clause that opens on a few characters and "you" (X，你…; X你听着): perhaps a name said to its
# bearer (people.py reads whether it is one). A name alone before ！ is a clause of its own: the
# next one opens on 你.
_ADDRESSING = re.compile(r"[^\w@]*@?[\u4e00-\u9fff]{2,4}(?:[\s，,~～…]+[^，,]{0,10}?)?你|[^\w@]*@?[\u4e00-\u9fff]{2,4}[^\w]*$")


def worth_reading(clauses: list[Clause]) -> list[int]:
    """Indexes of the clauses to tag: those with a detail or a cue, and short lines beside a
    clause with details; not those the details fill (a line that is one address has no room
    for a name), and no more than MODEL_BUDGET characters in all, so that a page of addresses
    costs a bounded time (the cue recognizers still read everything)."""
    index = _cue_index()
    for clause in clauses:
        # cue words are listed in simplified script: 護士 is 护士 (the same length, one for one)
        folded = fold_script(clause.text)
        clause.cues = next(index.finditer(folded), None) is not None or _BELONGS.search(folded) is not None \
            or _ADDRESSING.match(folded) is not None
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
    """Characters of the clause no detail covers. The details are not resolved yet: candidates
    overlap (an address candidate over a phone), so the union counts, not the sum — a sum took
    "裴某某 <ID> <school> <phone>" for a line with no room for a name."""
    covered, reach = 0, clause.start
    for f in sorted(clause.details, key=lambda f: f.start):
        start, end = max(f.start, reach), min(f.end, clause.end)
        if end > start:
            covered += end - start
            reach = end
    return len(clause.text.strip()) - covered

def neighbour_details(clauses: list[Clause], i: int) -> list[Finding]:
    """Details in clause ``i``, plus its neighbours' when it is a short dossier line."""
    if len(clauses[i].text) > SHORT_LINE:
        return clauses[i].details
    return clauses[i].details + [f for j in (i - 1, i + 1) if 0 <= j < len(clauses) for f in clauses[j].details]
