"""Whose details a post gives, and what it offers: classes the level guide turns on.

Sentences and values written for these tests; each class has a hard negative beside it."""

import pytest

from hegai.detect import scan
from hegai.risk.engine import assess
from hegai.risk.signals import read_signals


@pytest.mark.parametrize("text", [
    "我舍友的QQ是3906128475，每天凌晨打游戏吵得人睡不着",        # a relation's details
    "前任的微信 lan_xi_0419，分手了还天天发消息骚扰",
])
def test_a_relations_contact_is_someone_elses(text):
    result = assess(text)
    assert "EXPOSURE" in result.categories and result.level in ("medium", "high")


def test_the_posters_own_contact_stays_low():
    result = assess("我的QQ是3906128475，周末开黑的加我")
    assert result.level == "low" and "EXPOSURE" not in result.categories


def test_a_number_given_with_his_or_her_pronoun_is_theirs():
    # a post about a former employer, full of a company's words, and the boss's own phone
    text = ("聊聊我离开的那家公司。公司叫恒远建材有限公司，面试时说有社保，入职后一分没交。老板叫宁志远，"
            "我走的时候他扣了我半个月工资，打他手机 13712345678 从来不接。")
    result = assess(text)
    assert "EXPOSURE" in result.categories
    assert result.level in ("high", "critical")


def test_exposing_people_for_a_fee_is_a_trade():
    result = assess("接单代发曝光帖，你提供截图，我帮你在几个大平台发，一条150")
    assert "TRADE" in result.categories
    # a paid service that has nothing to do with anyone's details
    assert "TRADE" not in assess("收费帮人修电脑，上门一次50，系统重装另算").categories


def test_a_threat_to_make_someone_suffer_the_same():
    result = assess("骗子韦国栋，手机13798765432，让他也尝尝被人骗的滋味")
    assert "ABUSE" in result.categories


def test_the_words_of_a_found_name_are_no_signal():
    # 求 inside a school's name asks nobody for anything: once the school is found, its words
    # are not read as risk words
    text = "这个答主我认识，求真中学的体育老师，电话13712345678"
    school = text.index("求真中学")
    without = read_signals(text, 0.3, 0.3)
    within = read_signals(text, 0.3, 0.3, [(school, school + 4)])
    assert without.total("INDUCEMENT") > 0
    assert within.total("INDUCEMENT") == 0


@pytest.mark.parametrize("text", [
    "再敢在业主群里编排我，我叫你在这个小区混不下去，不信你试试",  # the consequence and the ultimatum
    "你個仆街，估唔到你咁衰，早晚搵人收拾你",                         # Cantonese
])
def test_threats_that_promise_a_consequence_are_abuse(text):
    assert "ABUSE" in assess(text).categories


@pytest.mark.parametrize("text", [
    "今天天气不错，你试试看这家店的蛋挞",
    "这家店说到做到，说七天退款真的退了",
    "我最近在公司待不下去了，想辞职",
])
def test_the_same_words_with_nobody_threatened_are_no_abuse(text):
    assert "ABUSE" not in assess(text).categories


def test_the_words_inside_names_are_dropped_as_a_walk_over_every_name_would():
    """_outside bisects the names' spans; it drops exactly what checking every span would."""
    from hypothesis import given, settings, strategies as st

    from hegai.risk.lexicon import Hit
    from hegai.risk.signals import _outside

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 6)), max_size=30),
           st.lists(st.tuples(st.integers(0, 200), st.integers(1, 12)), max_size=10))
    def check(hit_spans, name_spans):
        names = []
        for a, n in sorted(name_spans):          # resolved findings never overlap
            if all(a >= e for _, e in names):
                names.append((a, a + n))
        hits = [Hit(None, a, a + n, a, a + n) for a, n in hit_spans]
        naive = [h for h in hits if not any(a <= h.start and h.end <= b for a, b in names)]
        assert _outside(hits, names) == naive

    check()


def test_a_service_number_is_no_ones_detail():
    """A 400 hotline or a 95xxx line beside someone's details is an organisation's: it adds
    nothing to their dossier, nor a reason."""
    dossier = "扒到了，那个碰瓷的叫滕国庆。他手机是15312345670。家住温州市鹿城区松台街道华盖新村3幢201。"
    with_line = dossier + "\n平台客服热线 400-812-3456，工作日在线。"
    alone, beside = assess(dossier), assess(with_line)
    assert beside.level == alone.level and beside.score == alone.score
    assert not any("固定电话" in r for r in beside.reasons)
    # a landline that is the person's own still counts
    home = assess(dossier + "他家座机 0577-88123456。")
    assert any("固定电话" in r for r in home.reasons)
