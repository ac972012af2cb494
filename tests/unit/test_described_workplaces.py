"""Workplaces people describe instead of naming: by where the employer is (a district, a park, a
mall), by the department and the work done there, and factories that the address rules take whole.

Sentences written for these tests; each case names a class of posts. The rules alone must read
them (the learned gate is switched off), and each rule has hard negatives beside it."""

import pytest

from hegai.detect import scan
from hegai.detect.contextual import span_model


@pytest.fixture(autouse=True)
def rules_only(monkeypatch):
    monkeypatch.setattr(span_model, "_gate", lambda: None)


def workplaces(text):
    return [f.text for f in scan(text) if f.type == "WORKPLACE"]


# place + link word (的, 那家, 一家, 那边的一个) + a description ending like an organisation
DESCRIBED = [
    ("曝光一下，渣男彭宇航，在广州天河区的一家跨境电商公司做运营", "广州天河区的一家跨境电商公司"),
    ("她叫林晓雯，现在在南京新街口那家律师事务所当助理，电话15012345678", "南京新街口那家律师事务所"),
    ("这货叫蒋涛 在重庆江北区那边的一个装修公司跑业务", "重庆江北区那边的一个装修公司"),
    ("单位：西安高新区一家做外包的软件公司，姓名：罗斌", "西安高新区一家做外包的软件公司"),
    ("那个骗子叫温志远，在郑州大卫城的一家手机店卖手机", "郑州大卫城的一家手机店"),
]


@pytest.mark.parametrize("text,expected", DESCRIBED)
def test_a_workplace_described_by_its_place_is_found_whole(text, expected):
    assert expected in workplaces(text)


def test_a_described_workplace_says_why_in_both_languages():
    from hegai.detect.explain import reason_in

    finding = next(f for f in scan(DESCRIBED[0][0]) if f.type == "WORKPLACE")
    assert finding.reasons[0] == "模型: 地点+机构描述"
    assert reason_in("en", finding.reasons[0]) == "model: organisation described by its place"


@pytest.mark.parametrize("text", [
    # a meal, a visit, a job interview: where something happened, not where someone works
    "周末和朋友在苏州观前街的一家面馆吃饭，他叫宋磊，电话13712345678",
    "她叫邓佳，昨天在成都高新区那家医院看病排了三个小时",
    "他叫韩东，在深圳福田那家互联网公司面试被刷了，电话13612345678",
    # "a company in a district" names no trade: no more than 在公司上班
    "他叫马骏，在杭州余杭区的一家公司上班，电话13512345678",
    # nobody in view: a shop recommended, not someone's workplace
    "推荐长沙五一广场那家湘菜馆，味道不错",
])
def test_a_place_plus_a_kind_of_place_is_not_a_workplace_without_a_person_working_there(text):
    assert workplaces(text) == []


# the department and the work done in it stand between the employer and the cue
@pytest.mark.parametrize("text,expected", [
    ("挂号挂的那个大夫叫曹丽君，在省人民医院皮肤科坐诊，态度极差", "省人民医院"),
    ("赵永刚就是宁波市海曙区市场监督管理局稽查科科长，电话0574-87654321", "宁波市海曙区市场监督管理局"),
])
def test_a_department_between_employer_and_work_does_not_hide_the_employer(text, expected):
    assert any(w.startswith(expected) for w in workplaces(text))


def test_leaving_work_from_an_employer_says_it_is_theirs():
    text = "她叫詹秀英，每天晚上七点从绿城物业服务有限公司下班，走的就是这条小路"
    assert "绿城物业服务有限公司" in workplaces(text)
    assert workplaces("她叫詹秀英，每天晚上七点从绿城物业服务有限公司门口路过") == []


def test_the_place_of_an_act_inside_a_department_stays_a_place():
    assert workplaces("有人在市中心医院急诊科打护士，叫孙某某，电话13412345678") == []


# a factory under its town is an address to the address rules; with a job after it it is a workplace
def test_a_factory_found_as_an_address_is_the_workplace_of_the_person_who_works_there():
    text = "他叫邹建军，是惠州市博罗县园洲镇宏达电子厂的拉长，天天骂员工"
    found = [(f.type, f.text) for f in scan(text)]
    assert ("WORKPLACE", "惠州市博罗县园洲镇宏达电子厂") in found
    assert not any(t == "ADDRESS" for t, _ in found)


@pytest.mark.parametrize("text", [
    "快递寄到惠州市博罗县园洲镇宏达电子厂，收件人邹建军，电话13312345678",
    "昨晚惠州市博罗县园洲镇宏达电子厂门口发生车祸，电话13312345678联系",
])
def test_a_factory_as_a_delivery_address_or_a_place_stays_an_address(text):
    assert [f.type for f in scan(text) if f.text.endswith("宏达电子厂")] == ["ADDRESS"]


# a gig platform before its worker's role is the app they take orders through, not an employer
def test_a_riders_platform_is_not_their_workplace_but_a_companys_staff_work_there():
    assert workplaces("饿了么骑手欧阳飞把汤洒了还骂人，电话13612345678") == []
    assert workplaces("滴滴司机庞建华绕路多收了四十块") == []
    assert workplaces("他叫甘文，在美团上班，电话13812345678") == ["美团"]


def test_a_pupils_class_teacher_does_not_make_the_school_a_workplace():
    text = "霸凌我女儿的学生叫邢子轩，育才中学初一，他班主任电话13512345678"
    found = [(f.type, f.text) for f in scan(text) if f.type in ("WORKPLACE", "SCHOOL")]
    assert found == [("SCHOOL", "育才中学")]
    assert ("WORKPLACE", "育才中学") in [(f.type, f.text) for f in scan("庞老师是育才中学初一的班主任，电话13512345678")]


def test_a_noun_that_starts_with_a_work_verb_is_no_work_cue():
    assert workplaces("那个在微博天天嘲讽打工人的博主，她叫邵婷，电话13512345678") == []
    assert workplaces("他在朋友圈嘲笑打工人，叫金明，电话13512345678") == []


def test_where_the_rules_read_a_job_the_learned_gate_decides_only_whether(monkeypatch):
    """A school the model leaves as other words (求真中学/v) reaches only the learned gate; a
    teacher's job after it is the rules' reading, and that says the school is the workplace."""
    monkeypatch.undo()               # this test wants the gate, with the probabilities below
    monkeypatch.setattr(span_model, "org_probabilities",
                        lambda feats: {"NONE": 0.05, "WORKPLACE": 0.15, "SCHOOL": 0.80})
    text = "我认得这个答主，贵阳求真中学的老师，叫贝海，办公室电话0851-86543210"
    found = [(f.type, f.text) for f in scan(text) if f.type in ("WORKPLACE", "SCHOOL")]
    assert found == [("WORKPLACE", "贵阳求真中学")]


def test_a_company_written_after_its_own_address_is_nobodys_workplace(monkeypatch):
    monkeypatch.undo()               # the learned gate too: it must not read the address as a person's
    for text in ("温州市鹿城区锦绣路166号华信大厦9楼温州澜岳电子科技有限公司",
                 "滨江区江南大道3880号华荣时代大厦15楼杭州骊歌网络技术有限公司"):
        assert workplaces(text) == []
    text = "他叫柴晓峰，在滨江区江南大道3880号的杭州骊歌网络技术有限公司上班"
    assert any(w.endswith("杭州骊歌网络技术有限公司") for w in workplaces(text))


@pytest.mark.parametrize("text,expected", [
    # a building, floor or zone in the place
    ("前男友叫司马强，在光谷软件园E3栋那家做手游的公司，电话13812345678", "光谷软件园E3栋那家做手游的公司"),
    # an address found by the address rules, then the company there
    ("他叫邝宇，现在在苏州工业园区星湖街328号创意产业园4栋的动画公司上班", "苏州工业园区星湖街328号创意产业园4栋的动画公司"),
])
def test_a_described_workplace_may_start_with_a_building_or_an_address(text, expected):
    found = [(f.type, f.text) for f in scan(text)]
    assert ("WORKPLACE", expected) in found
    assert not any(t == "ADDRESS" for t, _ in found)


@pytest.mark.parametrize("text", [
    "他住在星湖街328号的一家宾馆，电话13812345678",
    "快递寄存在星湖街328号的丰巢柜，取件人电话13812345678",
])
def test_where_someone_stays_is_an_address_not_a_workplace(text):
    assert workplaces(text) == []


def test_the_learned_gate_does_not_bring_back_a_riders_platform(monkeypatch):
    monkeypatch.undo()               # with the learned gate on, as a user has it
    assert workplaces("美团骑手党国庆，电话177 3462 1190，把我外卖偷吃了还骂人") == []


def test_a_teacher_of_a_class_at_a_school_found_as_an_address_works_there():
    text = "家长群里都在说，昆明市五华区翠湖南路第一小学四（3）班语文老师段丽萍体罚孩子"
    found = [(f.type, f.text) for f in scan(text) if f.type in ("WORKPLACE", "ADDRESS", "SCHOOL")]
    assert found == [("WORKPLACE", "昆明市五华区翠湖南路第一小学")]


@pytest.mark.parametrize("text,expected", [
    ("终于上岸了！下个月去格力珠海基地采购部报到", "格力珠海基地采购部"),
    ("她叫苗欣，月底到招商银行科技园支行入职", "招商银行科技园支行"),
])
def test_starting_a_job_somewhere_makes_it_a_workplace(text, expected):
    assert expected in workplaces(text)


@pytest.mark.parametrize("text", [
    "下周去北京旅游，到了再联系",
    "我们到了招商银行科技园支行门口，人好多",
])
def test_going_somewhere_is_not_starting_a_job(text):
    assert workplaces(text) == []


@pytest.mark.parametrize("text,expected", [
    ("他叫侯涛，现在在无锡新吴区长江路那家做半导体的外企当工程师", "无锡新吴区长江路那家做半导体的外企"),
    ("他叫侯涛，在长沙芙蓉中路华天大酒店18楼的人寿保险营业部上班", "长沙芙蓉中路华天大酒店18楼的人寿保险营业部"),
])
def test_a_described_employer_may_end_in_a_kind_of_firm_or_a_branch_unit(text, expected):
    assert expected in workplaces(text)


@pytest.mark.parametrize("text", [
    "约了周六上午的入职体检，预留手机13301158720",       # a step of joining, not an employer
    "请问如家酒店前台电话0532-82876543",                 # a business's desk line, not a job
])
def test_hr_steps_and_desk_lines_are_not_workplaces(text):
    assert workplaces(text) == []


def test_a_desk_job_of_a_named_person_still_makes_a_workplace():
    assert "如家酒店" in workplaces("他叫卓凡，如家酒店前台，电话13512345678")


def test_a_year_of_study_inside_a_schools_name_is_the_cue_not_part_of_it(monkeypatch):
    monkeypatch.undo()
    text = "挂一下学术不端的师兄上官文博，华中科技大学计算机学院博四，邮箱gwb_hust@163.com"
    found = [(f.type, f.text) for f in scan(text) if f.type in ("WORKPLACE", "SCHOOL")]
    assert found == [("SCHOOL", "华中科技大学")]


@pytest.mark.parametrize("text", [
    "北京云栖远航科技有限公司 地址：北京市海淀区北三环西路43号 电话010-62781234",    # a business listing
    "户籍业务请到辖区派出所办理，石牌派出所地址：天河区天河路490号",
    "扒出来了，那男的在单位是个小领导，大家一起打他单位电话",                          # a rank, no employer named
    "楼上你再嘴硬试试，我兄弟在运营商上班，查你分分钟的",                              # a kind of company
])
def test_business_listings_ranks_and_kinds_of_company_are_no_workplace(text, monkeypatch):
    monkeypatch.undo()
    assert workplaces(text) == []


def test_a_students_major_is_not_a_job():
    found = [(f.type, f.text) for f in scan("应届生求职：谷晓萌，北京理工大学珠海学院会计专业，手机18823041234")
             if f.type in ("WORKPLACE", "SCHOOL")]
    assert ("WORKPLACE", "北京理工大学珠海学院") not in found
    assert ("WORKPLACE", "华润万家") in [(f.type, f.text) for f in scan("姓名：谷晓萌，华润万家会计，手机18823041234")]


# the department closes the clause where a bare 在X，/ X，stood: it does not hide the employer
@pytest.mark.parametrize("text,expected", [
    ("投诉我的那个人叫邵敏，她在江北区税务局征收科，电话13912345678", "江北区税务局"),
    ("他叫韩立新，在市第三人民医院检验科。别问我怎么知道的", "市第三人民医院"),
])
def test_a_department_closing_the_clause_still_names_where_someone_is(text, expected):
    assert any(w.startswith(expected) for w in workplaces(text))


@pytest.mark.parametrize("text", [
    "昨天在市第三人民医院检验科，排了两个小时队",       # a patient, nobody named
    "在江北区税务局征收科，电话是多少？",
])
def test_a_department_without_a_person_is_a_place(text):
    assert workplaces(text) == []


def test_an_office_with_a_short_ending_in_a_list_of_details_is_a_workplace():
    assert workplaces("杜建华 宁波市鄞州区住建局 手机13812345678") == ["宁波市鄞州区住建局"]


# a shop or counter is found with the mall and floor written before it
@pytest.mark.parametrize("text,expected", [
    ("大悦城二楼迪奥专柜的柜姐冯晓雅，服务态度差到极点", "大悦城二楼迪奥专柜"),
    ("她现在在万象城三楼兰蔻专柜当柜姐，叫冯晓雅，电话13912345678", "万象城三楼兰蔻专柜"),
    ("叫孔丹，在龙湖天街三楼那家奶茶店打工，电话13912345678", "龙湖天街三楼那家奶茶店"),
])
def test_a_counter_or_shop_inside_a_mall_is_found_with_its_mall_and_floor(text, expected):
    assert workplaces(text) == [expected]


def test_one_thing_done_in_a_shop_is_not_work_there():
    text = "昨天在龙湖天街三楼那家美甲店做了个美甲，老板娘叫王芳，电话13512345678"
    assert workplaces(text) == []
    assert workplaces("她叫王芳，在龙湖天街三楼那家美甲店做了三年美甲师，电话13512345678") == ["龙湖天街三楼那家美甲店"]


# factories: where people "打螺丝", the factory someone runs, a factory in a list of their details
@pytest.mark.parametrize("text,expected", [
    ("他叫梁伟，在昆山周市镇的一家电子厂打螺丝，电话13912345678", "昆山周市镇的一家电子厂"),
    ("老板何建军，惠州市惠阳区秋长街道金鹏塑胶厂，电话13612345678", "惠州市惠阳区秋长街道金鹏塑胶厂"),
    ("他开的厂叫佛山市南海区里水镇恒丰五金厂，老板叫潘志明，电话13612345678", "佛山市南海区里水镇恒丰五金厂"),
])
def test_a_factory_tied_to_its_worker_or_owner_is_a_workplace(text, expected):
    assert expected in workplaces(text)


@pytest.mark.parametrize("text", [
    "何建军 惠州市惠阳区秋长街道金鹏塑胶厂 13612345678 收",
    "收货地址：惠州市惠阳区秋长街道金鹏塑胶厂，收件人何建军，电话13612345678",
])
def test_a_factory_on_a_parcel_label_stays_an_address(text):
    assert workplaces(text) == []
    assert any(f.type == "ADDRESS" for f in scan(text))


# Cantonese: 喺X返工 (在X上班), 嗰間 (那间)
def test_cantonese_work_and_link_words_read_as_their_mandarin_forms():
    found = [(f.type, f.text) for f in scan("條友叫黃志強，喺銅鑼灣嗰間地產公司返工，電話13612345678")]
    assert ("PERSON_NAME", "黃志強") in found
    assert ("WORKPLACE", "銅鑼灣嗰間地產公司") in found


# a sub-office, a coded workshop, a gig platform's named station, a property's project in brackets
@pytest.mark.parametrize("text,expected", [
    ("碑林区税务局第三税务所的所长韩建军，材料拖了两个月不批", "碑林区税务局"),
    ("格力电器珠海总部C3车间的线长邓志明，天天骂人", "格力电器"),
    ("饿了么西湖三站的骑手，骑红色电动车那个，电话13912345678", "饿了么西湖三站"),
    ("绿城物业（桂花城项目）的管家，叫程丽娟，收了钱不办事", "绿城物业（桂花城项目）"),
])
def test_an_employers_sub_office_workshop_station_or_project_leads_to_the_job(text, expected):
    assert any(w.startswith(expected) for w in workplaces(text))


def test_a_gig_platform_alone_before_its_rider_is_still_no_employer():
    assert workplaces("饿了么骑手欧阳飞把汤洒了还骂人，电话13612345678") == []


# a name withheld to its surname is still a person: the workplace beside their job is theirs
def test_a_workplace_beside_the_job_of_someone_whose_name_is_withheld_is_theirs():
    text = "卖假药的那个秦某，其实是城南镇卫生院的药剂师，上班时间还在直播"
    assert "城南镇卫生院" in workplaces(text)
    assert not any(f.type == "PERSON_NAME" for f in scan(text))        # 秦某 is no finding
    assert workplaces("城南镇卫生院的药剂师说这个药饭后吃") == []


# a described employer's department after it
def test_a_described_employer_is_found_with_its_department():
    text = "我在陆家嘴一家外企的人事部上班，他天天打电话到我公司"
    assert workplaces(text) == ["陆家嘴一家外企的人事部"]


# a sentence that opens with 在X + work and no subject is the poster's own
def test_a_subject_less_work_sentence_is_the_posters_own():
    assert workplaces("在西溪那家做直播的公司干了两年，今天终于辞职了") == ["西溪那家做直播的公司"]
    # …not where the words describe people who work there
    assert workplaces("在西溪那家做直播的公司上班的朋友都知道，加班是常态") == []


# a class teacher listed before the school: it is the teacher's workplace, a pupil's school
def test_a_teacher_listed_before_a_school_works_there():
    teacher = "我儿子的班主任/邝雅琴/杭州市上城区天长小学三年级/手机 137-0640-1234"
    pupil = "打我儿子的/邢子轩/杭州市上城区天长小学三年级/家长手机 137-0640-1234"
    assert [(f.type, f.text) for f in scan(teacher) if f.type in ("WORKPLACE", "SCHOOL")] == \
        [("WORKPLACE", "杭州市上城区天长小学")]
    assert [(f.type, f.text) for f in scan(pupil) if f.type in ("WORKPLACE", "SCHOOL")] == \
        [("SCHOOL", "杭州市上城区天长小学")]


# the model leaves the words saying what kind of place it is as nouns of their own
# (X/ORG 小学/n, X/ORG 物流/n 仓库/n): they belong to the name
@pytest.mark.parametrize("text,expected", [
    ("我闺蜜在金桥路小学教一年级语文，人特别好", "金桥路小学"),
    ("他表哥在恒通冷链仓库（北区）上夜班，电话15867234519", "恒通冷链仓库（北区）"),
    ("那个骂人的叫詹立军，永固农机修配厂钳工，家住城西新村5栋", "永固农机修配厂"),
])
def test_an_organisation_keeps_the_words_that_say_what_kind_it_is(text, expected):
    assert any(w.startswith(expected) for w in workplaces(text))


def test_an_emoji_the_model_tags_as_an_organisation_starts_no_name():
    assert workplaces("🧁手作甜品工作室 本周新品 预订请拨 021-66281734") == []


# 作为X的柜员，…: the poster speaks as one of its staff
def test_speaking_as_one_of_an_organisations_staff_makes_it_the_posters_workplace():
    assert workplaces("作为农商行城北支行的大堂经理，说一句：周一上午人最多") == ["农商行城北支行"]
    assert workplaces("作为星巴克的老顾客，我觉得新品一般") == []


# an organisation's own job ad or its address line is nobody's workplace
@pytest.mark.parametrize("text", [
    "仁和口腔医院招前台 包吃住 简历投hr_renhe@163.com",
    "周末亲子课 报名电话0571-86672130 地址：杭州市拱墅区运河文化中心东门",
])
def test_a_job_ad_or_an_address_line_names_no_workplace(text):
    assert workplaces(text) == []


def _orgs(text):
    return [(f.type, f.text) for f in scan(text) if f.type in ("WORKPLACE", "SCHOOL")]


# a family member is someone too: the school their child goes to is the child's
def test_a_family_member_makes_the_school_someones():
    assert ("SCHOOL", "城西实验幼儿园") in _orgs("明年送女儿去城西实验幼儿园上学，学费好贵")


# short names of colleges (X理工, X师范) and a vocational class (数控2班) name a school
@pytest.mark.parametrize("text,expected", [
    ("听说你现在在滨海理工读研，挺出息啊", "滨海理工"),
    ("动手的男生叫卢俊杰，城东职校数控2班，班主任不管", "城东职校"),
])
def test_a_colleges_short_name_or_a_vocational_class_names_a_school(text, expected):
    assert any(kind == "SCHOOL" and value.startswith(expected) for kind, value in _orgs(text))


# a service someone comes for (做检查, 做头发) is no job there
def test_a_service_received_is_no_work():
    assert _orgs("明天陪我爸去市中医院做检查，有事打我电话13512345678") == []


# hospitals by their short names, and a shift there, say where someone works
def test_a_hospitals_short_name_with_a_shift_is_a_workplace():
    assert ("WORKPLACE", "附二院") in _orgs("我同学在附二院值夜班，明早才下班")


# a phone spaced with emoji does not swallow the school after it (the model reads found details as digits)
def test_a_school_after_an_emoji_spaced_phone_is_found():
    text = "姓名 阮佳怡 | 📞 139✨2231✨8876 | 🎓临川师范学院美术系 | 住 东湖区阳明路18号3栋"
    assert any(kind == "SCHOOL" and value.startswith("临川师范学院") for kind, value in _orgs(text))


# factories by their kind (电子厂, 机械厂) open a clause to the model like other workplaces
def test_a_factory_worked_in_is_found_without_any_other_cue():
    assert workplaces("去年在利达电子厂干了八个月普工，天天站着") == ["利达电子厂"]


# a shop named in pieces (喜鹊/n 烘焙/vn) keeps its branch in brackets; English branches too
@pytest.mark.parametrize("text,expected", [
    ("周末在小麦烘焙（印象城店）打工，老板人很好", "小麦烘焙（印象城店）"),
    ("Met 吴家俊 yesterday, he works at 远帆科技 (Suzhou office) in sales", "远帆科技 (Suzhou office)"),
])
def test_a_shops_or_companys_branch_in_brackets_belongs_to_it(text, expected):
    assert expected in workplaces(text)


# 任职于X, and a unit named with 的 closing its phrase after someone's name
@pytest.mark.parametrize("text,expected", [
    ("邵文博，2019年起任职于临江区住建局，手机13612345678", "临江区住建局"),
    ("我同事祁晓雯，云帆科技市场部的，开会老打断别人", "云帆科技市场部"),
])
def test_an_employer_after_a_label_with_yu_or_closing_with_de_is_found(monkeypatch, text, expected):
    monkeypatch.undo()      # the name is the learned gate's; the unit beside it is the rules'
    assert any(w.startswith(expected) for w in workplaces(text))


# the model glues a teacher's verb to the school (X中学教/ORG 高中/n): the school is still the school
def test_a_verb_glued_to_a_school_is_not_part_of_it():
    assert workplaces("我妈在临江市第五中学教高中化学，今年带毕业班") == ["临江市第五中学"]


# a relation before a kind of place says whose it is: 我老婆公司 is no company's name
def test_a_relation_before_a_kind_of_place_is_no_name(monkeypatch):
    monkeypatch.undo()      # with the learned gate too, as a user meets it
    assert workplaces("我老婆公司新来的主管 邵婷婷，天天让她加班") == []


# a hiring verb inside the model's pieces joins nothing (鼎新/ORG 教育/n 诚聘/v 小学/n)
def test_a_schools_or_companys_job_ad_names_no_workplace():
    assert workplaces("育才教育诚聘初中物理老师若干名，包住宿，有意者投hr@yucai.cn") == []


# a place in a list is someone's only beside their details, not beside 娃 or 他
def test_a_place_after_a_comma_beside_a_family_word_is_nobodys_workplace():
    assert workplaces("周末陪儿子体检，社区医院人多得离谱") == []


@pytest.mark.parametrize("text,expected", [
    ("录取通知书到了！正式成为江澜大学外国语学院的一员", ("SCHOOL", "江澜大学")),
    ("政审过了，周一去城西区税务局报到", ("WORKPLACE", "城西区税务局")),
    ("他以前在顺达机械厂做过，后来被开除了，电话13912345678", ("WORKPLACE", "顺达机械厂")),
    ("我表姐在惠民药房收银，下班挺晚的", ("WORKPLACE", "惠民药房")),
    ("听说肖婷婷现在在'蜜桃烘焙(万达店)'当店长了", ("WORKPLACE", "蜜桃烘焙(万达店)")),
])
def test_joining_leaving_or_working_a_till_names_the_organisation(monkeypatch, text, expected):
    monkeypatch.undo()
    kind, value = expected
    assert any(f.type == kind and f.text.startswith(value) for f in scan(text)), [(f.type, f.text) for f in scan(text)]


# universities by their short names are schools, behind the same gates as any organisation
def test_a_universitys_short_name_is_a_school_beside_a_study_cue(monkeypatch):
    monkeypatch.undo()
    assert ("SCHOOL", "重邮") in [(f.type, f.text) for f in scan("造谣的那个男生叫邹楷文，在重邮读大二")]
    assert [f for f in scan("清华发布了新的招生政策，分数线有变化") if f.type == "SCHOOL"] == []


# a teacher glued to a short numbered school (在五中教初一数学) works there; a 辅导员 listed is staff
def test_a_teacher_at_a_short_numbered_school_works_there():
    assert ("WORKPLACE", "五中") in [(f.type, f.text) for f in scan("体罚学生的是钱慧芳，在五中教初一数学")]


@pytest.mark.parametrize("text,expected", [
    ("Got my offer from 蓝海科技 today, so happy", "蓝海科技"),
    ("单位（中铁九局三分公司）发的年终奖到账了，比去年少一半", "中铁九局三分公司"),
    ("明年开始在江城市人民医院儿科规培，有点紧张", "江城市人民医院"),
])
def test_english_offers_a_unit_opening_the_post_and_residency_name_the_posters_workplace(monkeypatch, text, expected):
    monkeypatch.undo()
    assert any(w.startswith(expected) for w in workplaces(text)), workplaces(text)


# the bank an account is at is nobody's workplace
@pytest.mark.parametrize("text", [
    "房租打到这张卡：农业银行 6228480402564890018 户名王",
    "卡号6214 8355 1907 2647，开户行农行济南历下支行，有问题打 155 3521 0963",
])
def test_the_bank_of_an_account_is_no_workplace(text):
    assert workplaces(text) == []


# an organisation's own contact after its name (官方投诉邮箱, 客服电话) makes it nobody's workplace
def test_an_organisations_own_contact_line_names_no_workplace(monkeypatch):
    monkeypatch.undo()
    assert workplaces("城北街道办事处官方投诉邮箱 cbjd_ts@163.com，有问题往这发") == []


# after a mere place (门口/s), a verb is what someone does there, not part of a name
def test_a_place_and_what_someone_does_there_is_no_name():
    assert workplaces("就是小区门口开烧烤店的那个老板，大名叫邹建平，昨天把我骂了一顿") == []
