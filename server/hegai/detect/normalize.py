"""Normalised view of a text, built once per scan and shared by every recognizer.

The view maps character for character onto the original (same length), so an offset in
``Normalized.text`` is an offset in the original text; ``starts``/``ends``/``to_original`` are
kept so a recognizer never has to rely on that. What it changes:

- full-width ASCII (U+FF01..U+FF5E) and the ideographic space → ASCII;
- Chinese numerals (零〇一二三四五六七八九幺两, 壹贰叁…) → digits, but only where they form a
  number run (at least ``MIN_NUMERAL_RUN`` digit characters, Arabic or Chinese, optionally split
  by separators), so "一个" or "三五成群" stay words while "幺三八 一二三四 五六七八" becomes digits;
- dash variants next to a numeral (‐ ‑ ‒ – — ― ﹘ ﹣, and － via the width fold) → "-", so
  "010﹣62751234" is one landline; dashes in prose ("他说——") are left alone;

Separators between digits (spaces, - . · / emoji, symbols) are not removed here: the digit-run
splitter in :mod:`hegai.detect.digitruns` groups digits across them (``Document.digit_runs``),
so every numeric recognizer sees the same groups and offsets stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import re

import regex

from .matching import match_at

# One Chinese character → one digit; keeps offsets one-to-one.
CHINESE_DIGITS = {
    "零": "0", "〇": "0", "○": "0", "洞": "0",
    "一": "1", "幺": "1", "壹": "1",
    "二": "2", "两": "2", "贰": "2", "貳": "2",
    "三": "3", "叁": "3", "參": "3",
    "四": "4", "肆": "4",
    "五": "5", "伍": "5",
    "六": "6", "陆": "6", "陸": "6",
    "七": "7", "柒": "7", "拐": "7",
    "八": "8", "捌": "8",
    "九": "9", "玖": "9", "勾": "9",
}
# Digits in circles and bullets (①③⑧…, ❶, ➊), written to slip past filters: one character, one
# digit, in runs only like the Chinese numerals (a lone ① is a list mark).
ENCLOSED_DIGITS = {"⓪": "0", "⓿": "0"} | {chr(base + k): str(k + 1) for base in (0x2460, 0x2776, 0x2780, 0x278A)
                                         for k in range(9)}
CHINESE_DIGITS |= ENCLOSED_DIGITS
# "洞 拐 勾" (0 7 9 in radio speech) are too common as words; they only count inside runs that
# already hold other numerals, which the run length threshold ensures.
MIN_NUMERAL_RUN = 5

_NUMERAL_CHARS = "0-9" + "".join(CHINESE_DIGITS)
# Separator gaps up to 3 code points (emoji + variation selector + keycap).
_NUMERAL_RUN = regex.compile(
    rf"[{_NUMERAL_CHARS}](?:[ \t\-.·_/*\u3000\ufe0f\u20e3\p{{So}}\p{{Sk}}]{{0,3}}[{_NUMERAL_CHARS}]){{{MIN_NUMERAL_RUN - 1},}}"
)
_HAS_CHINESE_NUMERAL = regex.compile(f"[{''.join(CHINESE_DIGITS)}]")
_CN = "".join(CHINESE_DIGITS)
_SEP = r"[ \t\-.·_/*\u3000\ufe0f\u20e3\p{So}\p{Sk}]"
_NUMERAL_PAIR = regex.compile(rf"[{_CN}]{_SEP}{{0,3}}[{_NUMERAL_CHARS}]|[0-9]{_SEP}{{0,3}}[{_CN}]")
# A Chinese numeral that is part of a pair: followed by a numeral, or preceded by a digit.
_PAIRED_NUMERAL = regex.compile(
    rf"[{_CN}](?:(?={_SEP}{{0,3}}[{_NUMERAL_CHARS}])|(?<=[0-9]{_SEP}{{0,3}}[{_CN}]))")
_NUMERAL_SET = frozenset("0123456789" + _CN)
_RUN_SEPARATORS = frozenset(" \t-.·_/*\u3000\ufe0f\u20e3")
_MAX_RUN_LOOKBACK = 64
_NUMERAL_TABLE = str.maketrans(CHINESE_DIGITS)


@dataclass
class Normalized:
    text: str
    starts: Sequence[int]   # starts[i] = original offset of normalised char i
    ends: Sequence[int]     # ends[i] = original end offset of normalised char i

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


_WIDTH_TABLE = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)} | {0x3000: " "}
_WIDE_CHAR = re.compile("[\uff01-\uff5e\u3000]")
_WIDE_SINGLE = {chr(o): chr(v) if isinstance(v, int) else v for o, v in _WIDTH_TABLE.items()}


def _fold_width(text: str) -> str:
    # One str.replace per distinct full-width character (a text holds a dozen or so, mostly
    # ，：（）), each found by a search that resumes where the last one stopped (everything before
    # it is folded already): 15 ms per MB of the bench corpus (bench/bench_scan.py), against 21 ms
    # collecting them with findall, 27 ms for a regex substitution per stretch and 58 ms for
    # str.translate (slow on non-ASCII strings).
    pos, search = 0, _WIDE_CHAR.search
    while (m := search(text, pos)) is not None:
        wide = m.group()
        text = text.replace(wide, _WIDE_SINGLE[wide])
        pos = m.start() + 1
    return text


# Dashes people type between digits instead of "-": hyphen, non-breaking hyphen, figure dash,
# en/em dash, horizontal bar, small em dash, small hyphen-minus (－ is folded with the widths).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63"


def _next_to_numeral(text: str, pos: int) -> bool:
    """A numeral right before or after ``pos``, or one space away."""
    for near in (pos - 1, pos + 1):
        if 0 <= near < len(text) and text[near] in _NUMERAL_SET:
            return True
    return (pos >= 2 and text[pos - 1] == " " and text[pos - 2] in _NUMERAL_SET) or \
        (pos + 2 < len(text) and text[pos + 1] == " " and text[pos + 2] in _NUMERAL_SET)


def _fold_dashes(text: str) -> str:
    """One "-" for each dash variant next to a numeral (one character each: offsets stay).
    Each dash is looked for with str.find (a fast C search per dash character, 2 ms per MB of
    the bench corpus); a regex character class over the whole text cost 130 ms per MB."""
    hits = []
    for dash in _DASHES:
        pos = text.find(dash)
        while pos != -1:
            if _next_to_numeral(text, pos):
                hits.append(pos)
            pos = text.find(dash, pos + 1)
    if not hits:
        return text
    pieces, last = [], 0
    for pos in sorted(hits):           # slices, not a list of every character (150 ms per MB)
        pieces += [text[last:pos], "-"]
        last = pos + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _run_start(text: str, pos: int) -> int:
    """Walk back from ``pos`` over numerals and separators to where a numeral run may start."""
    i, floor = pos, max(0, pos - _MAX_RUN_LOOKBACK)
    while i > floor and (text[i - 1] in _NUMERAL_SET or text[i - 1] in _RUN_SEPARATORS):
        i -= 1
    while i < pos and text[i] not in _NUMERAL_SET:
        i += 1
    return i


def _pair_starts(text: str) -> set[int]:
    """Every position where a ``_NUMERAL_PAIR`` match can start (a superset).

    Each pair holds a Chinese numeral next to (at most 3 separators from) another numeral, so
    the scan is anchored on Chinese numerals (``_PAIRED_NUMERAL``) instead of trying the pair
    pattern at every digit: 15 ms instead of 41 ms per MB on the digit-heavy bench corpus
    (bench/bench_scan.py). A pair starts at that numeral or at a digit up to 4 before it."""
    starts = set()
    for m in _PAIRED_NUMERAL.finditer(text):
        pos = m.start()
        starts.add(pos)
        starts.update(p for p in range(max(0, pos - 4), pos) if "0" <= text[p] <= "9")
    return starts


def _numeral_runs(text: str):
    """Runs holding a Chinese numeral next to another numeral; found from those pairs (rare in
    prose), so ordinary digit runs cost nothing here."""
    covered = 0
    for trigger in match_at(_NUMERAL_PAIR, text, _pair_starts(text)):
        if trigger.start() < covered:
            continue
        m = _NUMERAL_RUN.match(text, _run_start(text, trigger.start()))
        if m is None or m.end() <= trigger.start():
            m = _NUMERAL_RUN.match(text, trigger.start())
        if m is not None:
            covered = m.end()
            yield m


def _convert_numeral_runs(text: str) -> str:
    """Replace Chinese numerals by digits inside number runs of ``MIN_NUMERAL_RUN``+ digits."""
    pieces, last = [], 0
    for m in _numeral_runs(text):
        start, end = _trim_word_numerals(text, m.start(), m.end())
        run = text[start:end]
        if run.isascii() or not _HAS_CHINESE_NUMERAL.search(run):
            continue
        pieces.append(text[last:start])
        pieces.append(run.translate(_NUMERAL_TABLE))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _trim_word_numerals(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave out a single Chinese numeral at either edge of a run that is glued to an Arabic
    digit: "2644一直" and "一个13812345678" are words next to a number, not digits."""
    def lone(edge: int, inner: int) -> bool:
        return text[edge] in CHINESE_DIGITS and text[inner] in "0123456789"

    def in_a_word(edge: int, step: int) -> bool:
        # "张三 139 1234 5678": the numeral ends a word (a CJK character glued to it outside the
        # run) and Arabic digits follow only after a separator
        outside, inner = edge - step, edge + step
        if text[edge] not in CHINESE_DIGITS or not 0 <= outside < len(text) or \
                not _CJK_WORD.match(text[outside]) or text[outside] in CHINESE_DIGITS:
            return False
        while start <= inner < end and text[inner] in _RUN_SEPARATORS:
            inner += step
        return inner != edge + step and start <= inner < end and text[inner] in "0123456789"

    if end - start >= 2 and (lone(end - 1, end - 2) or in_a_word(end - 1, -1)):
        end -= 1
    if end - start >= 2 and (lone(start, start + 1) or in_a_word(start, 1)):
        start += 1
    return start, end


_CJK_WORD = re.compile("[\u4e00-\u9fff]")


def normalize(text: str) -> Normalized:
    folded = _convert_numeral_runs(_fold_dashes(_fold_width(text)))
    n = len(text)
    # One-to-one today, so the maps are ranges (no memory); a view that drops or merges
    # characters would store lists here and recognizers would not change.
    return Normalized(folded, range(n), range(1, n + 1))
