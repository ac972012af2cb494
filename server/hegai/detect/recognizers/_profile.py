"""Profile hints: the words of a dossier (身份证, 电话, 住, 公司…) or a phone-like digit run.

Not a recognizer itself (no ``RECOGNIZER``). Shapes that have no cue of their own — a name or an
employer listed in a run of personal details (袁梦，某医院护士，住…) — count only when one of these
follows within ``HINT_REACH`` characters.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ._lexicon import alternation, pairs

HINT_REACH = 40


@lru_cache(maxsize=None)
def profile_hint(without: frozenset = frozenset()) -> regex.Pattern:
    """``without``: hint words that do not count (a list of schools is no dossier because
    大学 follows 大学)."""
    hints = alternation(w for k, w in pairs("person/profile_hints.tsv") if k == "hint" and w not in without)
    return regex.compile(rf"{hints}|[0-9](?:[\s\-]?[0-9]){{6}}")
