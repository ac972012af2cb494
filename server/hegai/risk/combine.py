"""Rules + learned layer → the final assessment.

The rules' reasons stay; the model decides the level and may add categories the rules missed
(each with a reason quoting the words that weighed most) or drop one it is confident is absent.
The policy's numbers (thresholds) come with the model (``data/learned.json``), chosen by
``scripts/train-risk`` on held-out training posts — never on the evaluation sets.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .assessment import CATEGORIES, ID_NUMBER_TYPES, LEVELS, Assessment, level_for_score
from .learned import RuleView, features, model


@lru_cache(maxsize=1)
def _reason_texts() -> dict:
    return json.loads(resources.files("hegai.risk").joinpath("data/model_reasons.json").read_text(encoding="utf-8"))


def decide(rule: RuleView, cats: dict[str, float], levels: list[float], policy: dict) -> tuple[str, list[str]]:
    """(level, categories) from the rules' view and the model's probabilities.

    A category is present when the model is sure of it (≥ ``add``), or the rules found it and the
    model does not rule it out (≥ ``keep``). The level is the model's most likely one, held to
    agree with the categories: a post doing something to someone is at least medium, one doing
    nothing at most low.

    Two guards keep the model from reading topics as acts: where the rules read news, a notice or
    a discussion and found no exposure, it adds nothing and the level stays at most low (a report
    on 社工库 is not one); where the rules found no finding and no risk word at all, it must be
    surer (≥ ``alone``) — "户籍迁移需要哪些材料" is not a trade in 户籍 data. Abuse and incitement
    need someone to aim at (the rules' target test), and the model adds no exposure where the rules
    read the details as the poster's own or a shop's (a leave note, a résumé, a seller's contact)."""
    present = [c for c in CATEGORIES if _present(c, rule, cats[c], policy)]
    level = max(range(len(LEVELS)), key=lambda i: levels[i])
    if policy.get("floor") and set(rule.categories) <= set(present):
        level = max(level, LEVELS.index(rule.level))    # what the rules found and the model keeps stands
    if level == 4 and not _critical(rule, present):
        level = 3                     # the guide's critical: a dossier, or exposure with another act
    if level == 3 and present == ["EXPOSURE"] and _one_contact(rule.types):
        level = 2                     # the guide's medium: one contact detail (or a name) of a third person
    if rule.news and not present:
        level = min(level, 1)
    if present and level < 2:
        level = 2
    if not present and level > 1 and not rule.types & ID_NUMBER_TYPES:
        level = 1
    if rule.types & ID_NUMBER_TYPES:
        level = max(level, 3)         # the guide's high: an ID or passport number, whoever posts it
    return LEVELS[level], present


def _present(category: str, rule: RuleView, probability: float, policy: dict) -> bool:
    """The category's own thresholds (``policy["categories"]``, chosen per category by
    cross-validation) or the shared ones; with no rule evidence at all, only ``alone``."""
    own = policy.get("categories", {}).get(category, {})
    add = own.get("add", policy["add"]) if rule.evidence else policy["alone"]
    keep = own.get("keep", policy["keep"])
    if category == "EXPOSURE" and category in rule.categories and (_rules_see_a_dossier(rule)
                                                                     or rule.types & ID_NUMBER_TYPES):
        return True          # a dossier, or an ID or passport number published, whoever's it is
    return (probability >= add and _may_add(category, rule)) or (category in rule.categories and probability >= keep)


def _rules_see_a_dossier(rule: RuleView) -> bool:
    """The guide's dossier, found by the recognizers and read by the rules as nobody's own: the
    model may not talk it away. Its words are about the surroundings (a 快递单's 收件人, a form's
    labels), and a label photo or a form filled in with someone's details is the commonest
    dossier there is."""
    dossier = rule.types & DOSSIER_TYPES
    return (rule.exposure_context in ("third_party", "neutral") and "PERSON_NAME" in rule.types
            and len(dossier) >= 3 and bool(dossier & LOCATING_TYPES))


# Acts on a person need one: a rally with nobody to rally at (大家一起冲冲冲，这个副本今晚必须过) is none.
_NEEDS_TARGET = ("ABUSE", "INCITEMENT")


def _may_add(category: str, rule: RuleView) -> bool:
    if rule.news and "EXPOSURE" not in rule.categories:
        return False
    if category == "EXPOSURE" and rule.exposure_context in ("own", "business"):
        return False      # the rules read the details as the poster's own or a shop's (请假条：本人…)
    if category == "INCITEMENT" and not rule.calls:
        return False      # a dossier with no word calling anyone to act: the shape of a post is no call
    if category == "ABUSE" and not rule.insult_target:
        return False      # an insult with nobody else in view is contempt, not abuse that comes with 开盒
    return rule.target or category not in _NEEDS_TARGET


# The level guide's dossier: three or more of these, one of them an ID, a phone or an address.
DOSSIER_TYPES = frozenset({"PERSON_NAME", "ID_CARD", "PHONE_MOBILE", "ADDRESS", "WORKPLACE", "SCHOOL"})
LOCATING_TYPES = frozenset({"ID_CARD", "PHONE_MOBILE", "ADDRESS"})
# Alone, these are "one contact detail" (medium), a name alone no more; an ID or passport is high
# whoever posts it.
CONTACT_TYPES = frozenset({"PERSON_NAME", "PHONE_MOBILE", "PHONE_LANDLINE", "ADDRESS", "EMAIL", "QQ", "WECHAT", "LICENSE_PLATE",
                           "IP_ADDRESS", "GEO_COORD", "WORKPLACE", "SCHOOL", "DATE_OF_BIRTH"})


def _critical(rule: RuleView, present: list[str]) -> bool:
    """The guide's critical: a dossier, or exposure together with incitement, abuse or inducement."""
    if "EXPOSURE" not in present:
        return False
    dossier = rule.types & DOSSIER_TYPES
    return len(present) > 1 or rule.level == "critical" or (len(dossier) >= 3 and bool(dossier & LOCATING_TYPES))


def _one_contact(types: frozenset) -> bool:
    return len(types) == 1 and types <= CONTACT_TYPES


def refine(text: str, findings: list, rule_result: Assessment, rule: RuleView, lang: str) -> Assessment:
    learned = model()
    if learned is None:
        return rule_result
    cats, levels, index = learned.predict(features(text, findings, rule))
    level, categories = decide(rule, cats, levels, learned.meta["policy"])
    if level == rule_result.level and categories == rule_result.categories:
        return rule_result
    thresholds = _thresholds()
    score = rule_result.score if level_for_score(rule_result.score, thresholds) == level else _score_in(level, levels, thresholds)
    reasons = [r for r, kind in zip(rule_result.reasons, rule.reason_kinds or [None] * len(rule_result.reasons))
               if _still_true(kind, rule_result, categories)]
    for category in categories:
        if category not in rule_result.categories:
            grams = learned.strongest_grams(index, CATEGORIES.index(category))
            reasons.append(_model_reason(category, grams, lang))
    if not reasons and level != "none":
        grams = learned.strongest_grams(index, 5 + LEVELS.index(level))
        reasons.append(_model_reason(None, grams, lang))
    return Assessment(level, score, categories, reasons, list(findings), rule_result.terms)


def _still_true(kind: str | None, rule_result: Assessment, categories: list[str]) -> bool:
    """The rules write one reason per category they found, one for exposure combined with
    another act, and notes. A category's reason goes with the category when the model drops it
    (never "含有辱骂" on a post not rated ABUSE); notes stay while some category or none at all
    was found by both."""
    if kind == "COMBINED":
        return "EXPOSURE" in categories and len(categories) > 1
    if kind is not None:
        return kind in categories
    return bool(categories) or not rule_result.categories


def _model_reason(category: str | None, grams: list[str], lang: str) -> str:
    texts = _reason_texts()[lang]
    quoted = texts["quotes"].join(f"“{g}”" for g in grams) or texts["no_words"]
    label = texts["categories"].get(category, texts["categories"]["_level"])
    return texts["model"].format(category=label, terms=quoted)


@lru_cache(maxsize=1)
def _thresholds() -> dict:
    from .engine import scoring

    return scoring()["level_thresholds"]


def _score_in(level: str, probabilities: list[float], thresholds: dict) -> float:
    """A score inside ``level``'s band, higher the surer the model is."""
    bounds = [0.0, thresholds["low"], thresholds["medium"], thresholds["high"], thresholds["critical"], 1.0]
    i = LEVELS.index(level)
    low, high = bounds[i], bounds[i + 1]
    return round(low + (high - low) * min(max(probabilities[i], 0.0), 0.99), 6)
