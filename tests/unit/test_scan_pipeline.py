"""The scan pipeline does its work once and only where it can find something (issue 18)."""

from __future__ import annotations

import dataclasses

from hegai.detect import masking
from hegai.detect.finding import Finding
from hegai.detect.registry import Registry, discover


class _Counting:
    """A recognizer of numbers that counts its calls."""

    name = "counting"
    types = ("PHONE_MOBILE",)
    needs_digit = True

    def __init__(self):
        self.calls = 0

    def analyze(self, doc):
        self.calls += 1
        return []


def test_recognizers_of_numbers_are_skipped_on_text_without_a_digit():
    counting = _Counting()
    registry = Registry([counting], model=False)
    registry.scan("今天天气不错，下午去超市买了苹果")
    assert counting.calls == 0
    registry.scan("电话13812345678")
    registry.scan("电话幺三八一二三四五六七八")     # Chinese numerals are digits once normalised
    assert counting.calls == 2


def test_numbers_written_in_chinese_numerals_are_still_found():
    found = Registry(model=False).scan("电话幺三八一二三四五六七八")
    assert [(f.type, f.text) for f in found] == [("PHONE_MOBILE", "幺三八一二三四五六七八")]


def test_only_recognizers_whose_values_are_numbers_say_they_need_a_digit():
    # IPv6 (fe::ab:cd), plates (京A·ABCDE), addresses, names and dates in numerals need none
    needing = {rec.name for rec in discover() if getattr(rec, "needs_digit", False)}
    assert needing == {"phone", "id_card", "bank_card", "geo"}
    found = Registry(model=False).scan("服务器地址 fe::ab:cd 登录")
    assert [f.type for f in found] == ["IP_ADDRESS"]


def test_a_finding_made_without_its_mask_makes_it_when_read():
    finding = Finding("PHONE_MOBILE", 0, 11, "13812345678", 0.9)
    assert finding.masked == masking.mask("PHONE_MOBILE", "13812345678") == "138****5678"
    moved = dataclasses.replace(finding, start=5, end=16)
    assert moved.masked == "138****5678" and moved.to_dict()["masked"] == "138****5678"
    given = Finding("PERSON_NAME", 2, 3, "她", 0.9, masked="*")
    assert given.masked == "*"
