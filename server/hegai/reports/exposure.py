"""What a post exposes: counts per type, masked values, risk categories, and value fingerprints.

Only masked values and keyed fingerprints leave this module. A fingerprint is an HMAC of the
normalised value under a per-report random salt: re-check can tell whether the same values are
still on a page without the report row ever holding a value (nor a hash a phone-number
dictionary could reverse).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from hegai.detect import PII_TYPES, TYPE_LABELS_ZH, Finding, scan
from hegai.detect.normalize import normalize
from hegai.risk import assess_findings
from hegai.risk.assessment import LEVELS

RISK_CATEGORIES = ("EXPOSURE", "INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT")
MAX_SAMPLES_PER_TYPE = 3


@dataclass
class Exposure:
    counts: dict[str, int]                    # {TYPE: n}, in PII_TYPES order
    masked: dict[str, list[str]]              # {TYPE: [masked values, distinct, at most 3]}
    categories: list[str]                     # risk categories, SPEC names, in SPEC order
    level: str
    salt: str = ""
    fingerprints: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {"counts": self.counts, "masked": self.masked, "categories": self.categories, "level": self.level,
                "total": self.total}


def value_key(finding: Finding) -> str:
    """The value as re-check compares it: width-folded, numerals as digits, no separators, upper case."""
    folded = unicodedata.normalize("NFKC", normalize(finding.text).text)
    return finding.type + ":" + "".join(ch for ch in folded if ch.isalnum()).upper()


def fingerprint(salt: str, finding: Finding) -> str:
    return hmac.new(bytes.fromhex(salt), value_key(finding).encode("utf-8"), hashlib.sha256).hexdigest()


def _assessment(text: str, findings: list[Finding]):
    return assess_findings(text, findings)


def _ordered(categories) -> list[str]:
    wanted = set(categories)
    return [c for c in RISK_CATEGORIES if c in wanted]


def _max_level(*levels: str | None) -> str:
    return max((lv for lv in levels if lv in LEVELS), key=LEVELS.index, default="none")


def analyse(text: str, hint_categories=(), hint_level: str | None = None) -> Exposure:
    """Scan ``text``; categories are the risk engine's plus the caller's hints (the page summary)."""
    findings = scan(text)
    counts = Counter(f.type for f in findings)
    masked: dict[str, list[str]] = {}
    for f in findings:
        samples = masked.setdefault(f.type, [])
        if f.masked not in samples and len(samples) < MAX_SAMPLES_PER_TYPE:
            samples.append(f.masked)
    assessment = _assessment(text, findings)
    categories = set(assessment.categories)
    categories.update(c for c in hint_categories if c in RISK_CATEGORIES)
    if findings:
        categories.add("EXPOSURE")
    salt = secrets.token_hex(16)
    return Exposure(
        counts={t: counts[t] for t in PII_TYPES if counts[t]},
        masked={t: masked[t] for t in PII_TYPES if t in masked},
        categories=_ordered(categories),
        level=_max_level(assessment.level, hint_level),
        salt=salt,
        fingerprints=sorted({fingerprint(salt, f) for f in findings}),
    )


def still_present(salt: str, fingerprints: list[str], text: str) -> list[str]:
    """The fingerprints of the reported values that ``text`` still contains."""
    wanted = set(fingerprints)
    return sorted({fp for fp in (fingerprint(salt, f) for f in scan(text)) if fp in wanted})


def label(pii_type: str) -> str:
    return TYPE_LABELS_ZH.get(pii_type, pii_type)
