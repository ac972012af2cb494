"""Victims asking for help are not the ones doing 开盒: no INCITEMENT/INDUCEMENT for them,
while the real calls that share their words (挂厕, 挂出来让大家冲) still count."""

import pytest

from hegai.risk import assess

VICTIM_POSTS = [
    "我被开盒了怎么办",
    "有人把我的信息挂出来了，合法吗",
    "朋友被人肉了，怎么举报",
    "我同学被人肉了，照片和学校都被挂出来了，该怎么维权？",
    "有人在超话里把我挂出来了，说我是骗子，我该报警吗",
    "闺蜜被扒皮了，现在天天收到骚扰短信，求助怎么处理",
    "被人开盒之后应该先做什么？求过来人指点",
    "有人把我妈电话挂到广场上了，怎么办",
]

CALLS = ["把她挂厕所", "挂出来让大家冲", "挂厕", "把这个人挂出来，大家冲"]


@pytest.mark.parametrize("text", VICTIM_POSTS)
def test_a_victim_asking_for_help_is_at_most_low(text):
    a = assess(text)
    assert a.level in ("none", "low"), (a.level, a.reasons)
    assert not {"INCITEMENT", "INDUCEMENT"} & set(a.categories), a.categories


def test_a_victim_quoting_a_friends_phone_is_exposure_not_incitement():
    a = assess("有人把我朋友的电话 15800001111 挂出来了，这样合法吗？")
    assert a.categories == ["EXPOSURE"], a.reasons
    assert not any("15800001111" in r for r in a.reasons)


@pytest.mark.parametrize("text", CALLS)
def test_real_calls_to_hang_someone_out_are_still_incitement(text):
    a = assess(text)
    assert "INCITEMENT" in a.categories and a.level in ("high", "critical"), (a.level, a.reasons)


@pytest.mark.parametrize("text", ["周末和大家冲浪去了", "期末了大家冲刺加油"])
def test_everyday_charging_ahead_is_not_a_call(text):
    assert assess(text).level == "none"
