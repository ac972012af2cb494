"""Plain reasons a user can read, in Chinese (the default) or English. No personal information
ever goes into them: only type names and the lexicon words the page itself uses."""

from __future__ import annotations

from ..detect.finding import PII_TYPES, TYPE_LABELS_EN, TYPE_LABELS_ZH

_LABELS = {
    "zh": {**TYPE_LABELS_ZH, "ADDRESS": "家庭住址", "PERSON_NAME": "真实姓名"},
    "en": {**TYPE_LABELS_EN, "ADDRESS": "home address", "PERSON_NAME": "real name"},
}
# The name first: "他人真实姓名、身份证号…" reads naturally.
_ORDER = ("PERSON_NAME", *(t for t in PII_TYPES if t != "PERSON_NAME"))

_TEXT = {
    "zh": {
        "exposure": "包含他人{types}", "family": "，以及家人的电话",
        "own_or_business": "包含{types}，看起来是发帖人自己或商家公开的联系方式",
        "trade": "出现{terms}等开盒服务用语", "priced": "，并且明码标价",
        "inducement": "有人求扒/人肉他人信息（{terms}）",
        "incitement": "号召他人集体骚扰或开盒（{terms}）",
        "abuse": "含有辱骂或威胁（{terms}）",
        "combined": "他人信息与骚扰号召、辱骂或求扒同时出现，风险更高",
        "reported": "提到{terms}，但属于新闻报道、治理通知或讨论，没有曝光具体某人的信息",
        "weak": "提到{terms}，但没有发现针对具体某人的内容",
    },
    "en": {
        "exposure": "Contains someone else's {types}", "family": ", and family members' phone numbers",
        "own_or_business": "Contains {types}; looks like the poster's own or a business's public contact details",
        "trade": "Offers 开盒 (doxxing) services: {terms}", "priced": ", with prices",
        "inducement": "Asks others to dig up someone's personal information ({terms})",
        "incitement": "Calls on others to harass or dox someone together ({terms})",
        "abuse": "Contains insults or threats ({terms})",
        "combined": "Someone's personal information together with calls to harass, insults or "
                    "requests to dig up more: higher risk",
        "reported": "Mentions {terms}, but as news, a governance notice or a discussion; "
                    "nobody's personal information is exposed",
        "weak": "Mentions {terms}, but nothing aimed at a particular person was found",
    },
}
LANGUAGES = tuple(_TEXT)


def _join(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return "、".join(items[:-1]) + "和" + items[-1] if lang == "zh" else ", ".join(items[:-1]) + " and " + items[-1]


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
    shown = distinct_terms(terms, limit)
    return "".join(f"“{t}”" for t in shown) if lang == "zh" else ", ".join(f"“{t}”" for t in shown)


def _types(types: set[str], lang: str) -> str:
    return _join([_LABELS[lang][t] for t in _ORDER if t in types], lang)


def exposure(types: set[str], family_phones: bool, lang: str = "zh") -> str:
    text = _TEXT[lang]["exposure"].format(types=_types(types, lang))
    return text + _TEXT[lang]["family"] if family_phones else text


def own_or_business(types: set[str], lang: str = "zh") -> str:
    return _TEXT[lang]["own_or_business"].format(types=_types(types, lang))


def trade(terms: list[str], priced: bool, lang: str = "zh") -> str:
    text = _TEXT[lang]["trade"].format(terms=_quoted(terms, lang))
    return text + _TEXT[lang]["priced"] if priced else text


def _about(key: str):
    def reason(terms: list[str], lang: str = "zh") -> str:
        return _TEXT[lang][key].format(terms=_quoted(terms, lang))
    return reason


inducement, incitement, abuse = _about("inducement"), _about("incitement"), _about("abuse")
reported, weak = _about("reported"), _about("weak")


def combined(lang: str = "zh") -> str:
    return _TEXT[lang]["combined"]
