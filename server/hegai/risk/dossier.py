"""Dossier scoring: findings close together are read as being about one person.

Each PII type adds its identifying weight once per cluster; a name tied to a locating detail,
and extra phones (family members'), add more. Weights live in data/dossier.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def dossier_config() -> dict:
    return json.loads(resources.files("hegai.risk").joinpath("data/dossier.json").read_text(encoding="utf-8"))


@dataclass
class Cluster:
    findings: list = field(default_factory=list)

    @property
    def types(self) -> set[str]:
        return {f.type for f in self.findings}

    @property
    def start(self) -> int:
        return self.findings[0].start

    @property
    def end(self) -> int:
        return max(f.end for f in self.findings)


def clusters(findings: list, window: int | None = None) -> list[Cluster]:
    """Split findings (sorted by start) wherever the gap to the previous one exceeds the window."""
    window = window or dossier_config()["window_chars"]
    groups: list[Cluster] = []
    last_end = None
    for finding in sorted(findings, key=lambda f: f.start):
        if last_end is None or finding.start - last_end > window:
            groups.append(Cluster())
        groups[-1].findings.append(finding)
        last_end = finding.end if last_end is None else max(last_end, finding.end)
    return groups


def cluster_score(cluster: Cluster, family_cue: bool) -> float:
    config = dossier_config()
    weights = config["type_weights"]
    types = cluster.types
    # Sorted: a set's order changes with the hash seed, and so would the float sum's last bit.
    score = sum(weights.get(t, 0.0) for t in sorted(types))
    if "PERSON_NAME" in types and types & set(config["locating_types"]):
        score += config["name_link_bonus"]
    extra_phones = sum(1 for f in cluster.findings if f.type == "PHONE_MOBILE") - 1
    if extra_phones > 0:
        per_phone = config["extra_phone_weight"] + (config["family_phone_bonus"] if family_cue else 0.0)
        score += min(extra_phones, config["max_extra_phones"]) * per_phone
    return score


def is_person_linked(cluster: Cluster) -> bool:
    """False for a cluster of place-only details (a shop's landline, a public address)."""
    return bool(cluster.types - set(dossier_config()["place_only_types"]))
