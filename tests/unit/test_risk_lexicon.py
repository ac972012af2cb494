"""Lexicon data, the folding pass and the single automaton pass."""

import time

import pytest

from hegai.risk.lexicon import get_lexicon, load_entries, pinyin_spellings
from hegai.risk.textfold import fold

RISK_AND_CONTEXT = {"EXPOSURE", "INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT", "TOPIC", "BENIGN",
                    "CUE_THIRD", "CUE_FAMILY", "CTX_OWN", "CTX_BUSINESS", "CTX_NEWS"}
# Word classes of the patterns (patterns.py): words that mean something only next to each other.
WORD_CLASSES = {f"W_{name}" for name in ("WHO", "YOU", "WHAT", "ASK", "REWARD", "OFFER", "CONTACT", "TEACH",
                                         "SERVICE", "KNOW", "WARN", "ACT", "PLACE", "CROWD", "INSULT")}


def terms_in(text):
    return {(h.entry.term, text[h.start:h.end]) for h in get_lexicon().find(fold(text))}


def test_every_entry_has_a_known_category_and_a_weight_in_range():
    rows = load_entries()
    assert len(rows) > 100
    for entry, _, _ in rows:
        assert entry.category in RISK_AND_CONTEXT or entry.category in WORD_CLASSES, entry
        assert 0 <= entry.weight <= 1.5, entry


def test_fold_strips_separators_emoji_width_case_and_traditional_with_offsets():
    text = "開.盒🔥ＳＧＫ 查\u200b档"
    folded = fold(text)
    assert folded.text == "开盒sgk查档"
    assert folded.span(0, 2) == (0, 3)
    assert text[slice(*folded.span(2, 5))] == "ＳＧＫ"


def test_pinyin_spellings_mix_hanzi_and_letters_but_not_bare_initials():
    spellings = pinyin_spellings("开盒")
    assert {"kaihe", "开he", "k盒", "kai盒"} <= spellings
    assert "kh" not in spellings and "开h" not in spellings


def test_matches_report_original_offsets_through_evasions():
    assert ("开盒", "開盒") in terms_in("開盒結果")
    assert ("社工库", "社gong库") in terms_in("社gong库 机器人")
    assert ("查档", "查🔥档") in terms_in("查🔥档")


def test_latin_terms_need_word_edges():
    assert not any(t == "sgk" for t, _ in terms_in("xsgkx"))
    assert any(t == "sgk" for t, _ in terms_in("@sgk_bot"))


def test_benign_compound_hides_the_term_inside_it():
    assert terms_in("今天去档案馆查档案") == set()


@pytest.mark.timing
def test_matching_is_linear_in_input_size():
    lexicon = get_lexicon()
    small, large = "开盒查档社工库求扒出征" * 2000, "开盒查档社工库求扒出征" * 20000

    def timed(text):
        start = time.thread_time()
        lexicon.find(fold(text))
        return time.thread_time() - start

    timed(small)
    ratio = timed(large) / max(timed(small), 1e-6)
    assert ratio < 30, f"10× input took {ratio:.1f}× the time"
