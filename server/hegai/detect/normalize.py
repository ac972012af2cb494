"""Normalised view of a text, built once per scan and shared by every recognizer.

The view maps character for character onto the original (same length), so an offset in
``Normalized.text`` is an offset in the original text; ``starts``/``ends``/``to_original`` are
kept so a recognizer never has to rely on that. What it changes:

- full-width ASCII (U+FF01..U+FF5E) and the ideographic space → ASCII;
- Chinese numerals (零〇一二三四五六七八九幺两, 壹贰叁…) → digits, but only where they form a
  number run (at least ``MIN_NUMERAL_RUN`` digit characters, Arabic or Chinese, optionally split
  by separators), so "一个" or "三五成群" stay words while "幺三八 一二三四 五六七八" becomes digits;

Separators between digits (spaces, - . · / emoji, symbols) are not removed here: the digit-run
splitter in :mod:`hegai.detect.digitruns` groups digits across them (``Document.digit_runs``),
so every numeric recognizer sees the same groups and offsets stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

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
# "洞 拐 勾" (0 7 9 in radio speech) are too common as words; they only count inside runs that
# already hold other numerals, which the run length threshold ensures.
MIN_NUMERAL_RUN = 5

_NUMERAL_CHARS = "0-9" + "".join(CHINESE_DIGITS)
# Separator gaps up to 3 code points (emoji + variation selector + keycap).
_NUMERAL_RUN = regex.compile(
    rf"[{_NUMERAL_CHARS}](?:[ \t\-.·_/*\u3000\ufe0f\u20e3\p{{So}}\p{{Sk}}]{{0,3}}[{_NUMERAL_CHARS}])+"
)
_HAS_CHINESE_NUMERAL = regex.compile(f"[{''.join(CHINESE_DIGITS)}]")
_DIGIT_CHAR = regex.compile(f"[{_NUMERAL_CHARS}]")
_NUMERAL_TABLE = str.maketrans(CHINESE_DIGITS)


@dataclass
class Normalized:
    text: str
    starts: list[int]   # starts[i] = original offset of normalised char i
    ends: list[int]     # ends[i] = original end offset of normalised char i

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


_WIDTH_TABLE = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def _fold_width(text: str) -> str:
    return text.translate(_WIDTH_TABLE)


def _convert_numeral_runs(text: str) -> str:
    """Replace Chinese numerals by digits inside number runs of ``MIN_NUMERAL_RUN``+ digits."""
    if not _HAS_CHINESE_NUMERAL.search(text):
        return text
    pieces, last = [], 0
    for m in _NUMERAL_RUN.finditer(text):
        run = m.group()
        if not _HAS_CHINESE_NUMERAL.search(run) or len(_DIGIT_CHAR.findall(run)) < MIN_NUMERAL_RUN:
            continue
        pieces.append(text[last:m.start()])
        pieces.append(run.translate(_NUMERAL_TABLE))
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def normalize(text: str) -> Normalized:
    folded = _convert_numeral_runs(_fold_width(text))
    n = len(text)
    return Normalized(folded, list(range(n)), list(range(1, n + 1)))
