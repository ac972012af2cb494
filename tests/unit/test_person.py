"""PERSON_NAME recognizer: a person's own name, marked by a cue and a known surname."""

from __future__ import annotations

import pytest

from hegai.detect.base import Document
from hegai.detect.recognizers.person import RECOGNIZER

from _linearity import growth_ratio


def names(text: str) -> list[str]:
    return [f.text for f in RECOGNIZER.analyze(Document(text))]


@pytest.mark.parametrize("text, expected", [
    ("姓名：张三，电话13812345678", "张三"),
    ("姓名:王小明 性别:男", "王小明"),
    ("我叫李华，今年18岁", "李华"),
    ("我叫张三今年18岁", "张三"),
    ("他叫王大锤是个程序员", "王大锤"),
    ("收件人：欧阳娜娜 13812345678", "欧阳娜娜"),
    ("真名是刘德华", "刘德华"),
    ("联系人王小明电话138", "王小明"),
    ("她的真实姓名叫陈静。", "陈静"),
    ("本名司马相如", "司马相如"),
    ("姓名：张三", "张三"),            # full-width colon
    ("前男友叫宋文博，在京东上班", "宋文博"),
    ("我姐姐刘芳，身高160，昨晚走失", "刘芳"),
    # a name heading a list of personal details in a 开盒 post
    ("挂一下这个黑粉：谭晓东，微信tanxd_1998，住长沙", "谭晓东"),
    ("曝光老赖：胡国强，330204198506120026", "胡国强"),
])
def test_cued_names_are_found(text, expected):
    assert names(text) == [expected]


@pytest.mark.parametrize("text", [
    "马云说今天天气不错",             # a public figure merely mentioned
    "张三和李四去吃饭了",             # no cue
    "收件人：张先生",                 # a title, not a name
    "姓名：张某",                     # already withheld
    "姓名：张**",
    "他叫车来接我",                   # 叫 = call
    "她叫了外卖",
    "名字叫什么",
    "我叫它小白",
    "姓名姓名姓名",
    "我是江苏人，",
    "获奖名单：张伟，李娜，王芳",      # a list of names without personal details
    "投资者利益，更充分保护公司",
    "柯美 柯尼卡 195 185 235",          # brand names in a product title
    "户主或与户主关系：本人",          # a form field after a cue, shaped like 关 + 系
    "姓名：方式见附件",
])
def test_uncued_titled_or_withheld_names_are_not_found(text):
    assert names(text) == []


def test_finding_excludes_the_cue_and_masks_the_given_name():
    text = "收件人：李小龙，电话略"
    [f] = RECOGNIZER.analyze(Document(text))
    assert (f.start, f.end, f.text) == (4, 7, "李小龙")
    assert f.masked == "李**"
    assert "线索词: 收件人" in f.reasons and "姓氏: 李" in f.reasons


@pytest.mark.slow
@pytest.mark.timing
@pytest.mark.parametrize("unit", ["姓名", "姓名：张三", "我叫", "张三李四王五"])
def test_time_grows_linearly_on_adversarial_input(unit):
    assert growth_ratio(RECOGNIZER, unit) < 10
