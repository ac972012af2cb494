"""WORKPLACE: a person's own employer, where the text marks it as theirs.

Two shapes, cues in ``data/org/workplace_cues.tsv``: a label or verb before the organisation
(工作单位：…, 就职于…), or 在 + organisation + a work verb (在腾讯上班, 在XX公司当会计).
An organisation merely mentioned (腾讯公司发布财报) has no cue and is not a finding; kinds of
place (在公司上班, 在一家医院工作) and bare place names (在北京工作) are not workplaces.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..base import Document
from ..finding import Finding
from ..masking import mask
from ._lexicon import alternation, finditer_in_windows, name_char_class, original_slice, pairs, words
from ._orgname import cut_after_last_suffix, is_named_organisation
from ._profile import HINT_REACH, profile_hint


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    cues = pairs("org/workplace_cues.tsv")
    labels = alternation(c for k, c in cues if k == "label")
    verbs = alternation(c for k, c in cues if k == "at")
    roles = alternation(c for k, c in cues if k == "role")
    org = rf"[{name_char_class()}0-9（）()·&]"
    titles = alternation(c for k, c in cues if k == "title")
    label = rf"(?P<label>{labels})[\s:：]{{0,3}}(?:是|为)?[\s:：]{{0,2}}(?P<org>{org}{{2,30}})"
    # (a verb, not the noun it starts: 在X嘲讽打工人 is no 在X打工)
    at = rf"在(?P<at_org>{org}{{2,24}}?)(?:(?P<verb>{verbs})(?![人族仔])|(?P<role>{roles}))"
    # A listed employer starts a list item: the text's start or a list mark before it.
    # (a title followed by 专业 is a student's major: X学院会计专业)
    title = rf"(?<=^|[\s,，、:：;；。!！(（])(?P<title_org>{org}{{2,24}}?)(?P<title>{titles})(?!专业|系|方向)"
    return regex.compile(rf"{label}|{at}|{title}", regex.V1)


# A ``label`` match ends at most 3 + 1 + 2 glue and 30 name characters after its label; an
# ``at`` match starts at most 1 + 24 characters before its work verb or role and ends with it.
_LABEL_REACH, _AT_REACH = 36, 25


@lru_cache(maxsize=None)
def _cues(*kinds: str) -> tuple[str, ...]:
    return tuple(c for k, c in pairs("org/workplace_cues.tsv") if k in kinds)


def _matches(doc: Document, rec):
    """``_pattern().finditer`` inside windows around the cue hits (every match holds a label,
    a verb or a role); the windows reach one character past a match's furthest end, so the
    greedy name stops where it would in the whole text."""
    longest = max(len(c) for c in _cues("at", "role", "title"))
    windows = [(start, end + _LABEL_REACH + 1) for start, end in doc.hits(rec, "label")]
    windows += [(start - _AT_REACH, start + longest + 1) for start, _ in doc.hits(rec, "verb")]
    # Job words are common (老师, 员工, 客服): look only where one follows an organisation suffix
    # and precedes a profile hint, as the title shape needs (it checks both again).
    text, suffixes = doc.norm.text, words("org/org_suffixes.txt")   # a cached tuple
    reach = max(map(len, suffixes))
    windows += [(start - _AT_REACH - 1, start + longest + 1) for start, end in doc.hits(rec, "title")
                if text.endswith(suffixes, max(0, start - reach), start) and _listed(text, end)]
    return finditer_in_windows(_pattern(), doc.norm.text, windows)


class WorkplaceRecognizer:
    name = "workplace"
    types = ("WORKPLACE",)
    triggers = {"label": _cues("label"), "verb": _cues("at", "role"), "title": _cues("title")}

    def analyze(self, doc: Document):
        norm = doc.norm
        verbs = _cues("at", "role")
        suffixes = words("org/org_suffixes.txt")
        for m in _matches(doc, self):
            group = "org" if m.group("org") else ("at_org" if m.group("at_org") else "title_org")
            value = m.group(group)
            if group == "org":
                value = _cut_at_verb(value, verbs)
            whole = value
            value, has_suffix = cut_after_last_suffix(value, suffixes)
            if not is_named_organisation(value):
                continue
            if m.group("title") and not (has_suffix and value == whole and len(value) >= 4
                                         and _listed(norm.text, m.end())):
                continue      # a named employer (not 酒店前台), the job right after it, among other details
            if m.group("role") and not has_suffix and not _job_after(norm.text, m.end()):
                continue      # 在家做饭: a role needs a named employer, or a job after it (在腾讯做产品经理)
            start = m.start(group)
            o_start, o_end = norm.to_original(start, start + len(value))
            original = doc.text[o_start:o_end]
            yield Finding("WORKPLACE", o_start, o_end, original, _score(m, has_suffix), mask("WORKPLACE", original),
                          _reasons(doc, m, has_suffix))


@lru_cache(maxsize=1)
def _job() -> regex.Pattern:
    """A job title, with a few words of its field before it (产品经理, 硬件工程师)."""
    return regex.compile(rf"[{name_char_class()}]{{0,4}}?(?:{alternation(_cues('title'))})", regex.V1)


def _job_after(text: str, end: int) -> bool:
    return _job().match(text, end) is not None


def _listed(text: str, end: int) -> bool:
    return profile_hint().search(text, end, end + HINT_REACH) is not None


def _score(m: regex.Match, has_suffix: bool) -> float:
    if m.group("title"):
        return 0.6
    return 0.8 if has_suffix else 0.65


def _reasons(doc: Document, m: regex.Match, has_suffix: bool) -> list[str]:
    if m.group("label"):
        cue = original_slice(doc, m.span("label"))
    elif m.group("title"):
        return [f"职务: {m.group('title')}", "个人信息罗列", "机构名称"]
    else:
        cue = f"在…{m.group('verb') or m.group('role')}"
    return [f"线索词: {cue}"] + (["机构名称"] if has_suffix else [])


def _cut_at_verb(value: str, verbs) -> str:
    """就职于腾讯担任工程师 → 腾讯: the organisation ends where the job starts."""
    cut = len(value)
    for verb in verbs:
        pos = value.find(verb, 2)
        if pos >= 0:
            cut = min(cut, pos)
    return value[:cut]


RECOGNIZER = WorkplaceRecognizer()
