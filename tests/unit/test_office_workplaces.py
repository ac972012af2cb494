"""Employers of office life: firms the model reads as places or people, their offices and
departments, and what is no employer (a kind of firm, a tool, a name withheld). Sentences written
for these tests."""

import pytest

from hegai.detect import scan


def workplaces(text):
    return [f.text for f in scan(text) if f.type == "WORKPLACE"]


@pytest.mark.parametrize("text,workplace", [
    ("汉坤北京的合伙人姚立群，周末还让实习生通宵改合同", "汉坤北京"),     # a firm and its office
    ("举报一下，钉钉客户成功部的，叫詹美玲，电话18912345670", "钉钉客户成功部"),
    ("他在顺达物流公司上班，电话13712345678", "顺达物流公司"),
])
def test_firms_their_offices_and_departments(text, workplace):
    assert workplace in workplaces(text)


@pytest.mark.parametrize("text", [
    "我在飞书上写周报，写完就下班",                          # a tool, not an employer
    "据通报，嫌疑人曾在一家货运公司任职多年，现已归案",       # a kind of firm, in the news
    "听说某美术培训机构要关门了，学费还退不退啊",          # a name withheld
])
def test_no_employer_named(text):
    assert workplaces(text) == []


def test_an_organisations_service_line_names_nobody_s_job():
    text = "补办驾驶证要带身份证和照片，区车管所咨询电话0571-83317705"
    assert workplaces(text) == []
    # a dossier's workplace line followed by the person's phone stays the person's
    assert "区车管所" in workplaces("姓名：吴立新 单位：区车管所 电话 13812345678")


def test_a_teachers_school_named_after_her_is_her_workplace():
    text = "孩子的班主任邵丽华，江城第九高中的，开家长会从来不让家长说话"
    assert "江城第九高中" in workplaces(text)
    # a pupil's school after the teacher's name, with a study verb, stays a school
    later = "班主任邵丽华打电话来了。我儿子在江城第九高中读高二"
    assert [(f.type, f.text) for f in scan(later) if f.type == "SCHOOL"] == [("SCHOOL", "江城第九高中")]


@pytest.mark.parametrize("text,workplace", [
    ("公考第三年终于考进了株洲市荷塘区月塘街道办事处，谢谢一路陪我的人", "株洲市荷塘区月塘街道办事处"),
    ("我对象如今在中铁十九局三公司，一年到头见不到几回", "中铁十九局三公司"),
    ("下周去南通中远海运船务公司实习，行李还没收拾", "南通中远海运船务公司"),
])
def test_posts_won_partners_placed_and_first_days(text, workplace):
    assert workplace in workplaces(text)


@pytest.mark.parametrize("text", [
    "明天去市中心医院看病，挂的专家号",
    "我妈在市中心医院住院，这几天我请假陪床",
])
def test_going_to_a_hospital_is_no_job(text):
    assert workplaces(text) == []
