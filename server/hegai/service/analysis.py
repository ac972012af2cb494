"""What ``scan``, ``assess`` and ``check`` compute, without Flask: findings, vault matches, assessment.

Offsets leave this module in UTF-16 code units (what JavaScript strings use).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from functools import lru_cache
from importlib import resources

from hegai.detect import TYPE_LABELS_EN, TYPE_LABELS_ZH
from hegai.detect.explain import reason_in
from hegai.detect.masking import apply_masks
from hegai.reports.exposure import value_key
from hegai.textutil import utf16_offsets

from . import engines
from .vault_keys import kinds
from .vault_match import VaultHit, VaultMatcher

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
# Which severities each sensitivity setting warns about (the user's own info always warns).
SENSITIVITY = {"low": {"high"}, "normal": {"high", "medium"}, "high": {"high", "medium", "low"}}
CHUNK_SEPARATOR = "\n"


@lru_cache(maxsize=1)
def severity_by_type() -> dict[str, str]:
    raw = resources.files("hegai.service").joinpath("data").joinpath("severity.json").read_text("utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


def severity(pii_type: str) -> str:
    return severity_by_type().get(pii_type, "low")


def finding_json(f, u16: list[int], language: str = "zh") -> dict:
    return {"type": f.type, "start": u16[f.start], "end": u16[f.end], "text": f.text, "masked": f.masked,
            "score": round(float(f.score), 3), "reasons": [reason_in(language, r) for r in f.reasons],
            "label": f.label}


def hit_json(hit: VaultHit, u16: list[int], chunk_id) -> dict:
    return {"chunk_id": chunk_id, "start": u16[hit.start], "end": u16[hit.end], **hit.public()}


def scan_page(chunks: list[tuple[object, str]], matcher: VaultMatcher, language: str = "zh",
              values: list | None = None) -> dict:
    """Scan each chunk once; assess the page as all chunks joined, from the same findings.
    ``values``, if given, receives each finding as (type, normalised value): the history counts
    each value once per page (never stored as such, see storage.detections_repo)."""
    out_chunks, vault_matches, shifted = [], [], []
    counts: Counter[str] = Counter()
    offset = 0
    scanned = [(text, engines.scan(text)) for _, text in chunks]
    # All chunks at once: the vault guard counts a request's look-alike values before answering.
    hits_per_chunk = matcher.find_many(scanned)
    for (chunk_id, text), (_, findings), hits in zip(chunks, scanned, hits_per_chunk):
        u16 = utf16_offsets(text)
        out_chunks.append({"id": chunk_id, "findings": [finding_json(f, u16, language) for f in findings]})
        vault_matches.extend(hit_json(h, u16, chunk_id) for h in hits)
        counts.update(f.type for f in findings)
        if values is not None:
            values.extend((f.type, value_key(f)) for f in findings)
        shifted.extend(dataclasses.replace(f, start=f.start + offset, end=f.end + offset) for f in findings)
        offset += len(text) + len(CHUNK_SEPARATOR)
    page_text = CHUNK_SEPARATOR.join(text for _, text in chunks)
    return {"chunks": out_chunks, "assessment": engines.assess(page_text, shifted, language),
            "vault_matches": vault_matches, "counts": dict(counts)}



def assess_page(text: str, language: str = "zh") -> dict | None:
    """The risk engine's assessment of a whole page's text (everything scanned on it so far),
    so the page shows one level and the engine's own reasons, not a union over batches."""
    return engines.assess(text, engines.scan(text), language)


@dataclasses.dataclass
class DraftWarning:
    type: str
    start: int      # code points, until serialised
    end: int
    masked: str
    own: bool

    @property
    def severity(self) -> str:
        return severity(self.type)

    def sort_key(self):
        return (not self.own, SEVERITY_RANK[self.severity], self.start)


def _message(w: DraftWarning, language: str) -> str:
    if language == "en":
        label = TYPE_LABELS_EN.get(w.type, w.type)
        return f"This is your own {label} ({w.masked})" if w.own else f"Contains a {label}: {w.masked}"
    label = TYPE_LABELS_ZH.get(w.type, w.type)
    return f"这是你自己的{label}（{w.masked}）" if w.own else f"包含{label}：{w.masked}"


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def draft_warnings(text: str, findings, hits: list[VaultHit]) -> list[DraftWarning]:
    """One warning per finding (own if a vault hit overlaps it), plus vault hits no finding covers."""
    warnings = [DraftWarning(f.type, f.start, f.end, f.masked,
                         any(_overlaps(f.start, f.end, h.start, h.end) for h in hits)) for f in findings]
    for h in hits:
        if not any(_overlaps(h.start, h.end, f.start, f.end) for f in findings):
            pii_type = kinds()[h.entry.kind]["types"][0]
            warnings.append(DraftWarning(pii_type, h.start, h.end, engines.mask(pii_type, text[h.start:h.end]), True))
    return warnings


def wanted(w: DraftWarning, settings: dict) -> bool:
    if w.own:
        return True
    if settings["only_own"]:
        return False
    return w.type in settings["warn_types"] and w.severity in SENSITIVITY[settings["sensitivity"]]


def check_draft(text: str, matcher: VaultMatcher, settings: dict) -> dict:
    findings = engines.scan(text)
    hits = matcher.find(text, findings)
    warnings = sorted((w for w in draft_warnings(text, findings, hits) if wanted(w, settings)),
                      key=DraftWarning.sort_key)
    u16 = utf16_offsets(text)
    language = settings["language"]
    return {
        "warnings": [{"type": w.type, "start": u16[w.start], "end": u16[w.end], "masked": w.masked,
                      "own": w.own, "severity": w.severity, "message": _message(w, language)} for w in warnings],
        "masked_text": apply_masks(text, warnings),
        "assessment": engines.assess(text, findings, language),
        "own": any(w.own for w in warnings),
    }
