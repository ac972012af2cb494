"""The learned layer of the risk engine: a linear model over character n-grams and the rules' own
signals, for the posts the rules do not read.

The rules (lexicon, dossier scoring) give the reasons; this layer gives recall on wording nobody
listed. It was trained with scikit-learn by ``scripts/train-risk`` on posts written for it by people
who had not read the lexicon or the code (``training/risk/PROVENANCE.md``), and ships as plain
weights (``data/learned.npz``): inference is a sum of weight rows in numpy, no scikit-learn at run
time. ``features`` is shared by training and inference, so both see the same thing.

Heads: one logistic head per category (EXPOSURE … INCITEMENT) and a five-way softmax over the
levels. How they combine with the rules is in :func:`refine`.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .assessment import CATEGORIES
from .textfold import fold

log = logging.getLogger("hegai.risk.learned")

FEATURE_VERSION = 1
# Grams made only of these say nothing a user can check ("那个", "的就"): never quoted as a reason.
_FUNCTION_CHARS = frozenset("的了是在就那个这也都和与及我你他她它们吗呢吧啊哦呀还又再很太")
_DIGITS = re.compile(r"[0-9]+")
_SIGNAL_GROUPS = ("INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT", "TOPIC", "CUE_THIRD", "CUE_FAMILY",
                  "CTX_OWN", "CTX_BUSINESS", "CTX_NEWS")


def _digit_shape(m: re.Match) -> str:
    """Numbers by size, not value: 3 → 0, 2024 → 8, a phone or an ID → 9."""
    n = len(m.group())
    return "0" if n < 4 else "8" if n < 9 else "9"


def shaped_text(text: str) -> str:
    """The text the n-grams are read from: folded (punctuation, emoji and spacing dropped,
    traditional → simplified, lower case) with numbers reduced to their size."""
    return _DIGITS.sub(_digit_shape, fold(text).text)


def features(text: str, findings: list, rule: "RuleView") -> set[str]:
    """Binary features: character 1–3-grams of :func:`shaped_text` and the rules' view."""
    shaped = shaped_text(text)
    out = {f"g:{shaped[i:i + n]}" for n in (1, 2, 3) for i in range(len(shaped) - n + 1)}
    types = {f.type for f in findings}
    out.update(f"f:{t}" for t in types)
    out.add(f"f:n={min(len(types), 4)}")
    for group in _SIGNAL_GROUPS:
        total = rule.signal_totals.get(group, 0.0)
        if total > 0:
            out.add(f"s:{group}:{'1' if total >= 1.0 else 'p' if total >= 0.6 else 'w'}")
    out.add(f"r:level={rule.level}")
    out.update(f"r:cat={c}" for c in rule.categories)
    out.add(f"x:context={rule.exposure_context}")
    strength = rule.exposure_strength
    out.add(f"x:strength={'0' if strength <= 0 else 'w' if strength < 0.4 else 'p' if strength < 0.9 else 'h' if strength < 1.8 else 'c'}")
    if rule.priced:
        out.add("s:priced")
    return out


@dataclass
class RuleView:
    """What the rules concluded, as the model reads it."""
    level: str
    categories: list[str]
    signal_totals: dict[str, float]
    exposure_strength: float
    exposure_context: str
    priced: bool
    news: bool = False          # the rules read it as news, a notice or a discussion (CTX_NEWS)
    evidence: bool = False      # any finding or risk-lexicon hit: something for a rule to stand on
    target: bool = True         # someone to aim at: a pronoun, a target word, personal info…
    insult_target: bool = True  # the same, not counting the insult words themselves
    calls: bool = True          # a crowd or an act word anywhere: someone is called to do something
    types: frozenset = frozenset()   # the PII types found
    reason_kinds: tuple = ()    # per rule reason: the category it explains, "COMBINED" or None (a note)


class Model:
    def __init__(self, vocabulary: dict[str, int], weights, bias, meta: dict):
        import numpy as np

        self._np = np
        self.vocabulary = vocabulary
        self.weights = weights              # (features, 10): five category logits, five level logits
        self.bias = bias
        self.meta = meta
        self.category_threshold = meta.get("category_threshold", 0.5)

    def predict(self, feats: set[str]) -> tuple[dict[str, float], list[float], list[int]]:
        """(category probabilities, level probabilities, the indexes of the features present)."""
        np = self._np
        # one look-up per feature, in C (a comprehension with "in" then [] was a sixth of assess)
        index = [i for i in map(self.vocabulary.get, feats) if i is not None]
        logits = self.weights[index].sum(axis=0) + self.bias if index else self.bias.copy()
        cats = 1.0 / (1.0 + np.exp(-logits[:5]))
        levels = np.exp(logits[5:] - logits[5:].max())
        levels /= levels.sum()
        return dict(zip(CATEGORIES, map(float, cats))), list(map(float, levels)), index

    def strongest_grams(self, index: list[int], head: int, limit: int = 3) -> list[str]:
        """The n-grams present that pushed ``head`` up most (for the reason of a model-only call)."""
        grams = [(float(self.weights[i, head]), self._name(i)) for i in index]
        grams = [(w, g[2:]) for w, g in grams
                 if g.startswith("g:") and len(g) >= 4 and w > 0 and not set(g[2:]) <= _FUNCTION_CHARS]
        return [g for _, g in sorted(grams, reverse=True)[:limit]]

    def _name(self, i: int) -> str:
        return self._names[i]

    @cached_property
    def _names(self) -> dict[int, str]:
        return {v: k for k, v in self.vocabulary.items()}


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The shipped model, or None (logged once) when its file is missing or of another version."""
    try:
        import numpy as np

        folder = resources.files("hegai.risk").joinpath("data")
        meta = json.loads(folder.joinpath("learned.json").read_text(encoding="utf-8"))
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"feature version {meta.get('feature_version')} ≠ {FEATURE_VERSION}")
        with folder.joinpath("learned.npz").open("rb") as fh:
            data = np.load(fh)
            weights, bias = data["weights"].astype(np.float32), data["bias"].astype(np.float32)
        vocabulary = {name: i for i, name in enumerate(meta["features"])}
        return Model(vocabulary, weights, bias, meta)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("learned risk layer unavailable (%s); the rules decide alone", exc)
        return None
