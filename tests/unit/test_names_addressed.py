"""Names said in anger, names the model cuts wrong, and organisations placed by a description.

Sentences and values written for these tests; each case names a class of posts, and each class
has hard negatives beside it."""

import pytest

from hegai.detect import scan

CONTEXTUAL = ("PERSON_NAME", "WORKPLACE", "SCHOOL")


def found(text):
    return [(f.type, f.text) for f in scan(text) if f.type in CONTEXTUAL]


def names(text):
    return [v for k, v in found(text) if k == "PERSON_NAME"]


# A full name said to its bearer: it opens the sentence (or follows @) and "you" follows.
@pytest.mark.parametrize("text,name", [
    ("孟庆华，借我的三千块你到底还不还", "孟庆华"),
    ("卢建平！你以为换了号别人就认不出？", "卢建平"),
    ("@葛文斌 你别以为删了帖子就没事", "葛文斌"),
    ("包雪梅你给我等着", "包雪梅"),            # the model glues 你 to the name: mended
])
def test_a_name_said_to_its_bearer_is_found(text, name):
    assert names(text) == [name]
    reason = next(f for f in scan(text) if f.type == "PERSON_NAME").reasons[-1]
    assert name not in reason


# An insult or a threat in the same sentence as the name.
@pytest.mark.parametrize("text,name", [
    ("邱志刚简直没良心，房租年年涨", "邱志刚"),
    ("隔壁工位的，说的就是你们组那个白眼狼戴文涛", "戴文涛"),
])
def test_a_name_an_insult_is_aimed_at_is_found(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text", [
    "今天和葛文斌一起吃饭，你们猜怎么着",                  # named, not addressed
    "骆冰清今天升职了。隔壁部门那个经理真是个废物",         # the insult is in another sentence
    "常海涛做的菜真是垃圾",                                # said of a thing, not a person
    "这部剧里林婉清这个角色真的太坏了，编剧是神经病吧",     # a character nobody bears
    "读小说读到周晓白被骂不要脸那段，哭了",
])
def test_no_name_without_someone_addressed_or_insulted(text):
    assert names(text) == []


# The model's cuts, mended: a rare surname alone, a surname glued to 叫, a role before a name it
# read as another word.
@pytest.mark.parametrize("text,name", [
    ("单思彤这个人，借了钱就装死", "单思彤"),
    ("二房东左德芳，押金扣了一千，手机15012345678", "左德芳"),
])
def test_names_the_model_cut_apart_are_mended(text, name):
    assert names(text) == [name]


# Values already masked, kinship words and a label glued to an ordinary word are no names.
@pytest.mark.parametrize("text", [
    "转账页面上对方叫*梓萱，钱转过去就被拉黑了",
    "骗子通过物流公司员工拿到收件人信息再倒卖",
    "紧急联系人：父亲 150 2233 8847",
])
def test_masked_pieces_and_form_words_are_not_names(text):
    assert names(text) == []


def test_a_riders_station_is_a_workplace():
    assert ("WORKPLACE", "湖西站点") in found("她天天在湖西站点接单，大家给她差评")
    assert ("WORKPLACE", "申通河西网点") in found("那个快递员姓鲍，在申通河西网点上班")


def test_a_person_described_then_placed_has_that_workplace():
    assert ("WORKPLACE", "区城管局") in found("业主群里那个天天阴阳怪气的，是区城管局的。")
    assert ("WORKPLACE", "建设银行") in found("天天在群里晒包的那位，原来就是建设银行的柜员")
    # a description that is no person: a product, then where it is made
    assert found("这款新出的，是国产品牌的吗") == []


def test_a_school_by_its_number_alone():
    assert ("SCHOOL", "育英二小") in found("我家老大在育英二小读三年级")
    # a number and 小 that are no school
    assert found("这件衣服二小时就到了，快递真快") == []


# A surname and the given name's pinyin initials: a name the model never tags, behind its gate.
@pytest.mark.parametrize("text,name", [
    ("室友刘zq，熄灯以后还在连麦吵架", "刘zq"),
    ("扒出来了：严hy，女，电话13655550123", "严hy"),
])
def test_a_name_written_with_initials(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize("text", [
    "马sir今天来巡查，大家打起精神",          # an English word after a surname character
    "周末约了朋友玩王者荣耀",
    "这件事刘zq自己也说过不要紧",              # initials with nothing tying them to a person
])
def test_letters_after_a_surname_that_are_no_name(text):
    assert names(text) == []


def test_stars_and_founders_are_no_private_people():
    assert names("昨晚看了俞敏洪的直播，又去刷了刘亦菲的新剧") == []
