"""ADDRESS error classes from real text (issues 19 and 21), each with its hard negatives beside
the positives it must keep. Examples written for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from hegai.detect import scan
from hegai.detect.base import Document
from hegai.detect.recognizers.address import RECOGNIZER


def addresses(text: str) -> list[str]:
    return [f.text for f in RECOGNIZER.analyze(Document(text))]


# Issue 21 item 3: a shop's or restaurant's name ending in 馆/店/超市 is its own name, even when
# it starts with a road-like word (老街, 步行街) or a town-like one (古镇, 小镇).
SHOP_NAMES = [
    "老街牛肉面馆",
    "古镇火锅店",
    "中山路小笼包店",
    "步行街奶茶店",
    "东湖路快捷酒店",
    "长安街烤鸭店",
    "小镇咖啡馆",
    "南门老街砂锅店",
    "解放路副食超市",
    "今天去了老街牛肉面馆，招牌牛肉面18元一碗",
]


@pytest.mark.parametrize("text", SHOP_NAMES)
def test_a_shop_name_is_not_an_address(text):
    assert addresses(text) == []


def test_menu_title_scans_clean():
    assert scan("老街牛肉面馆\n牛肉面 18元\n牛肉炒饭 22元") == []


@pytest.mark.parametrize("text, expected", [
    # a door number, a division, a named subdistrict or a floor places the shop
    ("中山路12号老街牛肉面馆", "中山路12号老街牛肉面馆"),
    ("绍兴市越城区人民路兰州拉面馆", "绍兴市越城区人民路兰州拉面馆"),
    ("萧山区新塘街道东方大酒店门口见", "萧山区新塘街道东方大酒店"),
    ("城东街道华联超市", "城东街道华联超市"),
    ("人民路老街火锅店二楼", "人民路老街火锅店二楼"),
    ("丽水市青田县鹤城镇华侨饭店", "丽水市青田县鹤城镇华侨饭店"),
])
def test_a_shop_placed_by_a_number_division_or_town_is_an_address(text, expected):
    assert addresses(text) == [expected]


# Issue 19 item 4: organisation names, ordinary words ending in an address suffix, titles.
@pytest.mark.parametrize("text", [
    # a government body or department (…市委组织部, …建设部, …公安局, …人民政府)
    "中共湖州市委组织部发布公示",
    "国家住房和城乡建设部印发通知",
    "温州市公安局鹿城分局通报",
    "余杭区良渚镇人民政府发布公告",
    "宁波高新区管理委员会·北仑区人民政府签约",
    # ordinary words holding a suffix: 家乡, 城乡, 网路/網路, 厕所/廁所, 组织
    "回到了家乡杭州",
    "城乡建设发展很快",
    "我们在网路上聊过",
    "網路廁所投稿：曝光一個人",
    "组织部长来视察",
    # a title in 《》 named after a place
    "纪录片《杭州市西湖区龙井村》上映",
    "新书《梧桐巷18号》出版",
    # two areas side by side are not a site inside a district
    "上虞区工业园区·越城区",
])
def test_organisations_ordinary_words_and_titles_are_not_addresses(text):
    assert addresses(text) == []


@pytest.mark.parametrize("text, expected", [
    # a body placed by a number, a village committee, a site office are where someone is
    ("杭州市西湖区文三路88号公安局", "杭州市西湖区文三路88号公安局"),
    ("龙湾区状元街道横街村村民委员会", "龙湾区状元街道横街村村民委员会"),
    ("鄞州区姜山镇张家村工程项目部", "鄞州区姜山镇张家村工程项目部"),
    ("地址：杭州市西湖区龙井村", "杭州市西湖区龙井村"),
])
def test_places_that_hold_people_stay_addresses(text, expected):
    assert addresses(text) == [expected]


# Issue 19 item 5: a site under a district with no road or door number, and the place's own
# name that ends an address.
@pytest.mark.parametrize("text, expected", [
    ("绍兴市上虞区杭州湾工业园区", "绍兴市上虞区杭州湾工业园区"),
    ("寄到温州市瓯海区东方工业园区，谢谢", "温州市瓯海区东方工业园区"),
    ("滨江区长河街道江南春堤", "滨江区长河街道江南春堤"),
    ("拱墅区米市巷街道锦绣天地", "拱墅区米市巷街道锦绣天地"),
    ("鄞州区姜山镇张家村文化礼堂", "鄞州区姜山镇张家村文化礼堂"),
    ("余姚市阳明路10号四明宾馆前台", "余姚市阳明路10号四明宾馆前台"),
])
def test_a_site_or_a_place_name_that_ends_the_address_is_taken_in(text, expected):
    assert addresses(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # where from the place, how to reach it, what happens there: not the place's name
    ("住在拱墅区米市巷街道附近", []),
    ("滨江区长河街道电联", []),
    ("在滨江区长河街道上班", []),
    ("他在文二路207号金峰大厦18楼上班", ["文二路207号金峰大厦18楼"]),
    ("在文二路207号金峰大厦18楼开会", ["文二路207号金峰大厦18楼"]),
    ("在文三路88号对面开会", ["文三路88号"]),       # the note does not close the clause
])
def test_words_after_an_address_that_name_no_place_stay_outside(text, expected):
    assert addresses(text) == expected


# Issue 19 item 5, boundaries: a business or department inside the building (after a floor or a
# room) is an occupant, not part of the address; the place a road's door number leads to is.
@pytest.mark.parametrize("text, expected", [
    ("文二路207号金峰大厦18楼晨光教育", "文二路207号金峰大厦18楼"),
    ("海曙区中山东路8号天一广场2楼兰芝专柜", "海曙区中山东路8号天一广场2楼"),
    ("滨江区江南大道100号星耀城1幢1802室杭州云帆网络科技有限公司", "滨江区江南大道100号星耀城1幢1802室"),
    ("鹿城区人民路9号三楼大厅", "鹿城区人民路9号三楼"),
    ("拱墅区莫干山路100号耀江国际5层财务部", "拱墅区莫干山路100号耀江国际5层"),
    ("拱墅区丽水路58号远洋乐堤港负一楼咖啡店", "拱墅区丽水路58号远洋乐堤港负一楼"),   # a floor in words
])
def test_an_occupant_after_a_floor_or_room_stays_outside(text, expected):
    assert addresses(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # hard negatives: after a road's door number, or a building's number, the place stays in
    ("中山路12号老街牛肉面馆", "中山路12号老街牛肉面馆"),
    ("奉化区明光北路200号奥克斯集团厂区", "奉化区明光北路200号奥克斯集团厂区"),
    ("鄞州区兴宁路88号_宏达五金", "鄞州区兴宁路88号_宏达五金"),
])
def test_the_place_at_a_door_number_stays_inside(text, expected):
    assert addresses(text) == [expected]


# Closing notes: where at the place (its gate, the side, what is next to it, how far which way),
# where two roads meet close the address line as written; a call-on-arrival note (电联) after
# them closes it too but stays outside: it is no part of the place. They are never evidence:
# a subdistrict alone with a note is still no address.
@pytest.mark.parametrize("text, expected", [
    ("宁波市江北区人民路88号电联", "宁波市江北区人民路88号"),
    ("温州市鹿城区车站大道汽车南站对面", "温州市鹿城区车站大道汽车南站对面"),
    ("海宁市袁花镇新袁村村委会旁", "海宁市袁花镇新袁村村委会旁"),
    ("鹿城区人民路12号门口电联", "鹿城区人民路12号门口"),
    ("鹿城区人民路和解放路交汇处电联", "鹿城区人民路和解放路交汇处"),
    ("鹿城区人民路与解放路交叉口西北侧150米", "鹿城区人民路与解放路交叉口西北侧150米"),
    ("温州市鹿城区人民路88号向东300米", "温州市鹿城区人民路88号向东300米"),
    ("鄞州区兴宁路口", "鄞州区兴宁路口"),
    ("鄞州区兴宁路88号宏达五金门口电联", "鄞州区兴宁路88号宏达五金门口"),
    ("文三路88号对面", "文三路88号对面"),
])
def test_a_closing_note_belongs_to_the_address_line(text, expected):
    assert addresses(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("住在拱墅区米市巷街道附近", []),
    ("滨江区长河街道电联", []),
    ("萧山区新塘街道东方大酒店门口见", ["萧山区新塘街道东方大酒店"]),     # 见: not a note
    ("宁波市江北区人民路88号电联13812345678", ["宁波市江北区人民路88号"]),   # the clause goes on
    ("鄞州区兴宁路88号南100米左右", ["鄞州区兴宁路88号"]),
    ("鄞州区兴宁路88号_", ["鄞州区兴宁路88号"]),
    ("住在西湖区文三路88号附近", ["西湖区文三路88号"]),          # near: not where at the place
])
def test_a_note_is_never_evidence_and_only_closes_a_line(text, expected):
    assert addresses(text) == expected


# Issue 19 item 5, misses: divisions written in short form one after another start an address
# (深圳龙岗…, 宁波宁海…); a business in an industrial zone under a district; estates named with
# 豪庭/名都.
@pytest.mark.parametrize("text, expected", [
    ("深圳龙岗坪地村", "深圳龙岗坪地村"),
    ("寄宁波宁海东山工业园", "宁波宁海东山工业园"),
    ("浙江省宁波市宁海东山工业园", "浙江省宁波市宁海东山工业园"),
    ("杭州西湖文三路", "杭州西湖文三路"),
    ("台州市黄岩区江口工业区宏达塑料厂", "台州市黄岩区江口工业区宏达塑料厂"),
    ("杭州市余杭区星光豪庭", "杭州市余杭区星光豪庭"),
    ("杭州市余杭区星光名都", "杭州市余杭区星光名都"),
])
def test_sites_without_a_road_or_door_number(text, expected):
    assert addresses(text) == [expected]


@pytest.mark.parametrize("text", [
    "长安街",
    "北京长安街",            # a short county (长安) that names the street: a landmark, not a door
    "北京市长安街",
    "江口工业区宏达塑料厂",   # no district: the firm's name
    "黄岩区经济开发区管委会发布",
    "星光豪庭",
    "这家装修公司老板跑路了",  # verbs ending in 路
    "宁波市鄞州区中学年级组",  # groups ending in 组
    "他去过沙田",
    "台中市很热",
])
def test_sites_hard_negatives(text):
    assert addresses(text) == []


# Issue 19 item 3: traditional script reads as simplified, with the same spans.
@pytest.mark.parametrize("text, expected", [
    ("收件地址：廣州市天河區體育西路123號4樓", "廣州市天河區體育西路123號4樓"),
    ("住在東湖花園5號樓3單元702室", "東湖花園5號樓3單元702室"),
    ("臺北市大安區忠孝東路四段100號", "臺北市大安區忠孝東路四段100號"),
    ("香港九龍旺角彌敦道688號", "香港九龍旺角彌敦道688號"),
    ("寄到杭州市西湖區文三路與學院路交叉口", "杭州市西湖區文三路與學院路交叉口"),
])
def test_traditional_script_addresses(text, expected):
    assert addresses(text) == [expected]


@pytest.mark.parametrize("text", [
    "他回到了故鄉杭州",
    "國家住房和城鄉建設部印發通知",
    "中共湖州市委組織部發布公示",
    "新書《梧桐巷18號》出版",
    "我們小區3號樓",
])
def test_traditional_script_hard_negatives(text):
    assert addresses(text) == []


PARITY = [
    # addresses of each class above…
    "中山路12号老街牛肉面馆", "绍兴市越城区人民路兰州拉面馆", "丽水市青田县鹤城镇华侨饭店",
    "绍兴市上虞区杭州湾工业园区", "鄞州区姜山镇张家村文化礼堂", "文二路207号金峰大厦18楼晨光教育",
    "宁波市江北区人民路88号电联", "海宁市袁花镇新袁村村委会旁", "深圳龙岗坪地村",
    "台州市黄岩区江口工业区宏达塑料厂", "杭州市余杭区星光豪庭", "B栋3单元1201室",
    "浙江省杭州市西湖区文三路88号5号楼1单元1201室", "约在人民路与昌硕东路交叉口见",
    # …and their hard negatives
    "中共湖州市委组织部发布公示", "回到了家乡杭州", "纪录片《杭州市西湖区龙井村》上映", "老街牛肉面馆",
    "住在拱墅区米市巷街道附近", "北京长安街", "这家装修公司老板跑路了", "温州市公安局鹿城分局通报",
]


def test_every_simplified_example_reads_the_same_in_traditional_script():
    """The whole class, not a list of words: each simplified example of this file, converted to
    traditional script by OpenCC, gives the same spans (or none)."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    for text in PARITY:
        converted = to_traditional.convert(text)
        assert len(converted) == len(text)
        spans = [(f.start, f.end) for f in RECOGNIZER.analyze(Document(text))]
        assert [(f.start, f.end) for f in RECOGNIZER.analyze(Document(converted))] == spans, converted


def test_the_fold_keeps_offsets_and_simplified_division_names():
    from hegai.detect.recognizers._address_script import fold

    assert fold("東湖花園5號樓") == "东湖花园5号楼"
    assert fold("陝西省乾县") == "陕西省乾县"      # 乾 of a division name is simplified already
    assert fold("abc 123") == "abc 123"
    text = "臺北市中山區南京東路二段88號" * 50
    assert len(fold(text)) == len(text)


# a word ending in 局 that names a game or a plot (开局, 结局) is no bureau: a score after it is no unit code
def test_a_score_after_a_word_ending_in_an_organisation_suffix_is_no_address():
    assert addresses("上一把开局1-0-4，后面被翻盘了") == []
    assert addresses("他家在县公安局宿舍3-2-501") != []


# a campus dormitory numbered as 舍 (梅园6舍314)
def test_a_dormitory_building_numbered_as_she_is_an_address():
    assert any("桃园3舍502" in a for a in addresses("她住桃园3舍502，天天半夜打游戏"))
    assert addresses("我们3舍的人都去食堂了") == []


# structured values written the ways the writers of real posts use (issue 19)
@pytest.mark.parametrize("text,kind,value", [
    ("樓下黑色私家車 粵B·7K2M9 日日霸住車位", "LICENSE_PLATE", "粵B·7K2M9"),
    ("出二手显卡，有意扣扣联系：3847261950", "QQ", "3847261950"),
    ("昨天在高铁站丢了护照，号码是G38127459，拾到请联系", "PASSPORT", "G38127459"),
    ("他家就在 28.1947,112.9733 附近", "GEO_COORD", "28.1947,112.9733"),
])
def test_structured_values_in_the_ways_posts_write_them(text, kind, value):
    assert (kind, value) in [(f.type, f.text) for f in scan(text)]


def test_a_pair_of_rates_is_no_place_and_an_order_number_no_passport():
    assert [f for f in scan("今日汇率 7.1234, 7.2345 请留意") if f.type == "GEO_COORD"] == []
    assert [f for f in scan("护照办好了，顺便把机票订单号是E12345678发我") if f.type == "PASSPORT"] == []
