"""Own-info matching without an oracle.

The vault list shows each entry masked (138****5678), so whoever holds a token knows all but a few
characters of a value. Matching pages against the vault would then confirm the rest by brute force:
10,000 candidate numbers in a handful of scans. Two defences:

- ``entry_mask``: the masked form never shows most of a short value (95588 → 9***8), and a name
  shows nothing (its surname would leave only a few hundred common given names to try);
- ``NearMissBudget``: a *near miss* is a candidate on a page that has the entry's masked form but is
  not the entry (138 0000 5678 against 138****5678) — exactly what a brute-force search must send,
  and rare on real pages. Past ``NEAR_MISS_LIMIT`` distinct near misses within a window, the entry's
  own-info matches are withheld for the rest of that window, whoever asks (tokens need the user's
  act, so the budget is shared by all of them). A search over 10,000 candidates then tests at most
  ``NEAR_MISS_LIMIT + 1`` of them a day.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from . import engines
from .vault_keys import kinds

log = logging.getLogger("hegai.service")

NEAR_MISS_LIMIT = 20
# An address shows its district (西湖区***): local news names it often, and the street and number
# left to guess are many more than a phone's 10,000 — a larger budget keeps the feature for locals.
NEAR_MISS_LIMITS = {"address": 200}
WINDOW_SECONDS = 24 * 3600
MASK_CHAR = "*"


def entry_type(kind: str, key: str) -> str:
    """The PII type a vault value is masked as (a phone that is not a mobile is a landline)."""
    if kind == "phone" and not (len(key) == 11 and key.startswith("1")):
        return "PHONE_LANDLINE"
    return kinds()[kind]["types"][0]


def _hidden(masked: str) -> int:
    return masked.count(MASK_CHAR)


def entry_mask(kind: str, value: str, key: str) -> str:
    """The masked form of a vault value: at least a third of it (and 3 characters) hidden."""
    if kind == "name":
        return MASK_CHAR * 2
    masked = engines.mask(entry_type(kind, key), value)
    if _hidden(masked) >= max(3, len(value) / 3):
        return masked
    keep = len(value) // 4          # the detector's mask shows too much: keep a quarter each end
    return value[:keep] + MASK_CHAR * (len(value) - 2 * keep) + value[len(value) - keep:]


def shape(kind: str, key: str) -> str:
    """What the mask leaves of a match key: two keys with one shape look alike to a searcher."""
    return entry_mask(kind, key, key)


def visible_prefix(masked: str) -> str:
    return masked.split(MASK_CHAR, 1)[0]


class NearMissBudget:
    """Distinct near misses per vault entry and window; only digests are kept, at most limit + 1.
    In memory: a restart (which a token holder cannot cause) starts a fresh window."""

    def __init__(self, limit: int = NEAR_MISS_LIMIT, window: float = WINDOW_SECONDS, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._seen: dict[int, tuple[float, set[str]]] = {}
        self._lock = threading.Lock()

    def allows(self, entry_id: int, candidates: set[str], limit: int | None = None) -> bool:
        """Count ``candidates`` against the entry; False once it is over its budget this window."""
        limit = self.limit if limit is None else limit
        now = self.clock()
        with self._lock:
            start, seen = self._seen.get(entry_id, (now, set()))
            if now - start >= self.window:
                start, seen = now, set()
            was_open = len(seen) <= limit
            for candidate in candidates:
                if len(seen) > limit:
                    break
                seen.add(hashlib.sha256(candidate.encode("utf-8", "surrogatepass")).hexdigest())
            self._seen[entry_id] = (start, seen)
            allowed = len(seen) <= limit
        if was_open and not allowed:
            # No value, no candidate: just that matching paused (a user may want to know why).
            log.warning("vault: own-info matching paused for one entry for %d h (too many look-alike values)",
                        self.window // 3600)
        return allowed
