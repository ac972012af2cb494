"""Workplaces of a small town and of gig work, as people write them, and the words that look like
one but are not. Sentences and values written for these tests."""

import pytest

from hegai.detect import scan

CONTEXTUAL = ("PERSON_NAME", "WORKPLACE", "SCHOOL")


def found(text):
    return [(f.type, f.text) for f in scan(text) if f.type in CONTEXTUAL]


def workplaces(text):
    return [v for k, v in found(text) if k == "WORKPLACE"]


@pytest.mark.parametrize("text,workplace", [
    ("甘立新这人脾气差得很，现在镇里的水泥厂上班", "镇里的水泥厂"),               # a town's place + a kind
    ("表哥去年起在县城蓝鲸网咖做夜班收银", "县城蓝鲸网咖"),
    ("邻居家闺女，叫温晓雯，如今在“水月轩”美容院上班", "“水月轩”美容院"),   # a quoted name
    ("街角“星际穿越”网吧的老板阮天佑，半夜还放学生进去", "“星际穿越”网吧"),
    ("跑外卖第二年了，一直在饿了么东关站接单，风雨无阻", "饿了么东关站"),           # a platform's station
    ("韵达北门网点的派件员甄有才，包裹直接扔楼下", "韵达北门网点"),
])
def test_town_and_gig_workplaces(text, workplace):
    assert workplace in workplaces(text)


@pytest.mark.parametrize("text", [
    "本人焦梦瑶，九五年的，目前在温州搞跨境电商，请多指教",  # what someone does somewhere
    "我二叔以前开滴滴的，后来回老家种果树了",               # driving for an app
    "小姨在托育中心当保育员，每天累得不行",                 # the job is no organisation
    "入职报道第一天，领了工牌和电脑，同事都挺好",           # reporting for duty
    "县城人很多，周末街上全是车",
])
def test_words_that_look_like_a_workplace_are_not(text):
    values = workplaces(text)
    assert not any(v in ("温州搞跨境电商", "滴滴", "保育员", "报道", "县城") for v in values), values


def test_a_relation_said_after_the_name():
    assert ("PERSON_NAME", "闵雅琴") in found("闵雅琴是我们部门的同事，每次开会都抢功")
    assert found("鲁迅是我最喜欢的作家") == []      # a public figure, and no relation


def test_a_permit_number_a_clause_after_its_cue():
    text = "在机场找到一本港澳通行证，持证人写着卓慧敏，证号是C71234568，已交给服务台"
    assert [(f.type, f.text) for f in scan(text) if f.type == "PASSPORT"] == [("PASSPORT", "C71234568")]
    # …but not an order's number after a permit is mentioned
    assert [f for f in scan("办了港澳通行证，顺便问下订单C12345678什么时候到") if f.type == "PASSPORT"] == []


def test_a_badge_names_the_employer():
    text = "他发的自拍里露出了工牌：市五院超声科 戚立诚"
    assert any(k == "WORKPLACE" and v.startswith("市五院") for k, v in found(text))
    assert ("PERSON_NAME", "戚立诚") in found(text)


def test_a_market_stall_is_a_workplace():
    assert ("WORKPLACE", "北关菜市场") in found("她白天在北关菜市场卖豆芽，晚上在群里骂人，电话13612340987")


def test_a_class_written_with_brackets():
    assert ("SCHOOL", "城关小学") in found("他家老二在城关小学三(2)班，班主任都头疼")


def test_a_group_buys_leader_is_a_role():
    assert ("PERSON_NAME", "邬秀兰") in found("拼团的团长，邬秀兰，收了钱不发货，她电话 13812340516")


def test_an_actor_praised_in_a_review_is_no_private_person():
    assert found("《长安的荔枝》里雷佳音的演技真是没话说") == []


@pytest.mark.parametrize("text,workplace", [
    ("健身房跑路！老板祁振东，超猛健身（坂田天虹店），手机13926580000", "超猛健身（坂田天虹店）"),
    ("办卡的时候，飞扬健身（福田中心店）的会籍顾问邹明伟拍胸脯保证能退", "飞扬健身（福田中心店）"),
    ("今日喺金華餐廳（佐敦店）返早更，又要六點起身", "金華餐廳（佐敦店）"),     # the poster's own, said without 我
])
def test_a_chain_with_its_branch_in_brackets(text, workplace):
    assert workplace in workplaces(text)


def test_brackets_after_no_name_are_no_branch():
    assert workplaces("周末去逛了一圈（记得带伞）人太多了") == []
