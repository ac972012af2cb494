"""How to turn on a platform's own protection (微博 "一键防护", 豆瓣 "应急防护模式", 抖音
"小安一键防网暴", 小红书 "小红盾" …), from the reporting registry (``hegai.reports.platforms``):
one reading of ``platforms.json``, with its overrides and its checks, for alerts and reports alike.
"""

from __future__ import annotations

from hegai.reports import platforms


def for_host(host: str) -> dict | None:
    """{platform, name, name_en, protection, verified} for the platform serving ``host``, or None.
    ``protection`` is ``{name, where, effect, also?, confidence, sources, note}`` or None."""
    found = platforms.for_host((host or "").lower())
    if found is None:
        return None
    return {"platform": found.id, "name": found.name, "name_en": found.name_en, "protection": found.protection,
            "verified": found.verified}
