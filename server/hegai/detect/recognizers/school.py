"""SCHOOL: a person's own school, where the text marks it as theirs.

Three shapes, cues in ``data/org/school_cues.tsv``: a cue before the school (就读于…, 毕业于…,
学校：…), 在 + school + a study verb (在XX中学读书), or school + grade (XX中学高二). The school
name ends on a suffix from ``data/org/school_suffixes.txt``. A school merely mentioned
(清华大学发布通知) is not a finding.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..base import Document
from ..finding import Finding
from ..masking import mask
from ._lexicon import alternation, finditer_in_windows, name_char_class, original_slice, pairs, words
from ._orgname import is_named_organisation, trim_to_division
from ._profile import HINT_REACH, profile_hint

_SCORES = {"label": 0.8, "at": 0.75, "grade": 0.6, "listed": 0.5}
_SCHOOL_WORDS = frozenset({"学校", "大学", "中学"})   # hints that another school would give
_GROUPS = {"label": "school_l", "at": "school_a", "grade": "school_g", "listed": "school_x"}
# A 学院 or 系 right after a school found (a comma between at most) is its department.
_DEPARTMENT_ENDINGS = ("学院", "系")
_DEPARTMENT_GAP = regex.compile(r"[\s,，、的]{0,2}")
# 在北京大学读书是一种什么样的体验？ asks about a school; it says nothing about whose it is.
_QUESTION_AFTER = regex.compile(r"[\s,，]{0,2}(?:是(?:一种)?(?:什么样|怎样|什么)的?(?:体验|感觉|感受)|(?:是)?怎么样|(?:是)?什么体验)")


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    cues = pairs("org/school_cues.tsv")

    def cue(kind: str) -> str:
        return alternation(c for k, c in cues if k == kind)

    # Greedy name, then back to the last school suffix in reach (北京大学附属中学).
    school = rf"[{name_char_class()}0-9]{{0,16}}(?:{alternation(words('org/school_suffixes.txt'))})"
    label = rf"(?P<label>{cue('label')})[\s:：]{{0,2}}(?P<school_l>{school})"
    at = rf"在(?P<school_a>{school})(?P<at>{cue('at')})"
    grade = rf"(?P<school_g>{school})(?P<grade>{cue('grade')})"
    # A list item of its own among personal details (真名侯俊杰，电子科技大学，QQ…): checked for a
    # profile hint after it in ``analyze``.
    listed = rf"(?<=^|[,，、:：;；。])(?P<school_x>{school})(?=[,，、;；。]|$)"
    return regex.compile(rf"{label}|{at}|{grade}|{listed}", regex.V1)


# A match ends at most a grade (的学生) after a school suffix and starts at most a cue, glue
# and a 16-character name before it.
_REACH_BEFORE, _REACH_AFTER = 24, 4


def _matches(text: str, suffix_hits):
    windows = [(start - _REACH_BEFORE, end + _REACH_AFTER) for start, end in suffix_hits]
    return finditer_in_windows(_pattern(), text, windows)


class SchoolRecognizer:
    name = "school"
    types = ("SCHOOL",)
    triggers = {"suffix": words("org/school_suffixes.txt")}   # every match holds one

    def analyze(self, doc: Document):
        norm = doc.norm
        last_end = -1   # end of the school found before, in the normalised text
        for m in _matches(norm.text, doc.hits(self, "suffix")):
            kind = next(k for k, group in _GROUPS.items() if m.group(group) is not None)
            if kind == "at" and _QUESTION_AFTER.match(norm.text, m.end()):
                continue
            if kind == "listed" and not profile_hint(_SCHOOL_WORDS).search(norm.text, m.end(), m.end() + HINT_REACH):
                continue
            start, end = m.span(_GROUPS[kind])
            if kind in ("grade", "listed"):  # no cue before: drop words before the school's place name
                start += trim_to_division(norm.text[start:end])
            value = norm.text[start:end]
            if not is_named_organisation(value):
                continue
            if value.endswith(_DEPARTMENT_ENDINGS) and last_end >= 0 \
                    and _DEPARTMENT_GAP.fullmatch(norm.text, last_end, start):
                continue   # 就读于武汉大学，计算机学院研一: the department of the school just found
            last_end = end
            o_start, o_end = norm.to_original(start, end)
            original = doc.text[o_start:o_end]
            reasons = ["个人信息罗列"] if kind == "listed" else [f"线索词: {original_slice(doc, m.span(kind))}"]
            yield Finding("SCHOOL", o_start, o_end, original, _SCORES[kind], mask("SCHOOL", original), reasons)


RECOGNIZER = SchoolRecognizer()
