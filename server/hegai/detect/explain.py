"""Finding reasons in the user's language: the library writes them in Chinese; the service
shows them in English when the user picks English (table: data/detect/reasons_en.tsv)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _english() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    whole, prefixes = {}, []
    text = resources.files("hegai").joinpath("data", "detect", "reasons_en.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        zh, en = line.split("\t")
        if zh.endswith(": "):
            prefixes.append((zh, en))
        else:
            whole[zh] = en
    return whole, tuple(prefixes)


def reason_in(language: str, reason: str) -> str:
    """``reason`` in ``language`` ("zh"/"zh_CN": as is; "en": translated when the table knows it)."""
    if not language.startswith("en"):
        return reason
    whole, prefixes = _english()
    if reason in whole:
        return whole[reason]
    for zh, en in prefixes:
        if reason.startswith(zh):
            return en + reason[len(zh):]
    return reason
