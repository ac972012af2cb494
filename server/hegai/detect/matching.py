"""Trying a pattern only where it can start: shared by normalisation and the recognizers.

A leaf module (it imports nothing of Hegai's), so the text views and the recognizer framework can
both use it without importing each other.
"""

from __future__ import annotations


def match_at(pattern, text: str, starts):
    """``pattern.finditer(text)`` for a pattern whose matches can only start at ``starts``
    (e.g. the starts of its cue-word hits): the same matches, tried only there.

    finditer returns the leftmost match at or after the end of the previous one; trying every
    possible start in order and skipping those inside the previous match is the same thing."""
    resume = 0
    for pos in sorted(set(starts)):
        if pos < resume:
            continue
        m = pattern.match(text, pos)
        if m:
            resume = m.end() if m.end() > pos else pos + 1
            yield m
