"""No input makes scan() super-linear: time at 2× size stays ~2× time at 1× size.

A ratio test, not a wall-clock limit. Each case is measured at 256 KB and 512 KB (and its
largest input is 1 MB for the whole-suite check), best of a few runs to damp noise from the
shared machine.
"""

from __future__ import annotations

import time

import pytest

from hegai.detect import scan

KB = 1024
# Adversarial building blocks: each repeats a piece that starts (but never finishes) a match.
CASES = {
    "digits_with_separators": "1 3-8.1·2 3 4 5-6 7 8 9 ",
    "long_digit_run": "1234567890",
    "emoji_split_digits": "1😀3😀8😀",
    "chinese_numerals": "幺三八 一二 ",
    "repeated_qq_cues": "QQ: QQ：扣扣 ",
    "repeated_wechat_cues": "vx微信薇 wx: ",
    "cue_then_digits": "QQ号12345678901234 ",
    "email_like": "a.b-c_d+e@",
    "obfuscated_email_like": "abc at qq dot ",
    "dotted_numbers": "1.2.3.4.5.6.",
    "plate_like": "京A京A1234",
    "birth_cues": "出生日期：生日 1990年",
    "passport_cues": "护照号 E1234567",
    "geo_like": "39.90421, ",
    "repeated_division_names": "北京市朝阳区海淀区",
    "masked_values": "138****5678 ",
}


def _best_time(text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        scan(text)
        best = min(best, time.perf_counter() - t0)
    return best


def _text(block: str, size: int) -> str:
    return (block * (size // len(block) + 1))[:size]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_scan_time_grows_linearly(name):
    block = CASES[name]
    small = _best_time(_text(block, 256 * KB))
    large = _best_time(_text(block, 512 * KB))
    ratio = large / max(small, 1e-4)
    assert ratio < 3.0, f"{name}: 256KB {small:.3f}s, 512KB {large:.3f}s, ratio {ratio:.2f}"


@pytest.mark.slow
def test_one_megabyte_mixed_adversarial_input():
    mixed = "".join(CASES.values())
    half = _best_time(_text(mixed, 512 * KB), repeats=2)
    full = _best_time(_text(mixed, 1024 * KB), repeats=2)
    assert full / max(half, 1e-4) < 3.0, (half, full)
