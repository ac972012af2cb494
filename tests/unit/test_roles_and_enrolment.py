"""Two classes of names and schools: a person named after the job or the role they are met in
(收银员X, 乘机人X), and a school followed by the year its student enrolled (X大学2019级).

Sentences written for these tests; hard negatives beside each class."""

import pytest

from hegai.detect import scan


def found(text, kind):
    return [f.text for f in scan(text) if f.type == kind]


@pytest.mark.parametrize("text,name", [
    ("商场三楼那家店的导购鲍雅婷，翻白眼还阴阳怪气", "鲍雅婷"),
    ("帮我改签一下，乘车人聂文博，明天下午的车", "聂文博"),
    ("健身房前台杭丽娜把我的会员卡信息发给了别人", "杭丽娜"),
])
def test_a_name_after_the_role_it_is_met_in_is_that_persons(text, name):
    assert name in found(text, "PERSON_NAME")


@pytest.mark.parametrize("text", [
    "导购说这款今天打八折，我就买了",
    "这个乘客在车上把水洒了一地",
    "前台说房间要等到下午两点",
])
def test_a_role_with_no_name_after_it_finds_nobody(text):
    assert found(text, "PERSON_NAME") == []


@pytest.mark.parametrize("text,school", [
    ("晒一下毕业照 浙江工业大学机械工程学院2019级 严梓涵", "浙江工业大学"),
    ("他是湖南大学18级的，叫黎明轩", "湖南大学"),
])
def test_a_school_followed_by_a_year_of_enrolment_is_a_students(text, school):
    assert school in found(text, "SCHOOL")


@pytest.mark.parametrize("text", [
    "台风12级，厦门大学停课一天",
    "复旦大学2024级新生开学典礼今天举行",
])
def test_a_grade_of_wind_or_a_news_report_of_a_year_is_no_students_school(text):
    assert found(text, "SCHOOL") == []


@pytest.mark.parametrize("text,name", [
    ("实验室的师姐韦思琪天天抢我的数据", "韦思琪"),
    ("街道办城管科科长汪德胜带人推搡老人", "汪德胜"),
])
def test_a_name_after_a_senior_or_an_office_rank_is_that_persons(text, name):
    assert name in found(text, "PERSON_NAME")


def test_a_kind_of_local_office_without_its_place_is_no_workplace():
    assert found("街道办城管科科长汪德胜带人推搡老人", "WORKPLACE") == []


def test_an_emoji_glued_to_a_name_is_not_part_of_it():
    assert "苏晴" in found("避雷‼️ 人民医院骨科的护士苏晴😡 态度差到极点还推我奶奶", "PERSON_NAME")


# the year a student left (2012届) says the same as the year they came in; a numbered school
# the model cuts before its 中 (四十七/ORG 中/f) is found whole
@pytest.mark.parametrize("text,school", [
    ("邓佳慧，二十五中2015届毕业的，电话13912345678", "二十五中"),
    ("他是南京师范大学2016届的，叫杭宇", "南京师范大学"),
])
def test_a_school_followed_by_the_year_its_student_left_is_theirs(text, school):
    assert school in found(text, "SCHOOL")


def test_a_graduating_class_in_the_news_is_no_students_school():
    assert found("南京师范大学2025届毕业典礼今天举行，校长致辞", "SCHOOL") == []


# a name followed by where the person is asked or pointed to
@pytest.mark.parametrize("text,name", [
    ("有偿：谁知道柏志强现在在哪个公司上班？", "柏志强"),
    ("大家去蒋雅琪她们学校贴吧里说说这事", "蒋雅琪"),
])
def test_a_name_followed_by_their_whereabouts_or_institution_is_a_persons(text, name):
    assert name in found(text, "PERSON_NAME")


def test_a_public_figure_asked_about_stays_a_public_figure():
    assert found("李白在哪读书的问题，历史上一直有争议", "PERSON_NAME") == []
