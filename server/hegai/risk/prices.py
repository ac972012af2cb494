"""Price patterns of the 开盒 trade ("150元/条", "50r一条", "一条50", "查档200").

Run on the folded text (separators already gone, so "150元/条" reads "150元条"). Every
quantifier is bounded and the patterns have no nested repetition: matching is linear.
"""

from __future__ import annotations

import regex

_AMOUNT = r"(?<!\d)\d{2,5}(?!\d)"
_CURRENCY = r"(?:元|块|r|rmb|米|¥)"
_PER_ITEM = r"(?:一|每)?(?:条|次)"
PRICE = regex.compile(
    rf"{_AMOUNT}{_CURRENCY}?{_PER_ITEM}"          # 150元/条, 50r一条, 500一次
    rf"|(?:一|每)(?:条|次){_AMOUNT}"                # 一条50
    rf"|¥\d{{2,5}}|{_AMOUNT}(?:元|块|rmb|r(?![a-z]))"  # ¥388, 99元, 388r
)
# An amount right after a trade term: 查档200.
AMOUNT_AFTER_TERM = regex.compile(_AMOUNT)


def find_prices(folded_text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PRICE.finditer(folded_text)]


def amount_follows(folded_text: str, position: int) -> bool:
    return AMOUNT_AFTER_TERM.match(folded_text, position) is not None
