"""Accuracy measurement: PII precision/recall (:mod:`.pii`) and risk levels (:mod:`.risk`).

``python -m hegai.evaluation [FILE.jsonl ...]`` (what ``scripts/evaluate`` runs) sends each file
to the right evaluator: records with a ``level`` label are risk posts, the rest PII spans.
"""

from .pii import GROUPS, STRUCTURED_TYPES, evaluate_pii, format_pii, match, merge

__all__ = ["evaluate_pii", "format_pii", "match", "merge", "GROUPS", "STRUCTURED_TYPES"]
