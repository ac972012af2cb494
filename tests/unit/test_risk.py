"""Risk engine behaviour: levels, categories, context, evasions, reasons."""

import pytest

from hegai.detect import scan
from hegai.risk import LEVELS, Assessment, assess, assess_findings

CAC_NEWS_REPORT = (
    "本报讯（记者 李明）2025年，中央网信办发布《关于进一步加强“开盒”问题整治的通知》，部署开展专项行动，"
    "严厉打击“开盒”、人肉搜索等违法行为。通知指出，一些网民利用社工库非法获取他人身份证号、手机号、"
    "家庭住址等个人信息并在网上公开，即所谓“开盒”。通知要求各平台对涉及社工库、人肉搜索的账号依法从严处置，"
    "提醒广大网友发现“开盒”行为及时向12377举报。")
DOX = ("挂一下这个渣男，姓名：刘志强，身份证110105199003072514，手机13812345678，"
       "家住北京市朝阳区望京西园三区312号楼2单元501")


def level_at_most(a: Assessment, level: str) -> bool:
    return LEVELS.index(a.level) <= LEVELS.index(level)


def test_news_report_about_the_cac_notice_is_none_or_low():
    a = assess(CAC_NEWS_REPORT)
    assert a.level in ("none", "low") and a.categories == []
    assert any("新闻报道" in r for r in a.reasons)


def test_full_dossier_is_critical_exposure_with_readable_reason():
    a = assess(DOX)
    assert a.level == "critical" and "EXPOSURE" in a.categories
    assert any(r.startswith("包含他人") and "身份证号" in r and "手机号" in r for r in a.reasons)
    assert not any("13812345678" in r or "2514" in r for r in a.reasons), "reasons never carry PII"


@pytest.mark.parametrize("text", [
    "专业查档：户籍 150元/条，开房记录 300元/条，诚信接单",
    "社gong库 机器人 查人 私我",
    "開盒服務 全國可查 戶籍 開房記錄 價格私聊",
    "ＳＧＫ机器人，输入手机号即可查机主姓名和身份证",
    "查🔥档 户🔥籍 开🔥房 需要的dd",
    "s g k 查 询 服 务 ，户 籍 、机 主 、开 房 全 套",
    "kaihe教程 + 工具包 打包出售 99元",
])
def test_trade_through_evasions(text):
    a = assess(text)
    assert "TRADE" in a.categories and a.level in ("high", "critical")


def test_price_reason_is_given():
    a = assess("查档200，全国户籍，秒出，需要的私")
    assert any("明码标价" in r for r in a.reasons)


@pytest.mark.parametrize("text", ["求扒这个女的", "renrou一下这个人", "求k盒这个喷子", "有沒有人認識這個人？求人肉"])
def test_inducement(text):
    assert "INDUCEMENT" in assess(text).categories


@pytest.mark.parametrize("text", ["兄弟们出征！去她评论区集合刷屏", "今晚给她电话轰炸", "把她挂厕所去", "chuzheng！冲冲冲"])
def test_incitement(text):
    assert "INCITEMENT" in assess(text).categories


def test_threat_is_abuse_on_its_own_but_a_lone_insult_is_not():
    assert "ABUSE" in assess("我知道你住哪，你等着，明天就去你家门口堵你").categories
    assert "ABUSE" not in assess("这电影真垃圾").categories


def test_exposure_with_incitement_is_critical():
    a = assess("电话轰炸这个号码：13812345678，不接就一直打")
    assert a.level == "critical" and {"EXPOSURE", "INCITEMENT"} <= set(a.categories)


@pytest.mark.parametrize("text", [
    "出闲置，九成新iPad，2800元，不议价，同城自提，联系我 13812345678",
    "老王家常菜，营业时间10:00-22:00，订餐电话：010-62345678，地址：北京市海淀区中关村大街27号，欢迎光临！",
    "本店新品上架，客服热线400-820-8820，工作时间9:00-18:00",
    "故宫博物院地址：北京市东城区景山前街4号，开放时间8:30-17:00",
    "我叫李晓峰，家住成都市武侯区科华北路65号，有事打我电话15982736451",   # the poster's own
])
def test_own_sale_business_hotline_and_public_place_stay_low(text):
    a = assess(text)
    assert level_at_most(a, "low") and "EXPOSURE" not in a.categories


@pytest.mark.parametrize("text", ["今天去档案馆查档案", "周末去海边冲浪", "今天收到一个盲盒，打开盒子是隐藏款", "户籍迁移需要哪些材料",
                                  "大家一起冲冲冲，这个游戏副本今晚必须过",   # a rally with nobody to rally at
                                  "这个人肉夹馍真好吃，推荐大家去尝尝",
                                  "网警提醒：不要轻信网上查人服务，社工库贩卖个人信息属违法"])   # a warning
def test_benign_look_alikes_stay_low(text):
    assert level_at_most(assess(text), "low")


@pytest.mark.parametrize("text", [
    "抓到一个偷电动车的，他叫邵某某，手机13857190264，姐妹们出门注意保护自己",
    "提醒一下，最近小区进了陌生人，大家出门注意安全，锁好电动车",
    "有人在地铁偷拍，车牌浙A·5K271那辆车的司机，出门在外注意保护好自己",
])
def test_safety_advice_to_readers_is_no_threat(text):
    # 出门注意/小心 is a threat aimed at someone (你家我知道，出门注意点), advice when it is said
    # to the readers and followed by 安全 / 保护自己
    assert "ABUSE" not in assess(text).categories


def test_the_same_words_aimed_at_someone_stay_a_threat():
    assert "ABUSE" in assess("你家住哪我都知道，出门注意点").categories


def test_assess_findings_uses_the_given_findings_without_rescanning(monkeypatch):
    findings = scan(DOX)
    import hegai.detect

    monkeypatch.setattr(hegai.detect, "scan", lambda text: pytest.fail("assess_findings must not scan"))
    a = assess_findings(DOX, findings)
    assert a.level == "critical" and a.findings == findings


def test_to_dict_is_json_ready_and_spec_shaped():
    import json

    d = assess(DOX).to_dict()
    assert {"level", "score", "categories", "reasons", "findings"} <= set(d)
    assert 0 <= d["score"] <= 1
    json.dumps(d, ensure_ascii=False)


def test_empty_and_wrong_type():
    assert assess("").level == "none"
    with pytest.raises(TypeError):
        assess(None)


@pytest.mark.parametrize("text", [
    "大家看清楚，他住成都市武侯区科华北路65号，电话15982736451",
    "他女朋友在人民医院上班，叫刘婷，电话是一八六零零零零一二三四",
])
def test_someone_elses_details_are_third_party_even_without_other_cues(text):
    a = assess(text)
    assert "EXPOSURE" in a.categories and a.level in ("high", "critical")


@pytest.mark.parametrize("text, category", [
    ("这个人太恶心了，大家把她挂出来，让她社会性死亡", "INCITEMENT"),
    ("全网最全社工库，TG搜索查询机器人", "TRADE"),
    ("有偿求这个人的身份证和住址，懂的来", "INDUCEMENT"),
    ("有没有懂社工的大佬，帮忙查一个人，私聊有偿", "INDUCEMENT"),
    ("谁能帮我找到这个女的，她在抖音叫小甜甜，坐标成都", "INDUCEMENT"),
])
def test_more_ways_of_saying_it(text, category):
    assert category in assess(text).categories


def test_a_victim_saying_someone_wants_to_dox_them_is_not_inducement():
    a = assess("求助：被网暴了，对方说要人肉我，我该怎么办")
    assert level_at_most(a, "low") and "INDUCEMENT" not in a.categories


def test_a_threat_alone_is_high():
    a = assess("你再敢发一个视频试试，我知道你家在哪，你妈电话我也有")
    assert a.level == "high" and a.categories == ["ABUSE"]


@pytest.mark.parametrize("text", [
    "就是这个人在地铁上插队还推人，叫曹振宇，电话15867302291，什么素质",
    "挂一下楼下那个天天半夜装修的，2栋802的邹老板，微信zou_2088，没教养的东西还好意思投诉别人",
])
def test_contempt_for_the_person_exposed_is_abuse(text):
    assert "ABUSE" in assess(text).categories


@pytest.mark.parametrize("text", [
    "这家奶茶店的店员没素质，态度太差了，再也不来了",
    "现在有些景区游客真没素质，垃圾扔得到处都是",
])
def test_contempt_with_no_one_exposed_is_not_abuse(text):
    a = assess(text)
    assert "ABUSE" not in a.categories and level_at_most(a, "low")
