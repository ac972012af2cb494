"""A page judged by its worst post (SPEC, "Risk levels"), without Flask.

Assessing a page's text as one string lets a harmless line elsewhere (a hotline, a lawyer's
explainer, a news paragraph) lower a 开盒 comment's level and lend words to its reasons. So the
extension sends the page as posts (each post, comment or reply, and the thread it belongs to) and
each *unit* is assessed on its own: every post, and every thread's posts joined with "\\n" (one
person's details spread over replies are one dossier). The page is the worst unit: its level,
its reasons, and a quote of its own words — never words of another post.

Offsets leave this module in UTF-16 code units, relative to the quoted post's own text.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from hegai.detect.masking import apply_masks
from hegai.textutil import utf16_offsets
from hegai.risk.assessment import LEVELS

from . import engines

JOIN = "\n"                  # as a thread's posts are joined (a separator no value spans)
QUOTE_CHARS = 120            # longest window quoted from one post
QUOTE_CONTEXT = 24           # words kept around the evidence, up to a sentence break
MAX_QUOTED_POSTS = 4         # a thread's quote names at most this many posts
# Trying a thread without each of its posts costs one assessment per post: bounded.
PRUNE_MAX_POSTS = 8
PRUNE_MAX_CHARS = 20_000
SCORE_NOISE = 1e-6          # scores equal but for float rounding
SENTENCE_END = "。！？!?；;\n"
CLAUSE_BREAK = "，,、：: "


@dataclasses.dataclass(frozen=True)
class Post:
    id: object
    text: str
    thread: object = None    # None: a thread of its own


@dataclasses.dataclass
class Unit:
    """One post, or one thread's posts joined; ``starts[i]`` is where post i begins in ``text``."""

    kind: str                # "post" | "thread"
    posts: list[Post]
    local: list[list]        # each post's findings, offsets into that post's text
    starts: list[int]
    text: str
    findings: list           # all of them, offsets into ``text``
    assessment: object = None

    def post_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def assess_posts(posts: list[Post], language: str = "zh") -> dict:
    """The page's assessment: the worst of its posts and threads, with that unit's reasons and
    quote (``unit``, ``post_id``, ``thread``, ``quote``, ``quotes``)."""
    singles = [_assessed(_unit("post", [(post, engines.scan(post.text))]), language) for post in posts]
    units = singles + [_thread_unit(group, language) for group in _threads(singles) if len(group) > 1]
    if not units:
        return {**engines.assess("", [], language), **_no_quote()}
    worst = max(units, key=_rank)
    if worst.kind == "thread":
        worst = _focused(worst, language)
    return {**engines.public(worst.assessment), **_quote_fields(worst)}


def _threads(singles: list[Unit]) -> list[list[Unit]]:
    """Posts grouped by thread, each group in page order; a post without a thread is alone."""
    groups: dict[object, list] = {}
    for i, single in enumerate(singles):
        thread = single.posts[0].thread
        groups.setdefault(("post", i) if thread is None else ("thread", thread), []).append(single)
    return list(groups.values())


def _thread_unit(singles: list[Unit], language: str) -> Unit:
    """The worst reading of a thread: all its posts joined, or — since the engine reads a text's
    context as a whole, and a customer-service hotline reply makes a dossier beside it look like
    a shop's contacts — its telling posts (findings or 开盒 terms) joined, leaving out any of
    them that lowers the rest. A harmless reply never lowers a thread."""
    best = _join(singles, language)
    telling = [u for u in singles if u.findings or u.assessment.terms]
    if 1 < len(telling) <= PRUNE_MAX_POSTS and sum(len(u.text) for u in telling) <= PRUNE_MAX_CHARS:
        best = max(best, _without_lowering(telling, language), key=_rank)
    elif 1 < len(telling) < len(singles):
        best = max(best, _join(telling, language), key=_rank)
    return best


def _without_lowering(singles: list[Unit], language: str) -> Unit:
    """``singles`` joined, then each left out in turn when the rest rank higher without it."""
    kept, best = list(singles), _join(singles, language)
    for single in singles:
        rest = [u for u in kept if u is not single]
        if len(rest) < 2:
            break
        trial = _join(rest, language)
        if _rank(trial) > _rank(best):
            kept, best = rest, trial
    return best


def _join(singles: list[Unit], language: str) -> Unit:
    return _assessed(_unit("thread", [(u.posts[0], u.local[0]) for u in singles]), language)


def _assessed(unit: Unit, language: str) -> Unit:
    unit.assessment = engines.assess_raw(unit.text, unit.findings, language)
    return unit


def _unit(kind: str, items: list[tuple[Post, list]]) -> Unit:
    """The posts' texts joined, their findings shifted to the joined text (never re-scanned:
    a value can't straddle two posts)."""
    starts, findings, offset = [], [], 0
    for post, post_findings in items:
        starts.append(offset)
        findings += [dataclasses.replace(f, start=f.start + offset, end=f.end + offset) for f in post_findings]
        offset += len(post.text) + len(JOIN)
    posts = [post for post, _ in items]
    return Unit(kind, posts, [list(f) for _, f in items], starts, JOIN.join(p.text for p in posts), findings)


def _rank(unit: Unit) -> tuple:
    """Highest level first; at the same level a single post beats a thread (its quote is exact),
    then the higher score."""
    a = unit.assessment
    return LEVELS.index(a.level), unit.kind == "post", a.score


def _no_quote() -> dict:
    return {"unit": None, "post_id": None, "thread": None, "quote": "", "quotes": []}


# -- the quote ---------------------------------------------------------------------------------
def _focused(unit: Unit, language: str) -> Unit:
    """The posts a thread's assessment rests on: first only its posts with evidence, then, when
    that is small, each of those dropped in turn if the thread rates as high without it — so a
    hotline reply beside a dossier lends the thread neither words nor reasons, while each floor
    that adds to the dossier stays."""
    with_evidence = sorted(_evidence(unit))
    if 0 < len(with_evidence) < len(unit.posts):
        unit = _keeping(unit, with_evidence, language)
    if len(unit.posts) > PRUNE_MAX_POSTS or len(unit.text) > PRUNE_MAX_CHARS:
        return unit
    for post in list(unit.posts):
        if len(unit.posts) > 1:
            unit = _keeping(unit, [i for i, p in enumerate(unit.posts) if p is not post], language)
    return unit


def _keeping(unit: Unit, indices: list[int], language: str) -> Unit:
    """``unit`` cut down to the posts at ``indices`` if that rates as high (level and score),
    else ``unit``."""
    trial = _assessed(_unit("thread", [(unit.posts[i], unit.local[i]) for i in indices]), language)
    a, b = trial.assessment, unit.assessment
    as_high = LEVELS.index(a.level) >= LEVELS.index(b.level) and a.score >= b.score - SCORE_NOISE
    return trial if as_high else unit


def _quote_fields(unit: Unit) -> dict:
    if unit.assessment.level == "none":
        return _no_quote()
    evidence = _evidence(unit)
    chosen = _quoted_posts(unit, evidence)
    quotes = [_post_quote(unit.posts[i], evidence.get(i, [])) for i in chosen]
    first = unit.posts[chosen[0]]
    return {"unit": unit.kind, "post_id": first.id, "thread": first.thread,
            "quote": "\n".join(q["text"] for q in quotes), "quotes": quotes}


def _evidence(unit: Unit) -> dict[int, list]:
    """Per post (index in the unit): what the assessment rests on there — its findings and the
    lexicon terms the engine matched — with offsets local to that post."""
    spans = {i: list(found) for i, found in enumerate(unit.local) if found}
    for term in unit.assessment.terms:
        owner = unit.post_at(term["start"])
        start = term["start"] - unit.starts[owner]
        end = min(start + term["end"] - term["start"], len(unit.posts[owner].text))   # never into the next post
        spans.setdefault(owner, []).append(_Span(start, end))
    return spans


@dataclasses.dataclass
class _Span:
    """A lexicon term's place in a post: quoted as written (only findings are masked)."""

    start: int
    end: int


def _is_finding(span) -> bool:
    return not isinstance(span, _Span)


def _quoted_posts(unit: Unit, evidence: dict[int, list]) -> list[int]:
    """A post quotes itself; a thread the posts carrying its findings (else its terms)."""
    carrying = sorted(i for i, spans in evidence.items() if any(_is_finding(s) for s in spans))
    return (carrying or sorted(evidence) or [0])[:MAX_QUOTED_POSTS]


def _post_quote(post: Post, spans: list) -> dict:
    start, end = _window(post.text, spans)
    findings = [s for s in spans if _is_finding(s) and start <= s.start and s.end <= end]
    shown = apply_masks(post.text[start:end], [dataclasses.replace(f, start=f.start - start, end=f.end - start)
                                                for f in findings])
    shown = re.sub(r"\s+", " ", shown).strip()
    text = ("…" if start > 0 else "") + shown + ("…" if end < len(post.text) else "")
    u16 = utf16_offsets(post.text)
    return {"post_id": post.id, "start": u16[start], "end": u16[end], "text": text}


def _window(text: str, spans: list) -> tuple[int, int]:
    """Code-point [start, end) of ``text`` to quote: all of a short post; else the evidence with
    a little context, cut at sentence breaks, at most QUOTE_CHARS long and never through the
    middle of a value."""
    if len(text) <= QUOTE_CHARS or not spans:
        return 0, min(len(text), QUOTE_CHARS)
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    start = _quote_start(text, max(0, first - QUOTE_CONTEXT), first)
    end = _quote_end(text, last, min(len(text), last + QUOTE_CONTEXT))
    if end - start > QUOTE_CHARS:
        end = start + QUOTE_CHARS
        for s in spans:
            if s.start < end < s.end:
                end = s.start if s.start > start else s.end
    return start, end


def _quote_start(text: str, lo: int, first: int) -> int:
    """Where the sentence holding the evidence starts, else the earliest clause in reach."""
    if lo == 0:
        return 0
    sentences = [i for i in range(lo, first) if text[i] in SENTENCE_END]
    if sentences:
        return sentences[-1] + 1
    clauses = [i for i in range(lo, first) if text[i] in CLAUSE_BREAK]
    return clauses[0] + 1 if clauses else lo


def _quote_end(text: str, last: int, hi: int) -> int:
    for i in range(last, hi):
        if text[i] in SENTENCE_END:
            return i + 1
    return hi
