"""Report text in Chinese for a platform's form: what was exposed (masked), where, when, the
risk categories in the words of the 2025 notice, and the legal basis. Wording lives in
``data/report_text.json``.

Two variants: ``long`` (every section, the full legal text; for 12377, the police and the
evidence package) and ``short`` (one paragraph within the platform's description limit when the
registry knows one, else within ``SHORT_TARGET``). No platform's limit has a source yet, so none
is enforced as the platform's: the user gets both texts, and the short one goes to the clipboard.
No value is ever written unmasked: counts and masked forms only, and the page title and URL
pass through the detector and are masked too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources

from hegai.detect.registry import redact

from .exposure import Exposure, label
from .platforms import Platform

BEIJING = timezone(timedelta(hours=8), "北京时间")
ELLIPSIS = "…"
# The short text's own size when the platform's limit is unknown: a common size for a form's
# description box, not a claim about any platform (the long text is a click away).
SHORT_TARGET = 200


@lru_cache(maxsize=1)
def wording() -> dict:
    return json.loads(resources.files("hegai.reports").joinpath("data").joinpath("report_text.json").read_text("utf-8"))


@dataclass(frozen=True)
class ReportInput:
    url: str
    title: str
    captured_at: str            # ISO 8601
    exposure: Exposure
    post_id: str | None = None
    evidence_sha256: str | None = None


@dataclass(frozen=True)
class ReportText:
    short: str
    long: str
    limit: int | None

    @property
    def for_form(self) -> str:
        """What to paste into the platform's description box: the long text only where the box is
        known to hold it; with the limit unknown, the short one (it fits more boxes)."""
        return self.long if self.limit is not None and len(self.long) <= self.limit else self.short

    def to_dict(self) -> dict:
        return {"short": self.short, "long": self.long, "for_form": self.for_form, "limit": self.limit}


def beijing_time(iso: str) -> str:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M（北京时间）")


def legal_entries(categories: list[str]) -> list[dict]:
    return [e for e in wording()["legal"] if e["when"] == "always" or e["when"] in categories]


def _exposed_counts(exposure: Exposure, limit_types: int | None = None) -> str:
    unit = wording()["labels"]["count_unit"]
    items = [f"{label(t)}{n}{unit}" for t, n in exposure.counts.items()]
    if limit_types is not None and len(items) > limit_types:
        items = items[:limit_types] + [f"等{len(exposure.counts)}类"]
    return "、".join(items) if items else "个人信息"


def _exposed_detail(exposure: Exposure) -> str:
    unit = wording()["labels"]["count_unit"]
    parts = [f"{label(t)} {n} {unit}（{'、'.join(exposure.masked.get(t, []))}）" for t, n in exposure.counts.items()]
    return "；".join(parts) if parts else "未能自动识别，见截图"


def _category_phrases(categories: list[str]) -> list[str]:
    words = wording()["categories"]
    return [words[c] for c in categories if c in words] or [words["EXPOSURE"]]


def build_long(report: ReportInput, platform: Platform) -> str:
    w, lab = wording(), wording()["labels"]
    where = redact(report.url) + (f"（{lab['post_id']}：{report.post_id}）" if report.post_id else "")
    lines = [
        f"【{lab['type']}】{w['report_type']}",
        f"【{lab['where']}】{where}",
    ]
    if report.title.strip():
        lines.append(f"【{lab['title']}】{redact(report.title.strip())}")
    lines += [
        f"【{lab['when']}】{beijing_time(report.captured_at)}",
        f"【{lab['exposed']}】{_exposed_detail(report.exposure)}",
        f"【{lab['risk']}】" + "；".join(_category_phrases(report.exposure.categories)),
        f"【{lab['legal']}】",
        *(f"{i}. {e['full']}" for i, e in enumerate(legal_entries(report.exposure.categories), 1)),
        f"【{lab['request']}】{w['request']}",
    ]
    if report.evidence_sha256:
        lines.append(f"【{lab['evidence']}】{lab['evidence_text']}{report.evidence_sha256}")
    return "\n".join(lines)


def _legal_brief(categories: list[str]) -> str:
    entries = legal_entries(categories)
    # "《个人信息保护法》第十条、第二十八条": the second article reads on from the first law's name.
    text = ""
    for e in entries:
        sep = "、" if e["brief"].startswith("第") else ("，" if text else "")
        text += sep + e["brief"]
    return text


def _short_candidates(report: ReportInput):
    """Short texts from the most to the least complete; the first that fits is used."""
    exposure, w = report.exposure, wording()
    url = redact(report.url)
    post = f"（帖子ID：{report.post_id}）" if report.post_id else ""
    legal = f"违反{_legal_brief(exposure.categories)}。"
    categories = "；".join(_category_phrases(exposure.categories))
    lead = "举报：该内容"
    for with_categories, with_url, type_limit in ((True, True, None), (True, False, None), (False, False, None),
                                                  (False, False, 3), (False, False, 1)):
        head = f"{lead}{categories}" if with_categories else f"{lead}非法公开他人个人信息（开盒）"
        where = f"链接：{url}{post}。" if with_url else ""
        yield f"{head}，含{_exposed_counts(exposure, type_limit)}。{legal}{where}{w['request_brief']}"


def build_short(report: ReportInput, limit: int | None) -> str:
    limit = limit or SHORT_TARGET
    candidate = ""
    for candidate in _short_candidates(report):
        if len(candidate) <= limit:
            return candidate
    return candidate[: limit - 1] + ELLIPSIS


def build(report: ReportInput, platform: Platform) -> ReportText:
    limit = platform.description_limit
    return ReportText(short=build_short(report, limit), long=build_long(report, platform), limit=limit)
