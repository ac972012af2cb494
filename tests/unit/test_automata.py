"""The two Aho-Corasick back ends (ahocorasick-rs, pyahocorasick) give the same matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.detect import automata
from hegai.detect.automata import Automaton

pytest.importorskip("ahocorasick_rs")

WORDS = ["北京", "北京市", "京市", "朝阳", "朝阳区", "阳区", "微信", "微信号", "信号", "QQ", "Q", "😀北"]
PIECES = WORDS + ["市", "区", "号", "a", " ", "😀", "\n", "北", "京"]


def both(overlapping: bool):
    pairs = [(w, i) for i, w in enumerate(WORDS)]
    return (Automaton(pairs, overlapping=overlapping, backend="ahocorasick-rs"),
            Automaton(pairs, overlapping=overlapping, backend="pyahocorasick"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_backends_agree(text):
    for overlapping in (False, True):
        rust, python = both(overlapping)
        assert sorted(rust.find(text)) == sorted(python.find(text))


def test_longest_matches_are_leftmost_longest_with_code_point_offsets():
    rust, python = both(False)
    for auto in (rust, python):
        assert [(s, e, WORDS[v]) for s, e, v in auto.find("😀北京市朝阳区")] == \
            [(0, 2, "😀北"), (2, 4, "京市"), (4, 7, "朝阳区")]


def test_overlapping_finds_every_occurrence():
    rust, python = both(True)
    for auto in (rust, python):
        assert sorted(WORDS[v] for _, _, v in auto.find("微信号")) == ["信号", "微信", "微信号"]


def test_empty_word_list_and_empty_text():
    assert Automaton([]).find("北京") == [] and Automaton([("北京", 1)]).find("") == []


def test_the_faster_back_end_is_used_where_installed():
    assert automata.BACKEND == "ahocorasick-rs"


@pytest.mark.parametrize("backend", ["ahocorasick-rs", "pyahocorasick"])
def test_a_lone_surrogate_neither_raises_nor_moves_offsets(backend):
    # JSON bodies may carry "\ud800"; the Rust automaton takes UTF-8, which cannot hold it
    automaton = Automaton([("微信", "W")], backend=backend)
    text = "\ud800加微信\udfff"
    assert automaton.find(text) == [(2, 4, "W")]
