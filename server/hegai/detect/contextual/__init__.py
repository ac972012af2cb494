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
from functools import lru_cache

from ..finding import Finding
from ..recognizers._lexicon import LiteralIndex
from .clauses import DETAIL_REACH, DETAIL_TYPES, LONG_REACH, MAX_FINDING, Clause, clauses_of, neighbour_details, word_list, worth_reading
from . import spacing, span_model
from .organisations import (BARE_AT, HIRING, OWN_CONTACT_AFTER, WITHHELD, employers_found_as_addresses, gig_platform, org_verdicts, own_address, place_of_an_act,
                            shops_inside_malls)
from .people import initialled_names, mended, name_candidate, person, person_evidence, withheld_name

__all__ = ["candidates", "refine"]


def refine(text: str, findings: list[Finding]) -> list[Finding]:
    """The other recognizers' ``findings`` (not resolved yet) with the model's view added: its
    gated names and organisations, less the cue-found names it reads as ordinary words. A post in
    traditional script or spaced word by word is read in simplified script without the spaces
    (:mod:`.spacing`)."""
    view = spacing.view_of(text)
    if view is None:
        return _refined(text, findings)
    reading = spacing.Reading(view, text, findings)
    return reading.back(_refined(view.text, reading.moved))


def _refined(text: str, findings: list[Finding]) -> list[Finding]:
    found, rejected = _read(text, findings)
    return shops_inside_malls(text, found + _learned(rejected, found))


def candidates(text: str, findings: list[Finding]) -> tuple[list[Finding], list[dict]]:
    """For training the learned gate: the findings with the rule gates' view only, and every
    name and organisation the model proposes, with the gate's features and what the rules made
    of it (``rule``: the type they found, or None) — read as :func:`refine` reads the post."""
    view = spacing.view_of(text)
    if view is None:
        return _candidates(text, findings)
    reading = spacing.Reading(view, text, findings)
    found, proposals = _candidates(view.text, reading.moved)
    for p in proposals:
        p["start"], p["end"] = view.span_back(p["start"], p["end"])
        p["value"] = text[p["start"]:p["end"]]
    return reading.back(found), proposals


def _candidates(text: str, findings: list[Finding]) -> tuple[list[Finding], list[dict]]:
    found, proposals = _read(text, findings, every=True)
    return found, [{"kind": c.kind, "start": c.start, "end": c.end, "value": c.value, "rule": c.rule,
                    "anchored": anchored(c, found), "features": c.features(found)} for c in proposals]


class _Proposal:
    """A candidate the learned gate may look at; features are computed from the final findings."""

    def __init__(self, kind, text, clause, tags, start, end, value, rule, details, extra):
        self.kind, self.text, self.clause, self.tags = kind, text, clause, tags
        self.start, self.end, self.value, self.rule = start, end, value, rule
        self.details, self.extra = details, extra

    def features(self, found: list[Finding]) -> list[str]:
        if self.kind == "name":
            orgs = [f for f in found if f.type in ("WORKPLACE", "SCHOOL")]
            return span_model.name_features(self.text, self.clause, self.tags, self.start, self.end, self.value,
                                            self.extra, self.details, orgs)
        names = [f for f in found if f.type == "PERSON_NAME" and f.start != self.start]
        verdict = self.extra
        return span_model.org_features(self.text, self.clause, self.tags, self.start, self.end, self.value,
                                       verdict.kind, verdict.read, verdict.about, self.details, names, verdict.loose)


def _read(text: str, findings: list[Finding], every: bool = False) -> tuple[list[Finding], list[_Proposal]]:
    """(findings with the rule gates' names and organisations, the proposals they turned down —
    or, with ``every``, all proposals)."""
    clauses = clauses_of(text, findings)
    wanted = worth_reading(clauses)
    if not wanted:
        return findings, []
    from .. import ner_model

    tagger = ner_model.tagger()
    if tagger is None:
        return findings, []
    tagged = [mended(clauses[i].text, spans)
              for i, spans in zip(wanted, tagger.tag([_as_the_model_reads(clauses[i]) for i in wanted]))]
    kept = _without_non_names(findings, [clauses[i] for i in wanted], tagged)
    names = _ByStart(f for f in kept if f.type == "PERSON_NAME")
    orgs = _ByStart(f for f in kept if f.type in ("WORKPLACE", "SCHOOL"))
    added: list[Finding] = []
    replaced: set[int] = set()
    units = [(i, _unclaimed(clauses[i], spans), spans) for i, spans in zip(wanted, tagged)]
    proposals: list[_Proposal] = []
    # Twice: a name found makes the organisation beside it someone's (我是X学院的黎某某), and an
    # organisation found is a detail for the name beside it (金某某 云南大学大四). The learned gate
    # looks at what the second pass still turns down.
    for last in (False, True):
        for i, spans, words in units:
            clause = clauses[i]
            evidence = neighbour_details(clauses, i) + orgs.within(clause.start - DETAIL_REACH, clause.end + DETAIL_REACH)
            for found in initialled_names(text, clause, evidence):      # 王zh: the model never tags these
                if not _already(names, found):
                    added.append(found)
                    names.add(found)
            for span in spans:
                found = person(text, clause, span, evidence) if span.tag == "PER" else None
                if found and not _already(names, found):
                    added.append(found)
                    names.add(found)
                if last and span.tag == "PER" and (every or found is None):
                    proposals.extend(_name_proposal(text, clause, words, span, evidence, found))
            near_names = names.within(clause.start - LONG_REACH, clause.end + LONG_REACH)
            # a full name the model proposes here counts for its organisation (庞某某 在X上班):
            # each is the other's evidence, and the name follows in the second pass
            proposed = _proposed_names(clause, spans, evidence)
            for verdict in org_verdicts(text, clause, spans, evidence, near_names, proposed):
                if last and (every or verdict.finding is None):
                    rule = verdict.finding.type if verdict.finding else None
                    proposals.append(_Proposal("org", text, clause, words, verdict.start, verdict.end,
                                               verdict.value, rule, evidence, verdict))
                found = verdict.finding
                if found is None:
                    continue
                same = _same_span(orgs, found)
                if same is None:
                    added.append(found)
                    orgs.add(found)
                    if verdict.described:
                        # the cue rules' piece of it (单位：X区一家 cut at 做, 在…的Y科技上班: Y科技)
                        replaced.update(id(f) for f in orgs.within(found.start, found.end)
                                        if f is not found and found.start <= f.start and f.end <= found.end)
                        # …and the address it starts with (X街328号创意产业园4栋的动画公司)
                        replaced.update(id(f) for f in kept if f.type == "ADDRESS"
                                        and found.start <= f.start and f.end <= found.end)
                elif same.type == "SCHOOL" and found.type == "WORKPLACE":
                    # a study cue made it a school, the gate read a teacher (X小学三年级语文老师)
                    replaced.add(id(same))
                    added.append(found)
    result = [f for f in kept if id(f) not in replaced] + [f for f in added if id(f) not in replaced]
    # last: the names found are the people an employer found as an address may belong to
    result = employers_found_as_addresses(text, result)
    return result, proposals


def _name_proposal(text, clause, words, span, evidence, found) -> list[_Proposal]:
    candidate = name_candidate(clause, span, evidence)
    if candidate is None:
        return []
    start, end, value = candidate
    reason = found.reasons[-1] if found else person_evidence(text, start, end, evidence)
    return [_Proposal("name", text, clause, words, start, end, value, "PERSON_NAME" if found else None,
                      evidence, reason)]


_CONTEXTUAL = ("PERSON_NAME", "WORKPLACE", "SCHOOL")
_PERSON_WORDS = re.compile(r"[他她你我]|本人|ta|TA")


def anchored(proposal: "_Proposal", found: list[Finding]) -> bool:
    """Whether a private person is in view: a detail of someone's (phone, ID, address…) or a name,
    workplace or school the rules found within LONG_REACH, a personal pronoun close by, or a word
    saying the post is about someone (避雷, 挂人, 那个男的: ``person_context.txt``). The
    learned gate never acts where none is — company news and executives' biographies name people
    and employers in every line, and none of them is being exposed."""
    lo, hi = proposal.start - LONG_REACH, proposal.end + LONG_REACH
    for f in found:
        if f.end > lo and f.start < hi and (f.type in DETAIL_TYPES or f.type in _CONTEXTUAL) \
                and not (f.start == proposal.start and f.end == proposal.end) \
                and not _its_own_address(f, proposal):
            return True
    text = proposal.text
    if _PERSON_WORDS.search(text, max(0, proposal.start - 20), min(len(text), proposal.end + 20)):
        return True
    window = text[max(0, lo):hi]
    return next(_person_context().finditer(window), None) is not None


def _its_own_address(f: Finding, proposal: "_Proposal") -> bool:
    """An address right before a company (…路8号八号楼五楼X科技有限公司) or after it behind a label
    (X有限公司 地址：…) is where that company is: it says nothing about a person."""
    return proposal.kind == "org" and own_address(proposal.text, proposal.start, proposal.end, f)


@lru_cache(maxsize=1)
def _person_context() -> LiteralIndex:
    return LiteralIndex(word_list("person_context"))


def _learned(rejected: list[_Proposal], found: list[Finding]) -> list[Finding]:
    """The turned-down proposals the learned gate accepts, where nothing of theirs is found yet."""
    taken = sorted((f.start, f.end) for f in found if f.type in _CONTEXTUAL)
    added: list[Finding] = []
    for proposal in rejected:
        if any(a < proposal.end and proposal.start < b for a, b in taken) or not anchored(proposal, found):
            continue
        feats = proposal.features(found)
        if proposal.kind == "name":
            p = span_model.name_probability(feats)
            if p < span_model.threshold("name"):
                continue
            finding = span_model.learned_name(proposal.start, proposal.end, proposal.value, p, feats)
        elif proposal.extra.read is None and place_of_an_act(proposal.text, proposal.start, proposal.end):
            continue          # 在X急诊打护士: where something happened, which the rules read on purpose
        elif proposal.text[proposal.start - 1:proposal.start] == "某":
            continue          # 某美术培训机构: the name withheld, a kind of organisation
        elif gig_platform(proposal.text, proposal.start, proposal.end):
            continue          # 美团骑手: the rules read the app, not an employer
        elif not _HAN.search(proposal.value):
            continue          # nike女鞋…: a brand in Latin letters, which product listings are full of
        elif OWN_CONTACT_AFTER.match(proposal.text, proposal.end):
            continue          # X街道办事处官方投诉邮箱…: the organisation's own contact, nobody's job
        elif _COURIER_HEADING.match(proposal.text, proposal.end):
            continue          # 顺丰速运  标准快递: the courier heading a parcel label
        elif HIRING.match(proposal.text, proposal.end):
            continue          # X医院招前端，简历投…: the organisation's own job ad
        elif _only_there(proposal.extra):
            continue          # 她在X医院，说明天做手术: a patient as often as a nurse
        else:
            probs = span_model.org_probabilities(feats)
            kind = max(("WORKPLACE", "SCHOOL"), key=probs.get)
            read = proposal.extra.read
            if read is not None and read[2] == LONG_REACH and proposal.extra.about:
                kind = read[0]    # X中学的老师: the rules' cue says whose it is; the gate says whether
            p = 1.0 - probs["NONE"] if kind != max(("WORKPLACE", "SCHOOL"), key=probs.get) else probs[kind]
            if 1.0 - probs["NONE"] < span_model.threshold("org"):
                continue
            finding = span_model.learned_org(kind, proposal.start, proposal.end, proposal.value, p, feats)
        added.append(finding)
        taken.append((finding.start, finding.end))
    return added


def _as_the_model_reads(clause: Clause) -> str:
    """The clause with each number-like detail written as plain digits of the same length: the
    model cuts words badly around a phone spaced with emoji (138🌟1234🌟5678 🏫X学院 was one number
    to it), and a found detail needs no reading. Offsets stay; addresses stay as written (their
    words describe employers: X路328号创意园的动画公司)."""
    if not any(f.type in _NUMBER_LIKE for f in clause.details):
        return clause.text
    chars = list(clause.text)
    for f in clause.details:
        if f.type in _NUMBER_LIKE:
            for k in range(max(f.start, clause.start), min(f.end, clause.end)):
                chars[k - clause.start] = "0"
    return "".join(chars)

_NUMBER_LIKE = frozenset({"ID_CARD", "PHONE_MOBILE", "PHONE_LANDLINE", "BANK_CARD", "QQ", "WECHAT", "PASSPORT",
                          "IP_ADDRESS"})


_HAN = re.compile("[\u4e00-\u9fff]")
_COURIER_HEADING = re.compile(r"\s*(?:标准快递|特快专递|特快|快件|运单|电子面单|快递单)")


def _only_there(verdict) -> bool:
    """The rules read only that someone is at the organisation (在X，) and found no name or detail
    of theirs close by: with a pronoun alone that is where they are, not whom they work for."""
    return verdict.read is not None and verdict.read[1] == BARE_AT and not verdict.about


def _proposed_names(clause: Clause, spans, evidence: list[Finding]) -> list[Finding]:
    """Full names the model proposes here, and names withheld to a surname (马某, 王某某): never a
    finding, but a person all the same, whose workplace beside a job is theirs."""
    out = []
    for span in spans:
        candidate = name_candidate(clause, span, evidence) or withheld_name(clause, span) if span.tag == "PER" else None
        if candidate:
            start, end, value = candidate
            out.append(Finding("PERSON_NAME", start, end, value, 0.0, "", [WITHHELD] if "某" in value else []))
    return out


def _unclaimed(clause: Clause, spans) -> list:
    """The model's words that no detail finding covers (a name inside an address is the place's)."""
    taken = [(f.start - clause.start, f.end - clause.start) for f in clause.details]
    return [sp for sp in spans if not any(a < sp.end and sp.start < b for a, b in taken)]


def _already(found: "_ByStart", finding: Finding) -> bool:
    return _same_span(found, finding) is not None


def _same_span(found: "_ByStart", finding: Finding) -> Finding | None:
    return next((f for f in found.within(finding.start, finding.end)
                 if f.start == finding.start and f.end == finding.end), None)


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
LABELLED_NAME = 0.85     # the person recognizer's score for a name after a field label

# An organisation never starts with a function word, a verb or an adverb (a 社工库 ad's list of
# fields: 工作单位 收费300起, 工作单位 一次查完).
_NOT_AN_ORG_START = _FUNCTION_TAGS | {"v", "vd", "d", "ad", "r", "m"}


def _not_an_organisation(f: Finding, starts: list[int], clauses: list[Clause], tagged) -> bool:
    """A cue-found workplace or school the model reads as a time (入职第一天) or that starts with a
    function word, a verb or an adverb (工作单位和手机号: 和 is "and")."""
    k = bisect.bisect_right(starts, f.start) - 1
    if k < 0 or f.end > clauses[k].end:
        return False
    base = clauses[k].start
    words_at = [sp for sp in tagged[k] if base + sp.start < f.end and f.start < base + sp.end]
    if not words_at:
        return False
    first = words_at[0]
    # …nor starts with a pronoun or a numeral (每提供一项, 一次查完)
    # …nor is only a verb (入职报道: 报道/vn is "reporting for duty")
    return first.tag in _NOT_AN_ORG_START or all(sp.tag in ("TIME", "m", "t") for sp in words_at) \
        or all(sp.tag in ("v", "vn", "vd") for sp in words_at)

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
        # (after a field label, 姓名 石群, a two-character name stays whatever the model says)
        # (…but a label glued to the words after it is no field: 收件人信息 is "the addressee's
        # details", 姓名全部打码 "the names, all masked": there only the model's PER counts)
        glued = f.score >= LABELLED_NAME and f.start > base and "\u4e00" <= clauses[k].text[f.start - base - 1] <= "\u9fff"
        if glued:
            return True
        exact_noun = f.end - f.start == 2 and f.score < LABELLED_NAME and \
            any(a == f.start and b == f.end and tag == "n" for a, b, tag in words_at)
        # a name the model reads inside an organisation's name (我是华为的: 华为/ORG) is the employer
        inside_org = f.score < LABELLED_NAME and \
            any(tag == "ORG" and a <= f.start and f.end <= b for a, b, tag in words_at)
        # after a field label (真名 向某某) a preposition is a surname (向, 于, 从), not "to"
        function = _FUNCTION_TAGS - {"p"} if f.score >= LABELLED_NAME else _FUNCTION_TAGS
        return exact_noun or inside_org or any(tag in function for _, _, tag in words_at)

    return [f for f in findings if not non_name(f)]
