"""The address chain pattern tried only where a chain can start finds exactly what ``finditer``
finds trying every position (issue 18: the same addresses for less work)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hegai.detect.recognizers import _address_anchors, _divisions
from hegai.detect.recognizers._address_clauses import candidate_clauses
from hegai.detect.recognizers.address import _blank_full_divisions, _chain_pattern

PIECES = ["浙江省", "杭州市", "西湖区", "金华", "文三路", "建设3路", "人民", "88号", "5号楼", "3栋", "2单元",
          "1201室", "七组", "五", "B座", "B", "8楼", "-", "—", "_", " ", "，", "阳光小区", "星河国际", "7-5-1320",
          "A11", "12B", "G318国道", "甲28号", "开发区", "镇", "乡", "村", "街道", "社区", "大厦", "店", "馆", "中心",
          "公司", "与", "和", "东侧", "了", "在", "的", "我家", "高山流水", "甲", "之", "1389", "2023-05-01",
          "13812345678", "1234567号", "Q", "IP58.246", "#"]


def _both(text: str):
    clauses = candidate_clauses(text)
    work = _blank_full_divisions(text, [d for s, e in clauses for d in _divisions.find(text, s, e)])
    for start, end in clauses:
        limit = min(end + 1, len(work))
        every = [m.span() for m in _chain_pattern().finditer(work, start, limit)]
        anchored = [m.span() for m in _address_anchors.chains(_chain_pattern(), work, start, end, limit)]
        yield every, anchored


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join))
def test_anchored_chains_equal_every_position(text):
    for every, anchored in _both(text):
        assert anchored == every


def test_the_starts_that_are_easy_to_miss():
    # a name before a building code may end in any Han character (了 is a stop character);
    # a door number may start inside a longer run of digits (the last six before 号)
    for text in ("社区乡了2单元和", "编号1234567号", "地铁2号口"):
        for every, anchored in _both(text):
            assert anchored == every


def test_suffix_starts_that_overlap_or_follow_a_lone_surrogate():
    # Suffix starts come from an overlapping automaton (issue 18): suffixes inside suffixes
    # (花园小区: 园, 小区, 区), one suffix right after another, and a lone surrogate before
    # them (the Rust automaton reads UTF-8: the surrogate is replaced, offsets stay).
    for text in ("阳光花园小区3栋", "建国路街道88号", "幸福村村委会5号", "\ud800滨江区江南大道88号", "大街\ud800小区88号"):
        for every, anchored in _both(text):
            assert anchored == every
