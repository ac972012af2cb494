"""PERSON_NAME: a person's own name where the text marks it as one.

Only after a cue (姓名：, 真名是, 收件人, 我叫… from ``data/person/cues.tsv``), and only when it
starts with a known surname (``data/person/surnames.txt``, compound surnames first) followed by
one or two given-name characters. A name that is merely mentioned (马云说…) has no cue and is
not a finding; a withheld one (张某, 张先生, 张**) does not pass the given-name check.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..base import Document
from ..finding import Finding
from ..masking import mask
from ._lexicon import alternation, pairs, stop_chars, words

_LABEL_GLUE = r"[\s:：]{0,3}(?:是|为|叫|:)?[\s:：]{0,2}"


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    cues = pairs("person/cues.tsv")
    end_chars = regex.escape(stop_chars() + "".join(words("person/name_end_chars.txt")))
    given = rf"[\p{{Han}}--[{end_chars}]]{{1,2}}(?![\p{{Han}}--[{end_chars}]])"
    name = rf"(?P<name>(?:{alternation(words('person/surnames.txt'))}){given})"
    followers = alternation(words("person/say_followers.txt"))
    label = rf"(?P<label>{alternation(c for s, c in cues if s == 'label')}){_LABEL_GLUE}{name}"
    say = rf"(?P<say>{alternation(c for s, c in cues if s == 'say')}){name}(?=$|[\s\p{{P}}0-9]|{followers})"
    return regex.compile(rf"{label}|{say}", regex.V1)


class PersonNameRecognizer:
    name = "person_name"
    types = ("PERSON_NAME",)

    def analyze(self, doc: Document):
        norm = doc.norm
        for m in _pattern().finditer(norm.text):
            cue = m.group("label") or m.group("say")
            start, end = norm.to_original(*m.span("name"))
            value = doc.text[start:end]
            score = 0.85 if m.group("label") else 0.7
            yield Finding("PERSON_NAME", start, end, value, score, mask("PERSON_NAME", value),
                          [f"线索词: {cue}", f"姓氏: {_surname(value)}"])


def _surname(name: str) -> str:
    return name[:2] if name[:2] in set(words("person/surnames.txt")) else name[:1]


RECOGNIZER = PersonNameRecognizer()
