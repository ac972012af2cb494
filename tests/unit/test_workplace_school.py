"""WORKPLACE and SCHOOL recognizers: a person's own employer or school, marked by a cue."""

from __future__ import annotations

import pytest

from hegai.detect.base import Document
from hegai.detect.recognizers.school import RECOGNIZER as SCHOOL
from hegai.detect.recognizers.workplace import RECOGNIZER as WORKPLACE

from _linearity import growth_ratio


def found(recognizer, text: str) -> list[str]:
    return [f.text for f in recognizer.analyze(Document(text))]


@pytest.mark.parametrize("text, expected", [
    ("我在腾讯上班", "腾讯"),
    ("他在北京字节跳动科技有限公司当程序员", "北京字节跳动科技有限公司"),
    ("工作单位：杭州市第一人民医院", "杭州市第一人民医院"),
    ("就职于杭州阿里巴巴网络技术有限公司担任工程师", "杭州阿里巴巴网络技术有限公司"),
    ("他老婆在中国银行杭州分行上班，", "中国银行杭州分行"),
    ("单位：郑州市第三人民医院，全吧出动", "郑州市第三人民医院"),
    ("我在华为南京研究所上班，每天加班", "华为南京研究所"),
    # listed among other details: an employer with its suffix, then the job
    ("袁梦，上海交通大学医学院附属瑞金医院护士，住上海市黄浦区", "上海交通大学医学院附属瑞金医院"),
    ("张伟，华为技术有限公司工程师，电话13812345678", "华为技术有限公司"),
    ("网暴者挖出我的公司美团北京总部、住址", "美团北京总部"),
    ("本人女，现居深圳南山，在腾讯做产品经理", "腾讯"),                # a job after the role verb
    ("在华为做硬件工程师", "华为"),
])
def test_own_workplaces_are_found(text, expected):
    assert found(WORKPLACE, text) == [expected]


@pytest.mark.parametrize("text", [
    "腾讯公司发布财报",              # an organisation merely mentioned
    "我在北京工作",                  # a city is not a workplace
    "我在公司上班",                  # which company?
    "我一直在努力工作",
    "在一家医院上班",
    "她在这里工作",
    "我在家上班",
    "在新西兰当地时间17日夜间结束",    # 当 with no organisation before it
    "我们单位座机0755-83765432",
    "一名腾讯公司员工表示，今年的年终奖不错。",    # a job after an employer, but no details listed
    "酒店前台电话0592-20512345",                   # a kind of place, not an employer's name
    "华为技术有限公司工程师招聘中",
    "我的公司很好，老板人不错",
    "在家做饭",
    "在深圳做程序员",
    "在银行做柜员",
])
def test_mentions_and_kinds_of_place_are_not_workplaces(text):
    assert found(WORKPLACE, text) == []


@pytest.mark.parametrize("text, expected", [
    ("我就读于北京大学附属中学，", "北京大学附属中学"),
    ("毕业于浙江大学计算机学院，现在在杭州", "浙江大学计算机学院"),
    ("我妹在杭州第二中学读书", "杭州第二中学"),
    ("他是杭州第二中学高二的学生", "杭州第二中学"),
    ("学校：深圳中学", "深圳中学"),
    ("我妹妹杭州第十四中学初二", "杭州第十四中学"),
    ("对方贴出了我的学校中国海洋大学和手机", "中国海洋大学"),
    ("真名侯俊杰，电子科技大学，QQ1283746590", "电子科技大学"),      # listed among details
])
def test_own_schools_are_found(text, expected):
    assert found(SCHOOL, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("本人就读于武汉大学，计算机学院研一", ["武汉大学"]),            # the department is not a 2nd school
    ("毕业于浙江大学，现在在北京电影学院读研", ["浙江大学", "北京电影学院"]),
])
def test_a_department_after_its_school_is_not_another_school(text, expected):
    assert found(SCHOOL, text) == expected


@pytest.mark.parametrize("text", [
    "清华大学发布通知",              # a school merely mentioned
    "我在大学读书",                  # which one?
    "考上了大学",
    "北京大学的樱花开了",
    "我喜欢北京大学，清华大学，复旦大学。",  # a list of schools is no list of details
    "在北京大学读书是一种什么样的体验？",   # a question about a school, not anyone's
    "在清华大学上学怎么样",
])
def test_mentions_and_kinds_of_school_are_not_schools(text):
    assert found(SCHOOL, text) == []


def test_findings_exclude_the_cue_and_are_masked():
    text = "工作单位：杭州市第一人民医院"
    [f] = WORKPLACE.analyze(Document(text))
    assert text[f.start:f.end] == f.text and f.start == 5
    assert "医院" not in f.masked and f.reasons[0] == "线索词: 工作单位"
    [s] = SCHOOL.analyze(Document("毕业于浙江大学，"))
    assert (s.start, s.end) == (3, 7) and "大学" not in s.masked


@pytest.mark.slow
@pytest.mark.timing
@pytest.mark.parametrize("recognizer", [WORKPLACE, SCHOOL], ids=["workplace", "school"])
@pytest.mark.parametrize("unit", ["在腾讯", "就读于", "中学高二", "在在在上班", "张三李四王五", "，医院护士住", "，中学，电话"])
def test_time_grows_linearly_on_adversarial_input(recognizer, unit):
    assert growth_ratio(recognizer, unit) < 10
