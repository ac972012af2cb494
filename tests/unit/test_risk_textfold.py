"""The fast fold (str.translate + dropped runs) against the per-character definition."""

import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.risk.textfold import _fold_exact, fold

# CJK, traditional forms, full-width letters, punctuation, spaces, emoji, zero-width and
# combining marks, and characters that fold to several (ﬁ, ⑴, ㈠) or to nothing.
ALPHABET = "开盒開查档社工库abcXYZ０１２ＡＢＣｓｇｋ，。！ .·-_🔥😂\u200b\u0301\u3000ﬁ⑴㈠①½¥$元"


def origins(folded):
    return [folded.origin(i) for i in range(len(folded.text))]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fast_fold_agrees_with_the_exact_definition(text):
    fast, exact = fold(text), _fold_exact(text)
    assert fast.text == exact.text
    assert origins(fast) == origins(exact)
    for start in range(len(fast.text)):
        assert fast.span(start, start + 1) == exact.span(start, start + 1)


def test_texts_without_dropped_characters_map_one_to_one():
    folded = fold("开盒ABC查档")
    assert folded.text == "开盒abc查档"
    assert origins(folded) == list(range(7))


def test_a_leading_run_of_dropped_characters_shifts_every_offset():
    folded = fold("…… 开盒")
    assert folded.text == "开盒"
    assert folded.span(0, 2) == (3, 5)


DOSSIER = ("楼主整理的资料：姓名：黄丽，身份证：510107199404304125，手机：15353142419，"
           "微信：huangli_1997，工作单位：深圳市南山区某科技公司，住在深圳市南山区桃园路88号")


def test_the_level_does_not_depend_on_the_hash_seed():
    """A score sitting on a threshold (0.85) once came out 0.8499999… under some hash seeds,
    because the dossier summed a set of weights in set order."""
    code = "import sys; from hegai.risk import assess; print(assess(sys.argv[1]).level)"
    levels = {subprocess.run([sys.executable, "-c", code, DOSSIER], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True).stdout.strip()
              for seed in range(6)}
    assert len(levels) == 1, levels
