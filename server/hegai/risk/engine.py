"""``assess``: PII findings + lexicon signals + context → level, categories, reasons.

See data/README.md for the scoring model and the thresholds (data/scoring.json).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import reasons as why
from .assessment import CATEGORIES, ID_NUMBER_TYPES, Assessment, level_for_score
from .dossier import cluster_score, clusters, dossier_config, is_person_linked
from .learned import RuleView
from .quotes import quotes_by_category
from .signals import Signals, read_signals

LEXICON_CATEGORIES = ("INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT")


@lru_cache(maxsize=1)
def scoring() -> dict:
    return json.loads(resources.files("hegai.risk").joinpath("data/scoring.json").read_text(encoding="utf-8"))


def interpolate(value: float, curve: list[list[float]]) -> float:
    """Piecewise-linear map of a raw strength onto the 0..1 score scale."""
    if value <= curve[0][0]:
        return curve[0][1]
    for (x0, y0), (x1, y1) in zip(curve, curve[1:]):
        if value <= x1:
            return y0 + (y1 - y0) * (value - x0) / (x1 - x0)
    return curve[-1][1]


@dataclass
class Exposure:
    strength: float = 0.0
    types: frozenset = frozenset()
    family_phones: bool = False
    context: str = "neutral"


def assess(text: str) -> Assessment:
    """Assess the 开盒 risk of ``text`` (scans it for PII first)."""
    from ..detect import scan

    return assess_findings(text, scan(text))


def assess_findings(text: str, findings: list, *, language: str = "zh") -> Assessment:
    """Assess ``text`` given the findings a caller already has from ``scan(text)``; ``reasons``
    in ``language``: "zh" (the default, also "zh_CN") or "en". The rules decide first, then the
    learned layer (:mod:`hegai.risk.learned`) may add what they missed."""
    assessment, view = rule_assessment(text, findings, language=language)
    if view is None:
        return assessment
    from .combine import refine

    return refine(text, findings, assessment, view, language.split("_")[0].lower())


def rule_assessment(text: str, findings: list, *, language: str = "zh"):
    """(the rules' Assessment, their RuleView for the learned layer — None when nothing to weigh)."""
    if not isinstance(text, str):
        raise TypeError("assess() takes a str")
    language = language.split("_")[0].lower()
    if language not in why.LANGUAGES:
        raise ValueError(f"language must be one of {why.LANGUAGES}")
    config = scoring()
    names = [(f.start, f.end) for f in findings if f.type in _NAMED_TYPES]
    signals = read_signals(text, config["price_weight"], config["category_present"], names)
    if not signals.hits and not findings and not _may_matter(text):
        return Assessment("none", 0.0), None      # most of what a page says: nothing to weigh
    present = _lexicon_present(signals, config)
    if "INCITEMENT" in present and _only_rallying(signals, config) and (
            not _has_target(text, signals, findings) or _own_post(signals, config)):
        # 大家一起冲冲冲，这个副本今晚必须过: a rally with nobody to rally at; 姐妹们冲冲冲，团长电话…:
        # the details are the poster's own, and the rally is for the sale
        present.discard("INCITEMENT")
    news = signals.total("CTX_NEWS") >= config["news_cue"]
    exposure = _exposure(findings, signals, present, news, config)
    exposure_score = interpolate(exposure.strength, config["exposure_curve"])
    if exposure.strength >= config["exposure_present"]:
        present.add("EXPOSURE")
        if signals.rallying.get("INCITEMENT", 0.0) >= config["rally_beside_exposure"]:
            # 冲, 大家一起 after someone's details: the rally has its target, the person exposed
            present.add("INCITEMENT")
    _add_abuse(signals, present, config)
    lexicon_scores = _lexicon_scores(signals, present, config)
    muted = news and "EXPOSURE" not in present
    if muted:
        lexicon_scores = {c: min(s, config["not_present_cap"]) for c, s in lexicon_scores.items()}
        present.clear()
    topic = min(interpolate(signals.total("TOPIC"), config["lexicon_curves"]["TOPIC"]), config["topic_cap"])
    score = max([exposure_score, topic, *lexicon_scores.values()])
    combined = "EXPOSURE" in present and len(present) > 1
    if combined:
        score = min(1.0, score + config["combined_bump"])
    if any(f.type in ID_NUMBER_TYPES for f in findings):
        score = max(score, config["level_thresholds"]["high"])   # the guide: high, whoever posts it
        present.add("EXPOSURE")          # …and published, the number exposes its holder
    categories = [c for c in CATEGORIES if c in present]
    # Rounded so that float noise (0.8499999…) can't drop a score exactly on a threshold a level.
    score = round(float(score), 6)
    level = level_for_score(score, config["level_thresholds"])
    # Quotes are only read by reasons that name lexicon terms; most texts need none (bench_risk:
    # computing them for every post cost a quarter of the engine's time).
    quotes_needed = muted or bool(set(categories) - {"EXPOSURE"}) or (not categories and level != "none")
    quotes = quotes_by_category(text, signals.hits, findings) if quotes_needed else {}
    tagged = _reasons(signals, quotes, categories, exposure, muted, combined, level, language)
    reasons = [reason for _, reason in tagged]
    evidence = bool(findings) or any(signals.total(c) > 0 for c in (*LEXICON_CATEGORIES, "TOPIC"))
    view = RuleView(level, list(categories), dict(signals.sums), exposure.strength, exposure.context,
                    signals.priced, news=news, evidence=evidence, target=_has_target(text, signals, findings) and not _own_post(signals, config),
                    insult_target=_has_target(text, signals, findings, insults_count=False) or _addressed(text),
                    calls=signals.calls,
                    types=frozenset(f.type for f in findings),
                    reason_kinds=tuple(kind for kind, _ in tagged))
    return Assessment(level, score, categories, reasons, list(findings), _terms(signals)), view


_NAMED_TYPES = frozenset({"PERSON_NAME", "WORKPLACE", "SCHOOL"})


def _may_matter(text: str) -> bool:
    """Whether a text with no lexicon hit and no finding is still worth the learned layer's look:
    long enough to say something about a person (a bare "哈哈哈" or "好的" is not)."""
    return len(text) >= 8


def _lexicon_present(signals: Signals, config: dict) -> set[str]:
    return {c for c in ("INDUCEMENT", "TRADE", "INCITEMENT") if signals.total(c) >= config["category_present"]}


# Words that point at a person; a rally needs one (or personal info, or another 开盒 signal).
_TARGET_WORDS = ("他", "她", "ta", "TA", "此人", "这人", "这个人", "@")


# Words that single out whom an insult is for: the one addressed, or one pointed at (这种人, 这货,
# up主). Contempt for a crowd names none of them (游客真没素质).
_ADDRESSEE_WORDS = ("你", "妳", "您", "这种", "这货", "这头", "这个", "那个", "up主", "UP主", "博主", "楼主", "主播")


def _addressed(text: str) -> bool:
    return any(word in text for word in _ADDRESSEE_WORDS)


def _only_rallying(signals: Signals, config: dict) -> bool:
    """Would INCITEMENT fall short without its rallying words (集合, 冲冲冲, 兄弟们…)?"""
    specific = signals.total("INCITEMENT") - signals.rallying.get("INCITEMENT", 0.0)
    return round(specific, 6) < config["category_present"]   # rounded: a difference of sums has float noise


def _own_post(signals: Signals, config: dict) -> bool:
    """The post gives its own or a shop's details and points at nobody else."""
    own = signals.total("CTX_OWN") >= config["own_cue"] or signals.total("CTX_BUSINESS") >= config["business_cue"]
    return own and signals.total("CUE_THIRD") < config["third_party_cue"] and signals.total("ABUSE") == 0


def _has_target(text: str, signals: Signals, findings: list, *, insults_count: bool = True) -> bool:
    """Someone to aim at. An insult points at someone for a rally (这个sb，大家冲), but not for
    abuse itself: contempt for a crowd (游客真没素质，垃圾扔得到处都是) exposes nobody."""
    signs = ("CUE_THIRD", "ABUSE", "TOPIC", "INDUCEMENT", "TRADE") if insults_count else (
        "CUE_THIRD", "TOPIC", "INDUCEMENT", "TRADE")
    if findings or any(signals.total(c) > 0 for c in signs):
        return True
    return any(word in text for word in _TARGET_WORDS)


def _add_abuse(signals: Signals, present: set[str], config: dict) -> None:
    """Threats count on their own; insults only next to another 开盒 signal (exposure included)."""
    abuse = signals.total("ABUSE")
    if abuse >= config["abuse_alone_present"] or (abuse >= config["abuse_with_context_present"] and present):
        present.add("ABUSE")


def _lexicon_scores(signals: Signals, present: set[str], config: dict) -> dict[str, float]:
    scores = {}
    for category in LEXICON_CATEGORIES:
        score = interpolate(signals.total(category), config["lexicon_curves"][category])
        scores[category] = score if category in present else min(score, config["not_present_cap"])
    return scores


# How a seller of 开盒 services is reached: in an ad that only sells, these are the seller's own.
_HANDLE_TYPES = frozenset({"QQ", "WECHAT", "EMAIL", "PHONE_MOBILE", "PHONE_LANDLINE"})


def _exposure_context(signals: Signals, present: set[str], news: bool, config: dict,
                      types: frozenset = frozenset()) -> str:
    # Insults next to personal info aim at someone else: that info is not the poster's own.
    insulted = signals.total("ABUSE") >= config["abuse_with_context_present"]
    third = signals.total("CUE_THIRD") >= config["third_party_cue"]
    if present == {"TRADE"} and types and types <= _HANDLE_TYPES and not (third or insulted):
        return "business"      # 查人查车 私V信：… — the ad's own contact, not someone exposed
    if third or present or insulted:
        return "third_party"
    if signals.total("CTX_BUSINESS") >= config["business_cue"]:
        return "business"
    if signals.total("CTX_OWN") >= config["own_cue"]:
        return "own"
    return "news" if news else "neutral"


def _exposure(findings: list, signals: Signals, present: set[str], news: bool, config: dict) -> Exposure:
    # A service number (400/800 hotlines, 95xxx lines) is an organisation's, whoever's post it
    # sits in: a hotline reply in a thread about someone adds nothing to that person's dossier.
    findings = [f for f in findings if not _service_number(f)]
    context = _exposure_context(signals, present, news, config, frozenset(f.type for f in findings))
    factors = dossier_config()["context_factor"]
    family = signals.total("CUE_FAMILY") > 0
    best = Exposure(context=context)
    for cluster in clusters(findings):
        factor = factors[context]
        if not is_person_linked(cluster) and context != "third_party":
            factor = min(factor, factors["place_only"])
        strength = cluster_score(cluster, family) * factor
        if context in ("own", "business"):
            # The poster's own or a shop's contact details: the pre-post guard's job, not a dox.
            strength = min(strength, config["own_or_business_cap"])
        if strength > best.strength:
            phones = sum(1 for f in cluster.findings if f.type == "PHONE_MOBILE")
            best = Exposure(strength, frozenset(cluster.types), family and phones > 1, context)
    return best


_SERVICE_NUMBER = re.compile(r"(?:400|800)[0-9]{7}|95[0-9]{3,6}")


def _service_number(finding) -> bool:
    return finding.type == "PHONE_LANDLINE" and _SERVICE_NUMBER.fullmatch(re.sub(r"[^0-9]", "", finding.text)) is not None


def _reasons(signals: Signals, quotes: dict[str, list[str]], categories: list[str], exposure: Exposure,
             muted: bool, combined: bool, level: str, lang: str) -> list[tuple[str | None, str]]:
    """(kind, reason) pairs: kind is the category a reason explains, COMBINED for the note that
    exposure comes with another act, None for the other notes — so that the learned layer can
    drop the reason of a category it drops. ``quotes``: per category, the matched words as the
    text writes them (see quotes.py)."""
    out = []
    own = bool(exposure.types) and exposure.context in ("own", "business")
    if "EXPOSURE" in categories and not own:
        out.append(("EXPOSURE", why.exposure(set(exposure.types), exposure.family_phones, lang)))
    elif own and level != "none":
        out.append((None, why.own_or_business(set(exposure.types), lang)))
        if exposure.types & ID_NUMBER_TYPES:
            # the poster's own ID is exposure too: the number alone opens every other box
            out.append(("EXPOSURE" if "EXPOSURE" in categories else None, why.id_number(lang)))
    builders = {"TRADE": lambda t, lang: why.trade(t, signals.priced, lang), "INDUCEMENT": why.inducement,
                "INCITEMENT": why.incitement, "ABUSE": why.abuse}
    for category in ("TRADE", "INDUCEMENT", "INCITEMENT", "ABUSE"):
        if category in categories:
            out.append((category, builders[category](quotes[category], lang)))
    if combined:
        out.append((COMBINED, why.combined(lang)))
    risk_terms = [t for c in ("TOPIC", *LEXICON_CATEGORIES) for t in quotes.get(c, [])]
    if muted and risk_terms:
        out.append((None, why.reported(risk_terms, lang)))
    elif not categories and risk_terms and level != "none":
        out.append((None, why.weak(risk_terms, lang)))
    return out


COMBINED = "COMBINED"       # the kind of the reason "exposure together with another act"


def _terms(signals: Signals) -> list[dict]:
    return [{"term": h.entry.term, "category": h.entry.category, "start": h.start, "end": h.end}
            for h in signals.hits if not h.entry.context]
