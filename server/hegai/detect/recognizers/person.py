"""PERSON_NAME: a person's own name where the text marks it as one.

Only after a cue (姓名：, 真名是, 收件人, 我叫… from ``data/person/cues.tsv``), and only when it
starts with a known surname (``data/person/surnames.txt``, compound surnames first) followed by
one or two given-name characters. A name that is merely mentioned (马云说…) has no cue and is
not a finding; a withheld one (张某, 张先生, 张**) does not pass the given-name check.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from ..base import Document, match_at
from ..finding import Finding
from ..masking import mask
from ._lexicon import LiteralIndex, alternation, original_slice, pairs, stop_chars, words
from ._profile import HINT_REACH, profile_hint

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
    leads = alternation(w for k, w in pairs("person/profile_hints.tsv") if k == "lead")
    listed = rf"(?<=^|[：:！!。]|{leads}){name}(?=[，,、])"
    return regex.compile(rf"{label}|{say}|{listed}", regex.V1)


_LISTED_AFTER = "：:！!。"   # the punctuation of the lookbehind of ``listed`` in _pattern
_LISTED_END = "，,、"


@lru_cache(maxsize=1)
def _start_words() -> tuple[LiteralIndex, frozenset]:
    """Where a match can start: a cue word (label, say), or the name of ``listed`` right after
    a lead word (the second value: the words after which a name may follow; a word listed as
    both counts as a lead). The marks of ``_LISTED_AFTER`` (。 and ： are everywhere) go through
    ``_listed_after_mark``."""
    cues = [cue for _, cue in pairs("person/cues.tsv")]
    leads = frozenset(w for k, w in pairs("person/profile_hints.tsv") if k == "lead")
    return LiteralIndex([*cues, *leads]), leads


@lru_cache(maxsize=1)
def _listed_after_mark() -> re.Pattern:
    """One of ``_LISTED_AFTER`` with a surname's first character right after it."""
    first_chars, _ = _surname_shape()
    return re.compile(f"[{re.escape(_LISTED_AFTER)}](?=[{re.escape(''.join(sorted(first_chars)))}])")


@lru_cache(maxsize=1)
def _surname_shape() -> tuple[frozenset, int]:
    surnames = words("person/surnames.txt")
    return frozenset(s[0] for s in surnames), max(len(s) for s in surnames)


def _candidate_starts(text: str) -> list[int]:
    """Every position where ``_pattern()`` can match (a superset, in no order: ``match_at`` sorts)."""
    first_chars, longest = _surname_shape()
    starts = [0]
    names_after = [m.end() for m in _listed_after_mark().finditer(text)]
    index, leads = _start_words()
    for start, word in index.finditer(text):
        if word in leads:
            names_after.append(start + len(word))
        else:
            starts.append(start)
    for name in names_after:   # ``listed``: a surname, 1–2 given-name characters, then a comma
        if text[name:name + 1] in first_chars and \
                any(ch in _LISTED_END for ch in text[name + 2:name + longest + 3]):
            starts.append(name)
    return starts


def _matches(text: str):
    """``_pattern().finditer(text)``, tried only where a match can start.

    Why: the plain finditer tried the three alternatives at every character and took 0.18 s
    per MB of the bench corpus (bench/bench_scan.py), a tenth of the whole scan; cue words are
    rare, so this costs one automaton pass. Same matches: finditer returns the leftmost match
    at or after the previous one's end, and every position where one can start is tried."""
    return match_at(_pattern(), text, _candidate_starts(text))


class PersonNameRecognizer:
    name = "person_name"
    types = ("PERSON_NAME",)

    def analyze(self, doc: Document):
        norm = doc.norm
        for m in _matches(norm.text):
            if m.group("label"):
                score, reason = 0.85, f"线索词: {original_slice(doc, m.span('label'))}"
            elif m.group("say"):
                score, reason = 0.7, f"线索词: {m.group('say')}"
            elif profile_hint().search(norm.text, m.end(), m.end() + HINT_REACH):
                score, reason = 0.6, "个人信息罗列"
            else:
                continue
            start, end = norm.to_original(*m.span("name"))
            value = doc.text[start:end]
            if norm.text[m.start("name"):m.end("name")] in _not_names():
                continue
            yield Finding("PERSON_NAME", start, end, value, score, mask("PERSON_NAME", value),
                          [reason, f"姓氏: {_surname(value)}"])


@lru_cache(maxsize=1)
def _not_names() -> frozenset:
    return frozenset(words("person/not_names.txt"))


def _surname(name: str) -> str:
    return name[:2] if name[:2] in set(words("person/surnames.txt")) else name[:1]


RECOGNIZER = PersonNameRecognizer()
