"""``--fail-on``: which results make the audit fail (exit status 1)."""

from __future__ import annotations

from hegai.testing.exposure import LEVELS, PageExposure, level_rank

ANY = "any"


class FailOn:
    """Tokens: a risk level (fail at it or above), a PII type (fail if found), or ``any``."""

    def __init__(self, tokens: list[str]):
        from hegai.detect import PII_TYPES

        self.tokens = tokens
        self.levels, self.types, self.any = [], [], False
        for token in tokens:
            if token.lower() == ANY:
                self.any = True
            elif token.lower() in LEVELS[1:]:
                self.levels.append(token.lower())
            elif token.upper() in PII_TYPES:
                self.types.append(token.upper())
            else:
                raise ValueError(
                    f"--fail-on: {token!r} is neither 'any', a risk level ({', '.join(LEVELS[1:])}) nor a PII "
                    f"type ({', '.join(PII_TYPES)})")

    def reasons(self, page: PageExposure) -> list[str]:
        """Why this page fails the audit (empty: it passes)."""
        reasons = []
        if self.any and page.exposures:
            reasons.append(f"{len(page.exposures)} finding(s)")
        for level in self.levels:
            # A page asking others to dox someone fails on its level even without a value.
            if level_rank(page.level) >= level_rank(level):
                reasons.append(f"risk level {page.level} ≥ {level}")
        found = {e.type for e in page.exposures}
        reasons += [f"{t} found" for t in self.types if t in found]
        return reasons
