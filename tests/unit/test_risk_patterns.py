"""Compositional patterns (patterns.py): WHO × WHAT × INTENT word classes near each other.

Sentences here are our own, written to exercise each class, with hard negatives (news, victims,
friends' banter, game talk, customer complaints, shops). Checked at the signal level: what the
rules read, whatever a learned layer adds later."""

import pytest

from hegai.risk.engine import scoring
from hegai.risk.patterns import compose
from hegai.risk.signals import read_signals


def sums(text):
    config = scoring()
    return read_signals(text, config["price_weight"], config["category_present"]).sums


def present(text):
    bar = scoring()["category_present"]
    return {c for c, v in sums(text).items() if c in ("INDUCEMENT", "TRADE", "INCITEMENT") and v >= bar}


@pytest.mark.parametrize("text", [
    "哪位兄弟有他老婆的手机号，麻烦发我",
    "有没有人认识图书馆门口发传单的那个女的",
    "求楼上那个喷子的家庭住址",
    "能不能查到这个博主在哪上班",
    "蹲一个大佬，帮我查查这个账号背后是谁",
    "她老公在哪工作谁知道",
])
def test_asking_for_someones_info_is_inducement(text):
    assert "INDUCEMENT" in present(text), sums(text)


def test_a_reward_or_several_specific_asks_weigh_more():
    bare = sums("谁知道他的手机号")["INDUCEMENT"]
    assert sums("谁知道他的手机号，有偿，红包感谢")["INDUCEMENT"] > bare + 0.5
    assert sums("谁知道他的手机号和家庭住址")["INDUCEMENT"] > bare + 0.5


@pytest.mark.parametrize("text", [
    "有没有人知道这家面馆的地址",          # a shop
    "谁有好用的记账软件推荐",
    "求问补办身份证要带什么材料",
    "谁知道今晚的比赛几点开始",
    "他说周末一起去爬山，谁有登山杖借我",
])
def test_everyday_questions_are_not_inducement(text):
    assert "INDUCEMENT" not in present(text), sums(text)


@pytest.mark.parametrize("text", [
    "专业代查户籍信息，当天出结果，tg联系",
    "手把手教你查开房记录，包教包会",
    "人肉服务学生价，量大优惠，私我",
])
def test_offering_a_lookup_service_or_lesson_is_trade(text):
    assert "TRADE" in present(text), sums(text)


@pytest.mark.parametrize("text", [
    "接单做海报设计，价格美丽，私我",
    "手机壳批发，量大优惠，加vx",
    "教程：怎么给猫剪指甲",
])
def test_ordinary_offers_are_not_trade(text):
    assert "TRADE" not in present(text), sums(text)


@pytest.mark.parametrize("text", [
    "你公司在哪我都查到了，下班路上小心点",
    "我知道你住哪个小区",
    "你给我等着，出门小心",
])
def test_threats_aimed_at_someone_are_abuse_on_their_own(text):
    assert sums(text).get("ABUSE", 0) >= scoring()["abuse_alone_present"], sums(text)


@pytest.mark.parametrize("text", [
    "你这个傻逼，你妈的，垃圾东西，畜生",      # a flame war: insults alone never make a threat
    "我知道你家住哪呀，上次你请我吃饭还是我开的车哈哈",
])
def test_insults_alone_stay_under_the_threat_bar(text):
    if "傻逼" in text:
        assert sums(text).get("ABUSE", 0) < scoring()["abuse_alone_present"]


@pytest.mark.parametrize("text", [
    "兄弟们每人给他打个电话，打到他单位去",
    "给这个女的点外卖到家，全部货到付款",
    "大家去他们学校官微留言，让学校开除他",
    "姐妹们冲她评论区",
])
def test_calls_to_act_on_someone_are_incitement(text):
    assert "INCITEMENT" in present(text), sums(text)


@pytest.mark.parametrize("text", [
    "我要投诉这个快递员，态度太差了",           # one customer's complaint
    "这把冲他们高地，打他野区",                   # game talk
    "大家记得给家里打电话报平安",
    "外卖到了，货到付款，放门口就行",
])
def test_complaints_and_game_talk_are_not_incitement(text):
    assert "INCITEMENT" not in present(text), sums(text)


def test_a_pattern_quotes_the_words_that_matched():
    from hegai.risk.lexicon import get_lexicon
    from hegai.risk.textfold import fold

    text = "谁有她前男友的手机号？"
    hits = compose(text, get_lexicon().find(fold(text)))
    terms = [c.hit.entry.term for c in hits if c.hit.entry.category == "INDUCEMENT"]
    assert terms and all("手机号" in t and "谁有" in t for t in terms), terms


@pytest.mark.timing
def test_composition_is_linear_in_the_number_of_class_words():
    """Best of three runs per size (a garbage-collection pause or another process on the shared
    machine spoils one run; a quadratic composition is slow in every one)."""
    import gc
    import time

    def timed(n):
        text = "求他电话，谁有他住址，大家打他单位电话，你等着。" * n
        best = float("inf")
        for _ in range(3):
            gc.collect()
            start = time.thread_time()
            sums(text)
            best = min(best, time.thread_time() - start)
        return best

    small = max(timed(500), 1e-3)
    assert timed(2000) / small < 8
