"""LiteralIndex finds what an Aho-Corasick pass finds: every occurrence, overlapping ones too."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.detect.recognizers._lexicon import LiteralIndex

WORDS = ["姓名", "姓名是", "名是", "我叫", "叫", "a", "ab", "b.c"]


def brute_force(text):
    return sorted((i, w) for w in set(WORDS) for i in range(len(text)) if text.startswith(w, i))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="姓名是我叫ab.c ", max_size=30))
def test_every_occurrence_is_found(text):
    found = list(LiteralIndex(WORDS).finditer(text))
    assert sorted(found) == brute_force(text)
    assert [s for s, _ in found] == sorted(s for s, _ in found)     # by start


def test_longest_word_first_at_one_start_and_regex_characters_are_literal():
    assert list(LiteralIndex(WORDS).finditer("姓名是")) == [(0, "姓名是"), (0, "姓名"), (1, "名是")]
    assert list(LiteralIndex(WORDS).finditer("bxc b.c")) == [(4, "b.c")]     # "." is not a wildcard
