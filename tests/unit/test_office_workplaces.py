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
