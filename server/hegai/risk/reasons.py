"""Plain reasons a user can read, in Chinese (the default) or English. No personal information
ever goes into them: only type names and the lexicon words the page itself uses."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..detect.finding import PII_TYPES, TYPE_LABELS_EN, TYPE_LABELS_ZH

_LABELS = {
    "zh": {**TYPE_LABELS_ZH, "ADDRESS": "家庭住址", "PERSON_NAME": "真实姓名"},
    "en": {**TYPE_LABELS_EN, "ADDRESS": "home address", "PERSON_NAME": "real name"},
}
# The name first: "他人真实姓名、身份证号…" reads naturally.
_ORDER = ("PERSON_NAME", *(t for t in PII_TYPES if t != "PERSON_NAME"))
LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:
    """The reason templates by language (data/reasons.json)."""
    data = json.loads(resources.files("hegai.risk").joinpath("data/reasons.json").read_text(encoding="utf-8"))
    return {lang: texts for lang, texts in data.items() if not lang.startswith("_")}


def _join(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    text = _texts()[lang]
    return text["list"].join(items[:-1]) + text["last"] + items[-1]


def distinct_terms(terms: list[str], limit: int | None = None) -> list[str]:
    """Each term once, in order, leaving out a term another listed term contains
    (“价格私聊” already says “私聊”); the first ``limit`` of them."""
    unique = list(dict.fromkeys(terms))
    kept: list[str] = []
    for t in unique:
        if not any(t != other and t in other for other in unique):
            kept.append(t)
            if len(kept) == limit:
                break
    return kept


def _quoted(terms: list[str], lang: str, limit: int = 3) -> str:
    return _texts()[lang]["quotes"].join(f"“{t}”" for t in distinct_terms(terms, limit))


def _types(types: set[str], lang: str) -> str:
    return _join([_LABELS[lang][t] for t in _ORDER if t in types], lang)


def exposure(types: set[str], family_phones: bool, lang: str = "zh") -> str:
    text = _texts()[lang]["exposure"].format(types=_types(types, lang))
    return text + _texts()[lang]["family"] if family_phones else text


def own_or_business(types: set[str], lang: str = "zh") -> str:
    return _texts()[lang]["own_or_business"].format(types=_types(types, lang))


def id_number(lang: str = "zh") -> str:
    return _texts()[lang]["id_number"]


def trade(terms: list[str], priced: bool, lang: str = "zh") -> str:
    text = _texts()[lang]["trade"].format(terms=_quoted(terms, lang))
    return text + _texts()[lang]["priced"] if priced else text


def _about(key: str):
    def reason(terms: list[str], lang: str = "zh") -> str:
        return _texts()[lang][key].format(terms=_quoted(terms, lang))
    return reason


inducement, incitement, abuse = _about("inducement"), _about("incitement"), _about("abuse")
reported, weak = _about("reported"), _about("weak")


def combined(lang: str = "zh") -> str:
    return _texts()[lang]["combined"]
