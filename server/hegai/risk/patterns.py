"""Compositional patterns: word classes (W_WHO, W_WHAT, W_ASK…, lexicon/w_*.tsv) near each other
in one sentence compose into risk signals, so 谁有 + 他妈 + 电话 reads as a request for personal
info without that phrase being listed anywhere. See data/README.md ("Patterns").

  INDUCEMENT  W_ASK + (W_WHO and/or W_WHAT); asking for two kinds of info, or a W_REWARD, adds
  TRADE       W_OFFER or W_TEACH + (W_SERVICE or a personal W_WHAT); a W_CONTACT adds
  ABUSE       W_KNOW + W_YOU + W_WHAT (a place: a threat); W_WARN aimed at W_YOU/W_WHO;
              W_INSULT (more when aimed)
  INCITEMENT  W_ACT aimed at a W_WHO: harmful acts alone, other acts with a W_CROWD

Each composed signal is a Hit of a synthetic entry whose term joins the words that matched
(谁有…他妈…电话), spanning them in the text, so reasons quote the page's own words. Linear:
every anchor looks at a bounded number of class hits in a bounded window (bisect on starts).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .lexicon import WORD_CLASS_PREFIX, Entry, Hit


@lru_cache(maxsize=1)
def config() -> dict:
    return json.loads(resources.files("hegai.risk").joinpath("data/patterns.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _break_pattern() -> re.Pattern:
    return re.compile("[" + re.escape(config()["breaks"]) + "]")


COMPOSED = "composed"      # the flag of a composed entry: quoted as its term (the words matched)


def _entry(category: str, term: str, weight: float, flags: frozenset = frozenset(), key: str = "") -> Entry:
    return Entry(term, category, round(weight, 6), flags=flags | {COMPOSED}, key=key or term)


class Composed(NamedTuple):
    hit: Hit
    parts: tuple[tuple[int, int], ...]     # folded spans of the words matched
    spans: tuple[tuple[int, int], ...]     # their spans in the text


def words(text: str, spans) -> str:
    """The matched words as the page writes them: words that touch or overlap read as one
    (她点外卖到家), others are joined by …"""
    segments: list[list[int]] = []
    for start, end in sorted(spans):
        if segments and start <= segments[-1][1]:
            segments[-1][1] = max(segments[-1][1], end)
        else:
            segments.append([start, end])
    return "…".join(" ".join(text[a:b].split()) for a, b in segments)


class _Classes:
    """Class hits by class, sorted by folded start, with the sentence of each."""

    def __init__(self, text: str, hits: list[Hit]):
        self.text = text
        self.breaks = [m.start() for m in _break_pattern().finditer(text)] if any(
            c in text for c in config()["breaks"]) else []
        self.by_class: dict[str, list[Hit]] = {}
        for hit in hits:
            if hit.entry.category.startswith(WORD_CLASS_PREFIX):
                self.by_class.setdefault(hit.entry.category[len(WORD_CLASS_PREFIX):], []).append(hit)
        self.starts: dict[str, list[int]] = {}
        for name, group in self.by_class.items():
            group.sort(key=lambda h: (h.folded_start, -h.folded_end))
            self.starts[name] = [h.folded_start for h in group]
        self.limit = config()["candidates"]

    def sentence(self, hit: Hit) -> int:
        return bisect_right(self.breaks, hit.start) if self.breaks else 0

    def get(self, name: str) -> list[Hit]:
        return self.by_class.get(name, [])

    def near(self, anchor: Hit, name: str, before: int, after: int, predicate=None) -> list[Hit]:
        """Up to ``candidates`` hits of class ``name`` not overlapping ``anchor``, starting at most
        ``before`` folded chars before it and ending at most ``after`` after it, same sentence;
        nearest first."""
        group = self.by_class.get(name)
        if not group:
            return []
        starts = self.starts[name]
        lo = bisect_left(starts, anchor.folded_start - before)
        hi = bisect_right(starts, anchor.folded_end + after)
        sentence = self.sentence(anchor)
        found = []
        # Nearest first: walk outwards from the anchor, a bounded number of steps.
        mid = bisect_left(starts, anchor.folded_start, lo, hi)
        left, right = mid - 1, mid
        steps = 0
        while (left >= lo or right < hi) and steps < 4 * self.limit and len(found) < self.limit:
            steps += 1
            for i in (right, left):
                if (i == right and i < hi) or (i == left and i >= lo):
                    h = group[i]
                    if (h.folded_end <= anchor.folded_start or h.folded_start >= anchor.folded_end) \
                            and h.folded_end <= anchor.folded_end + after \
                            and self.sentence(h) == sentence and (predicate is None or predicate(h)):
                        found.append(h)
            left, right = left - 1, right + 1
        return found


def _composed(c: "_Classes", category: str, parts: list[Hit], weight: float, flags: frozenset = frozenset(),
              key: str = "") -> Composed:
    """A composed hit: its term is the matched words as the page writes them (a reason quotes
    them), its key the classes' canonical words (the sums count one pattern once)."""
    parts = sorted(parts, key=lambda h: h.folded_start)
    term = words(c.text, [(h.start, h.end) for h in parts])
    key = category + ":" + (key or "…".join(h.entry.term for h in parts))
    hit = Hit(_entry(category, term, weight, flags, key), min(h.start for h in parts), max(h.end for h in parts),
              min(h.folded_start for h in parts), max(h.folded_end for h in parts))
    return Composed(hit, tuple((h.folded_start, h.folded_end) for h in parts), tuple((h.start, h.end) for h in parts))


def compose(text: str, hits: list[Hit]) -> list[Composed]:
    """The risk signals the word classes of ``hits`` compose into (new hits; ``hits`` unchanged)."""
    if not any(h.entry.category.startswith(WORD_CLASS_PREFIX) for h in hits):
        return []
    classes = _Classes(text, hits)
    out: list[Hit] = []
    out += _inducement(classes, hits)
    out += _trade(classes)
    out += _threats(classes)
    out += _incitement(classes)
    out += _insults(classes)
    return out


def _inducement(c: _Classes, hits: list[Hit]) -> list[Hit]:
    cfg = config()["inducement"]
    w = cfg["window"]
    out, whats = [], {}
    for ask in c.get("ASK"):
        what = c.near(ask, "WHAT", w, w)
        who = c.near(ask, "WHO", w, w)
        if what:
            best = max(what, key=lambda h: h.entry.weight)
            if not who and "personal" not in best.entry.flags:
                continue
            weight = ask.entry.weight + best.entry.weight + (cfg["who_bonus"] if who else 0.0)
            parts = [ask, best] + who[:1]
            key = "…".join(h.entry.term for h in [best] + who[:1])   # one request, however many ask words
            for h in what:
                if (who or "personal" in h.entry.flags) and h.entry.weight >= cfg["specific_weight"]:
                    whats.setdefault(h.entry.term, h)
        elif who and ask.entry.weight >= cfg["ask_alone_with_who"]:
            weight, parts, key = ask.entry.weight + cfg["who_bonus"], [ask, who[0]], who[0].entry.term
        else:
            continue
        out.append(_composed(c, "INDUCEMENT", parts, min(weight, cfg["cap"]), key=key))
    if len(whats) >= cfg["specific_whats"]:
        out.append(_composed(c, "INDUCEMENT", list(whats.values())[:3], cfg["specific_bonus"], key="specific"))
    asked = out or sum(h.entry.weight for h in hits if h.entry.category == "INDUCEMENT") >= cfg["ask_alone_with_who"]
    if asked:
        for reward in c.get("REWARD")[:1]:
            out.append(_composed(c, "INDUCEMENT", [reward], reward.entry.weight, key="reward"))
    return out


def _trade(c: _Classes) -> list[Hit]:
    cfg = config()["trade"]
    w = cfg["window"]
    out = []
    for anchor in c.get("OFFER") + c.get("TEACH"):
        partners = c.near(anchor, "SERVICE", w, w) or c.near(
            anchor, "WHAT", w, w, lambda h: "personal" in h.entry.flags)
        if partners:
            best = max(partners, key=lambda h: h.entry.weight)
            out.append(_composed(c, "TRADE", [anchor, best], min(anchor.entry.weight + best.entry.weight, cfg["cap"])))
    if out and c.get("CONTACT"):
        contact = c.get("CONTACT")[0]
        out.append(_composed(c, "TRADE", [contact], cfg["contact_bonus"], key="contact"))
    return out


def _threats(c: _Classes) -> list[Hit]:
    cfg = config()["threat"]
    w = cfg["window"]
    out = []
    for know in c.get("KNOW"):
        you = c.near(know, "YOU", w, w)
        what = c.near(know, "WHAT", w, w) if you else []
        if what:
            places = [h for h in what if "place" in h.entry.flags]
            weight = cfg["place_weight"] if places else cfg["other_weight"]
            out.append(_composed(c, "ABUSE", [know, you[0], (places or what)[0]], weight))
    for warn in c.get("WARN"):
        aimed = c.near(warn, "YOU", cfg["warn_window"], cfg["warn_window"]) or c.near(
            warn, "WHO", cfg["warn_window"], cfg["warn_window"])
        if aimed:
            out.append(_composed(c, "ABUSE", [warn, aimed[0]], warn.entry.weight + cfg["aimed_bonus"]))
        else:
            out.append(_composed(c, "ABUSE", [warn], warn.entry.weight))
    return out


def _incitement(c: _Classes) -> list[Hit]:
    cfg = config()["incitement"]
    w = cfg["window"]
    out = []
    for act in c.get("ACT"):
        who = c.near(act, "WHO", w, w)
        if not who:
            continue
        place = c.near(act, "PLACE", w, w)
        if "place" in act.entry.flags and not place:
            continue
        weight, parts = act.entry.weight, [act, who[0]] + place[:1]
        if "harm" not in act.entry.flags:
            crowd = c.near(act, "CROWD", cfg["crowd_window"], cfg["crowd_window"])
            if not crowd:
                continue
            weight += cfg["crowd_bonus"]
            parts.append(crowd[0])
        out.append(_composed(c, "INCITEMENT", parts, min(weight, cfg["cap"])))
    return out


def _insults(c: _Classes) -> list[Hit]:
    cfg = config()["insult"]
    w = cfg["window"]
    out = []
    for insult in c.get("INSULT"):
        aimed = c.near(insult, "WHO", w, w) or c.near(insult, "YOU", w, w)
        weight = insult.entry.weight + (cfg["aimed_bonus"] if aimed else 0.0)
        out.append(_composed(c, "ABUSE", [insult] + aimed[:1], weight, frozenset({"insult"})))
    return out
