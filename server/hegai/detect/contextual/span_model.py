"""The learned gate: a second look at the names and organisations the rule gates turned down.

The rules of :mod:`.people` and :mod:`.organisations` give precise reasons, but people write a
private person's name or employer in more ways than a list of cues holds (是市三医院骨科的某某,
今年评优又是这几个：A、B、C，都是我们区教育局基教科的). This gate is a logistic model over the words
around a candidate — the characters and the model's word tags on each side, the details and
names close by, and what the rules themselves read there — trained by ``training/spans/train.py``
on posts written for it (provenance there). It only *adds*: a candidate the rules passed stays,
and the gate decides only candidates they turned down, at a threshold chosen for precision by
cross-validation. Its weights are plain numbers in ``hegai/data/model/span_gate.json``; no
scikit-learn at run time.
"""

from __future__ import annotations

import json
import logging
import math
from functools import lru_cache
from importlib import resources

from ..finding import Finding
from ..masking import mask
from .clauses import DETAIL_REACH, LONG_REACH, Clause

log = logging.getLogger(__name__)

FEATURE_VERSION = 1
WINDOW = 8                 # characters each side whose pairs are read as a bag
ORG_CLASSES = ("NONE", "WORKPLACE", "SCHOOL")
SCORE_LEARNED = 0.55       # below the rule gates' scores: the reason is a judgement, not a cue


def name_features(text: str, clause: Clause, tags, start: int, end: int, value: str, reason: str | None,
                  details: list[Finding], orgs: list[Finding]) -> list[str]:
    """Features of a proposed person name (``tags``: the model's words of ``clause``)."""
    feats = ["bias", f"len:{len(value)}", f"rule:{_reason_class(reason)}"]
    feats += _context(text, start, end) + _word_tags(clause, tags, start, end)
    feats += _nearby("d", details, start, end) + _nearby("o", orgs, start, end)
    return feats


def org_features(text: str, clause: Clause, tags, start: int, end: int, value: str, kind: str, read,
                 about: bool, details: list[Finding], names: list[Finding], loose: bool = False) -> list[str]:
    """Features of a proposed organisation (its reading by the rules: ``read``, ``about``;
    ``loose``: a run of words that ends like one, not the model's own ORG)."""
    cue = read[1] if read else "none"
    feats = ["bias", f"kind:{kind}", f"loose:{loose}", f"end1:{value[-1:]}", f"end2:{value[-2:]}", f"len:{min(len(value), 16) // 3}",
             f"cue:{cue}", f"read:{read[0] if read else 'none'}", f"about:{about}"]
    if read:
        feats.append(f"reach:{read[2]}")
    feats += _context(text, start, end) + _word_tags(clause, tags, start, end)
    feats += _nearby("d", details, start, end) + _nearby("n", names, start, end)
    return feats


def name_probability(feats: list[str]) -> float:
    gate = _gate()
    if gate is None:
        return 0.0
    w = gate["name"]["w"]
    return _sigmoid(sum(w.get(f, 0.0) for f in feats))


def org_probabilities(feats: list[str]) -> dict[str, float]:
    gate = _gate()
    if gate is None:
        return {c: 0.0 for c in ORG_CLASSES}
    w = gate["org"]["w"]
    scores = [0.0] * len(ORG_CLASSES)
    for f in feats:
        row = w.get(f)
        if row:
            scores = [s + x for s, x in zip(scores, row)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {c: e / total for c, e in zip(ORG_CLASSES, exps)}


def threshold(kind: str) -> float:
    gate = _gate()
    return 2.0 if gate is None else gate["thresholds"][kind]


def learned_name(start: int, end: int, value: str, p: float, feats: list[str]) -> Finding:
    return Finding("PERSON_NAME", start, end, value, SCORE_LEARNED, mask("PERSON_NAME", value),
                   ["模型: 人名", _why(feats, "name", p)])


def learned_org(kind: str, start: int, end: int, value: str, p: float, feats: list[str]) -> Finding:
    return Finding(kind, start, end, value, SCORE_LEARNED, mask(kind, value), ["模型: 机构名", _why(feats, kind, p)])


def _why(feats: list[str], kind: str, p: float) -> str:
    """The reason a user reads: the context the gate weighed most (never the value itself)."""
    gate = _gate()
    if kind == "name":
        weights = {f: gate["name"]["w"].get(f, 0.0) for f in feats}
    else:
        k = ORG_CLASSES.index(kind)
        weights = {f: gate["org"]["w"].get(f, [0.0] * 3)[k] for f in feats}
    shown = [f for f in sorted(weights, key=weights.get, reverse=True)
             if weights[f] > 0 and f.startswith(("L", "R", "lw", "rw")) and _telling(f.split(":", 1)[1])]
    words = list(dict.fromkeys(f.split(":", 1)[1] for f in shown))[:2]
    return f"上下文: {'、'.join(words)} ({p:.2f})" if words else f"上下文: ({p:.2f})"


# Particles, pronouns and punctuation weigh in the model but tell a reader nothing.
_UNTELLING = set("的了是在和与及也都就还又我你他她它们这那个一有被把给吗呢吧啊呀哦着过来去说") | set(
    " \n\t，。、；：！？,.;:!?\"'“”‘’（）()【】[]《》<>-—…~·/")


def _telling(word: str) -> bool:
    return word not in ("start", "end") and any(ch not in _UNTELLING for ch in word)


def _context(text: str, start: int, end: int) -> list[str]:
    left, right = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
    feats = [f"L1:{left[-1:]}", f"L2:{left[-2:]}", f"L3:{left[-3:]}",
             f"R1:{right[:1]}", f"R2:{right[:2]}", f"R3:{right[:3]}"]
    feats += {f"Lb:{left[i:i + 2]}" for i in range(len(left) - 1)}
    feats += {f"Rb:{right[i:i + 2]}" for i in range(len(right) - 1)}
    if start == 0 or text[start - 1] in "\n":
        feats.append("L:start")
    if end == len(text) or text[end] in "\n":
        feats.append("R:end")
    return feats


def _word_tags(clause: Clause, tags, start: int, end: int) -> list[str]:
    """The model's word and tag right before and after the candidate."""
    base, before, after = clause.start, None, None
    for sp in tags:
        if base + sp.end <= start:
            before = sp
        elif base + sp.start >= end and after is None:
            after = sp
    feats = []
    for side, sp in (("l", before), ("r", after)):
        if sp is None:
            feats.append(f"{side}t:none")
            continue
        word = clause.text[sp.start:sp.end]
        feats.append(f"{side}t:{sp.tag}")
        if len(word) <= 3:
            feats.append(f"{side}w:{word}")
    return feats


def _nearby(prefix: str, findings: list[Finding], start: int, end: int) -> list[str]:
    feats = set()
    for f in findings:
        gap = max(f.start - end, start - f.end)
        if gap <= DETAIL_REACH:
            feats.add(f"{prefix}40:{f.type}")
        elif gap <= LONG_REACH:
            feats.add(f"{prefix}150:{f.type}")
    return sorted(feats)


def _reason_class(reason: str | None) -> str:
    if reason is None:
        return "none"
    return reason.split(":", 1)[0]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@lru_cache(maxsize=1)
def _gate() -> dict | None:
    try:
        raw = resources.files("hegai.data").joinpath("model/span_gate.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        log.warning("learned name gate missing (hegai/data/model/span_gate.json): rule gates only")
        return None
    gate = json.loads(raw)
    if gate.get("feature_version") != FEATURE_VERSION:
        raise RuntimeError("span_gate.json was trained on other features: run scripts/train-spans")
    return gate
