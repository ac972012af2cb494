"""Classes of posts the level guide names: the poster's own details in the kinds of post where
people give them (low, no exposure), an ID or passport number (high and exposed, whoever posts
it), a poster introducing themself (their name is their own), threats to
publish what the speaker holds on someone (ABUSE), contempt words for a person beside exposure,
and a rally right after someone's details (INCITEMENT).

Sentences written for these tests; each names a class, with hard negatives beside it. Checked on
the whole engine (rules and learned layer), as a user meets it."""

import pytest

from hegai.risk.engine import assess, assess_findings, rule_assessment, scoring
from hegai.detect import scan
from hegai.risk.signals import read_signals


def signal(text, category):
    config = scoring()
    return read_signals(text, config["price_weight"], config["category_present"]).sums.get(category, 0.0)


@pytest.mark.parametrize("text", [
    "求租｜女生一枚，作息规律，想在地铁5号线附近找单间，微信同号 15811223344",
    "周日上午 杭州→宁波 拼车，还剩2个座位，AA油费，电话 13655443322",
    "出一台几成新的iPad，只限同城面交，有意者打 17788990011",
    "挪车！白色SUV挡了我的车，我的车牌浙A·3K8P2，麻烦看到回个电话 13566778899",
    "找开黑队友，晚上十点后在线，本人qq 2233445566",
])
def test_own_details_in_posts_where_people_give_them_are_low_not_exposure(text):
    result = assess(text)
    assert result.level == "low", (result.level, result.categories, result.reasons)
    assert "EXPOSURE" not in result.categories


def test_someone_else_exposed_in_such_a_post_is_still_exposure():
    text = "拼车遇到的司机是个骗子，这人叫覃国栋，电话 13812345566，大家避雷"
    result = assess(text)
    assert "EXPOSURE" in result.categories
    assert result.level in ("high", "critical")


@pytest.mark.parametrize("text", [
    "报名前帮我看看，我的身份证号 110101199003074514 最后一位对不对",
    "帮我爸订下周的火车票，乘车人身份证 110101195506180011，谢谢啦",
])
def test_an_id_number_is_high_and_exposed_whoever_posts_it(text):
    # published, the number exposes its holder (the poster too): high, EXPOSURE, and no more
    result = assess(text)
    assert result.level == "high", (result.level, result.categories, result.reasons)
    assert result.categories == ["EXPOSURE"]


def test_a_high_own_id_says_why_in_both_languages():
    text = "报名前帮我看看，我的身份证号 110101199003074514 最后一位对不对"
    zh = assess_findings(text, scan(text))
    en = assess_findings(text, scan(text), language="en")
    assert any("身份证号或证件号一经公开" in r for r in zh.reasons)
    assert any("whoever it belongs to" in r for r in en.reasons)


def test_a_masked_id_is_not_high():
    assert assess("我的身份证尾号451X，办卡的时候核对过了").level in ("none", "low")


@pytest.mark.parametrize("text", [
    "我已经拿到你的身份证号了，月底前不还钱就发到你们公司群里",
    "你再嘴硬，我就把你的照片和电话发给你爸妈，让你社死",
])
def test_threatening_to_publish_what_one_holds_is_abuse(text):
    result = assess(text)
    assert "ABUSE" in result.categories, (result.level, result.categories, result.reasons)
    assert result.level in ("high", "critical")


@pytest.mark.parametrize("text", [
    "我把会议纪要发到群里了，大家看一下",
    "你的快递我已经拿到了，放你家门口了",
])
def test_sending_things_to_a_group_is_no_threat(text):
    result = assess(text)
    assert "ABUSE" not in result.categories
    assert result.level in ("none", "low")


def test_contempt_for_a_person_weighs_as_an_insult_only_beside_exposure():
    assert signal("这个老东西天天往楼道里扔垃圾，他叫晏德胜，住3单元", "ABUSE") > 0
    result = assess("这台老东西用了十年还能开机，电池不行了")
    assert result.categories == [] and result.level in ("none", "low")


def test_a_rally_right_after_someones_details_is_incitement():
    text = "就是这个人：阙志伟，电话 15922334455，住万科城7栋，兄弟们冲冲冲"
    result = assess(text)
    assert "INCITEMENT" in result.categories and "EXPOSURE" in result.categories
    assert result.level == "critical"


@pytest.mark.parametrize("text", [
    "兄弟们冲冲冲，今晚一定上王者",
    "团购群的姐妹们冲冲冲，团长电话 15922334455，明早十点截单",
])
def test_a_rally_beside_nobodys_exposed_details_is_no_incitement(text):
    assert "INCITEMENT" not in assess(text).categories


def test_leaving_it_to_the_readers_after_someones_details_is_incitement():
    # what the rules read; the learned layer has the last word, and on a phrasing it has seen
    # little of it may stay just under its bar to keep the category
    text = "那个冒充我的人找到了，叫尉迟峰，手机 13711223344，住新港路18号，你们看着办"
    result, _ = rule_assessment(text, scan(text))
    assert {"EXPOSURE", "INCITEMENT"} <= set(result.categories)
    assert {"EXPOSURE", "INCITEMENT"} <= set(assess("查到了，这人叫尉迟峰，手机 13711223344，住新港路18号，"
                                                   "想怎么玩随你们").categories)


def test_leaving_it_to_the_readers_with_nobodys_details_is_no_incitement():
    assert "INCITEMENT" not in assess("这家店的招牌菜懂的都懂，下次还来").categories


@pytest.mark.parametrize("text", [
    "这人骗了我两万块，叫栾海波，电话 13922113344，大家注意",
    "这位答主本人：实名卓立群，手机 13922113344，还在这装专家",
])
def test_details_after_what_someone_did_to_the_poster_are_that_someones(text):
    assert "EXPOSURE" in assess(text).categories


def test_lying_in_wait_for_someone_is_a_threat():
    result = assess("她叫詹雨萌，住桂园小区6栋，明天放学我就去校门口堵她")
    assert "ABUSE" in result.categories


@pytest.mark.parametrize("text", [
    "你女儿几点放学我都知道，你自己掂量掂量",          # a stranger who knows someone's routine
    "你再喺度造我謠，我知你住邊，出街小心啲",          # the same threat in Cantonese
])
def test_knowing_someones_routine_or_home_is_a_threat_in_either_tongue(text):
    assert "ABUSE" in assess(text).categories


@pytest.mark.parametrize("text", [
    "宝贝你几点回家呀，饭做好了",
    "请问幼儿园几点放学？想提前去接",
])
def test_asking_when_someone_comes_home_is_no_threat(text):
    result = assess(text)
    assert result.categories == [] and result.level in ("none", "low")


def test_the_person_a_pronoun_points_at_is_not_the_poster():
    text = "群里挑事那个妈妈，她本人叫宓丽梅，在市人民医院检验科上班，手机13958021234，我就挂了"
    assert "EXPOSURE" in assess(text).categories


@pytest.mark.parametrize("text", [
    "我和林浩的婚礼定在国庆，五四路158号环球广场三楼宴会厅，有事打13958021234",
    "高三(12)班同学聚会定在人民东路88号锦江酒店三楼，报名找我 13931851234",
    "师大数学系大三，暑假可辅导初中数学，试课免费，电话15221861234",
])
def test_invitations_and_lesson_offers_give_the_posters_own_details(text):
    result = assess(text)
    assert "EXPOSURE" not in result.categories and result.level in ("none", "low")


def test_the_number_of_someone_harassing_the_poster_is_theirs():
    assert "EXPOSURE" in assess("骚扰我的号码17602151234，每天半夜打过来不说话").categories


def test_having_found_out_where_someone_lives_is_a_threat():
    assert "ABUSE" in assess("你不是挺能说吗，你家哪栋楼我都摸清了").categories
    assert assess("路线我都摸清了，明天带你们去").categories == []


def test_this_grandson_said_of_someone_exposed_is_an_insult():
    assert signal("这孙子叫费文，电话13917281234，大家轮流打", "ABUSE") > 0
    assert signal("我们家的孙子今年上小学了，放学我去接", "ABUSE") == 0


def test_the_reason_for_an_own_id_does_not_call_it_someone_elses():
    text = "报名前帮我看看，我的身份证号 110101199003074514 最后一位对不对"
    result = assess(text)
    assert not any("他人" in r for r in result.reasons), result.reasons


# a poster introducing themself: the name after 我叫 / 本人姓 is their own
@pytest.mark.parametrize("text", [
    "我叫蒋文静，在华西医院实习第三周了，每天跟着查房好累",
    "本人姓邹，在宁波一家外贸公司做跟单，想找周末一起打羽毛球的",
])
def test_a_poster_introducing_themself_exposes_nobody(text):
    result = assess(text)
    assert "EXPOSURE" not in result.categories, (result.level, result.categories, result.reasons)
    assert result.level in ("none", "low")


def test_an_introduction_beside_someone_else_exposed_is_still_exposure():
    text = "我叫蒋文静，骗我钱的那个人叫邝志远，在市妇幼保健院上班，电话13812345566"
    assert "EXPOSURE" in assess(text).categories


# harm to the body promised, and the menace that closes a threat
@pytest.mark.parametrize("text", [
    "你再敢在群里造谣我妹妹，我打断你的腿",
    "我知道你闺女在哪所小学，别逼我动手",
])
def test_a_threat_of_harm_is_abuse(text):
    result = assess(text)
    assert "ABUSE" in result.categories, (result.level, result.categories, result.reasons)
    assert result.level in ("high", "critical")


@pytest.mark.parametrize("text", [
    "这批货你自己掂量掂量，价格已经很低了",
    "孩子在哪所小学读书比较好？求推荐",
])
def test_weighing_an_offer_or_asking_about_schools_is_no_threat(text):
    result = assess(text)
    assert "ABUSE" not in result.categories


# meeting the person offline, or hurting them on sight, promised to them
@pytest.mark.parametrize("text", [
    "你那条评论我记住了，别让我在线下碰到你",
    "下次在公司楼下遇到你，碰到一次打一次",
])
def test_a_threat_to_meet_or_hurt_someone_offline_is_abuse(text):
    result = assess(text)
    assert "ABUSE" in result.categories, (result.level, result.categories, result.reasons)
    assert result.level in ("high", "critical")


@pytest.mark.parametrize("text", [
    "网友面基好开心，很高兴在现实里碰到你",
    "我在你楼下了，快下来吃饭",
    "师傅明天上门给你修热水器，记得留人在家",
    "别让我再看到你在群里发广告，再发就移出群聊",
])
def test_meeting_a_friend_a_repairman_or_a_group_rule_is_no_threat(text):
    assert "ABUSE" not in assess(text).categories


# contempt for a crowd names nobody: no abuse (an insult needs someone it is aimed at)
def test_contempt_for_a_crowd_is_no_abuse_but_an_insult_to_someone_is():
    assert "ABUSE" not in assess("现在有些家长真没素质，熊孩子在饭店里到处跑").categories
    assert "ABUSE" in assess("你个垃圾，再来我评论区一次试试").categories


# a call to put someone up for everyone to see (挂出来，让全网看看) is a call to pile on
def test_a_call_to_put_someone_up_for_everyone_is_incitement():
    assert "INCITEMENT" in assess("这家黑店老板必须挂出来，让全网都看看他的嘴脸").categories
    assert "INCITEMENT" not in assess("我把今天拍的照片挂出来了，欢迎大家来看").categories


# an owner selling their car or home, or asking to be called to move their car, gives their own contact
@pytest.mark.parametrize("text", [
    "代步车转让，个人自售，卡罗拉 粤B·7K2M9，看车电话 13724681357",
    "临时停车，挪车电话 15967823410，车牌浙A·5C7N2",
    "房东直租 城南花园6幢2单元301 两室一厅 拎包入住 电话 18957123468",
])
def test_an_owner_selling_or_moving_their_car_exposes_nobody(text):
    result = assess(text)
    assert "EXPOSURE" not in result.categories, (result.level, result.categories, result.reasons)
    assert result.level in ("none", "low")


def test_a_car_owner_pointed_at_by_someone_else_is_still_exposed():
    result = assess("这个车主天天堵消防通道，车牌浙A·5C7N2，车主电话15967823410，大家认准了")
    assert "EXPOSURE" in result.categories


# English posts: asking for someone's details with a reward, selling doxxing
def test_english_requests_and_offers_are_read():
    ask = assess("Does anyone know this guy? Need his real name and where he works, will pay 300 for it")
    assert "INDUCEMENT" in ask.categories and ask.level in ("high", "critical")
    sell = assess("Doxxing service: send me a username, full report in 24h, USDT only")
    assert "TRADE" in sell.categories
    assert assess("Anyone know a good dentist near 天河? Need one this weekend").level in ("none", "low")


# giving something away or a carpool: the contact is the poster's own (Cantonese and English too)
@pytest.mark.parametrize("text", [
    "舊書枱免費送，自取，喺荔灣區逢源路16號2座301，打俾我 13719284650 何生",
    "Carpool to 白云机场 Friday 7am, 3 seats left, WeChat: amy_gz_2024",
])
def test_a_giveaway_or_a_carpool_gives_the_posters_own_contact(text):
    result = assess(text)
    assert "EXPOSURE" not in result.categories, (result.level, result.categories, result.reasons)


# 本人叫X names the person a post is about as often as the poster
def test_the_person_themself_named_after_someone_who_abused_the_poster_is_exposed():
    text = "在评论区天天辱骂我的那个账号扒出来了，本人叫邵雨晴，临江学院会计系的，邮箱 3318204671@qq.com"
    assert "EXPOSURE" in assess(text).categories


# wrecking someone's place and meeting them on the street, promised to them
@pytest.mark.parametrize("text", [
    "敢卖假货？周末我叫上几个人去你摊位砸场子",
    "群里骂完就跑？别让我在街上遇见你",
])
def test_threats_to_wreck_a_place_or_meet_on_the_street_are_abuse(text):
    assert "ABUSE" in assess(text).categories


def test_a_crowd_called_to_confront_someone_exposed_is_incitement():
    text = "网贷骗子 祁明杰 手机 137 2291 6608，被他坑过的都来对线"
    assert "INCITEMENT" in assess(text).categories
