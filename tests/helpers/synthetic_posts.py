"""Posts generated from templates and a seed, for the batch, Spark and bench runs: ordinary
chatter, numbers that are not PII, a poster's own contacts, requests to find someone, offers of
开盒 services and full dossiers. Written for these runs; nothing here comes from ../shared/eval."""

from __future__ import annotations

import json
import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"]
CITIES = [("北京市", "海淀区", "中关村大街"), ("上海市", "浦东新区", "张杨路"), ("广州市", "天河区", "体育西路"),
          ("成都市", "武侯区", "人民南路四段"), ("杭州市", "西湖区", "文三路")]
WORK = ["在华为上班", "在腾讯深圳总部工作", "是市第一人民医院的护士", "在阿里巴巴做运营", "在某某区教育局工作"]
SCHOOLS = ["在清华大学读研", "是浙江大学大三学生", "在北京四中读高二", "在复旦大学读书"]
CHATTER = [
    "今天天气不错，下午去了趟超市，买了三斤苹果，一共花了23.5元。",
    "这部电影我看了两遍，剧情一般但是配乐很好，推荐给大家。",
    "股票代码600519今天涨了3.2%，成交额128.6亿元。",
    "快递单号SF1234567890123，显示已经到了分拣中心。",
    "G1868次列车晚点了40分钟，大家出行注意。",
    "第3章第12节讲的是二叉树，时间复杂度O(n log n)。",
    "我家猫今天又把杯子推到地上了，气死我了哈哈哈😂",
    "客服热线400-820-8820，24小时都有人接。",
    "最近在看一本讲开盒现象的新闻报道，网络暴力真可怕，大家保护好自己的信息。",
]


def _mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "186", "157", "199"]) + f"{rng.randint(0, 99999999):08d}"


def _id_number(rng: random.Random) -> str:
    from stdnum.cn import ric

    body = rng.choice(["110101", "310104", "440106", "510107", "330106"]) + \
        f"{rng.randint(1960, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + ric.calc_check_digit(body + "0")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _address(rng: random.Random) -> str:
    city, district, road = rng.choice(CITIES)
    return f"{city}{district}{road}{rng.randint(1, 300)}号{rng.randint(1, 20)}栋{rng.randint(1, 30)}0{rng.randint(1, 4)}室"


def post(rng: random.Random) -> str:
    kind = rng.random()
    chat = "".join(rng.choice(CHATTER) for _ in range(rng.randint(1, 3)))
    if kind < 0.45:
        return chat
    if kind < 0.65:
        return chat + f"有需要的加我微信 wx_{rng.randint(1000, 99999)}，或者打我电话{_mobile(rng)}。"
    if kind < 0.75:
        return f"求开盒这个人，{rng.choice(['微博', 'B站', '抖音'])}上骂人的那个，谁能扒出他的真实信息，有红包。"
    if kind < 0.82:
        return f"专业查人，社工库开盒，{rng.randint(2, 20)}00元一次，手机号查户籍住址，私聊QQ：{rng.randint(100000, 999999999)}"
    if kind < 0.92:
        name = _name(rng)
        return (f"挂一下这个人：{name}，身份证{_id_number(rng)}，电话{_mobile(rng)}，家住{_address(rng)}，"
                f"{rng.choice(WORK)}。大家去他单位闹！")
    name = _name(rng)
    return f"{name}{rng.choice(SCHOOLS)}，手机{_mobile(rng)}，{chat}"


def records(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [{"id": f"p{i:06d}", "text": post(rng)} for i in range(n)]


def write_jsonl(path: Path, recs: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    """``recs`` as JSONL, then ``extra_lines`` as they are (bad lines for the error rows)."""
    with open(path, "w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path
