"""Plain-Chinese reasons a user can read. No personal information ever goes into them."""

from __future__ import annotations

from ..detect.finding import PII_TYPES, TYPE_LABELS_ZH

_LABELS = {**TYPE_LABELS_ZH, "ADDRESS": "家庭住址", "PERSON_NAME": "真实姓名"}
# The name first: "他人真实姓名、身份证号…" reads naturally.
_ORDER = ("PERSON_NAME", *(t for t in PII_TYPES if t != "PERSON_NAME"))


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "、".join(items[:-1]) + "和" + items[-1]


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


def _quoted(terms: list[str], limit: int = 3) -> str:
    return "".join(f"“{t}”" for t in distinct_terms(terms, limit))


def exposure(types: set[str], family_phones: bool) -> str:
    labels = [_LABELS[t] for t in _ORDER if t in types]
    text = "包含他人" + _join(labels)
    return text + "，以及家人的电话" if family_phones else text


def own_or_business(types: set[str]) -> str:
    labels = [_LABELS[t] for t in _ORDER if t in types]
    return f"包含{_join(labels)}，看起来是发帖人自己或商家公开的联系方式"


def trade(terms: list[str], priced: bool) -> str:
    text = f"出现{_quoted(terms)}等开盒服务用语"
    return text + "，并且明码标价" if priced else text


def inducement(terms: list[str]) -> str:
    return f"有人求扒/人肉他人信息（{_quoted(terms)}）"


def incitement(terms: list[str]) -> str:
    return f"号召他人集体骚扰或开盒（{_quoted(terms)}）"


def abuse(terms: list[str]) -> str:
    return f"含有辱骂或威胁（{_quoted(terms)}）"


def combined() -> str:
    return "他人信息与骚扰号召、辱骂或求扒同时出现，风险更高"


def reported(terms: list[str]) -> str:
    return f"提到{_quoted(terms)}，但属于新闻报道、治理通知或讨论，没有曝光具体某人的信息"


def weak(terms: list[str]) -> str:
    return f"提到{_quoted(terms)}，但没有发现针对具体某人的内容"
