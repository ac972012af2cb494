"""Render the risk training templates into posts, deterministically.

The templates (``templates/*.jsonl``) were written by people who had not read Hegai's code or
lexicon (see PROVENANCE.md); personal values stand as slots ({NAME}, {PHONE}, {ID}…) so that one
template yields several posts with different fake-but-valid values in different written forms.

    python training/risk/generate.py [--copies 2] [--out training/risk/build/posts.jsonl]

Same templates and arguments → the same file, byte for byte (one seeded RNG per template).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

from stdnum import luhn
from stdnum.cn import ric

HERE = Path(__file__).resolve().parent
SLOT = re.compile(r"\{([A-Z]+[0-9]?)\}")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "慕容"]
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉华建国志红文辉鹏飞晓燕丹宇浩然子轩梓涵欣怡雨婷思远俊杰佳琪博文嘉怡一鸣诗雨晨阳浩宇婉清泽宇紫萱瑞雪昊天家豪海峰春梅德胜永福金凤秋菊立新振华"
DIVISIONS = {"110105": "北京市朝阳区", "310104": "上海市徐汇区", "440305": "深圳市南山区", "330106": "杭州市西湖区",
             "510107": "成都市武侯区", "420106": "武汉市武昌区", "320102": "南京市玄武区", "610113": "西安市雁塔区",
             "350203": "厦门市思明区", "370202": "青岛市市南区", "430104": "长沙市岳麓区", "500103": "重庆市渝中区",
             "120101": "天津市和平区", "410105": "郑州市金水区", "210102": "沈阳市和平区", "360102": "南昌市东湖区"}
ROADS = ["人民路", "解放路", "建设大道", "中山北路", "文三路", "学院路", "长江西路", "和平街", "新华路", "滨江大道",
         "科技园南路", "光华大道", "五一路", "朝阳北路", "金沙江路", "红旗街"]
COMPOUNDS = ["阳光花园", "翠湖苑", "金地名京", "锦绣家园", "万科城", "碧桂园", "幸福里小区", "绿城桂花园", "保利香槟国际",
             "东方明珠苑", "丽景湾", "枫林小区"]
ORG_HEADS = ["华信", "恒通", "瑞达", "鼎盛", "蓝海", "宏远", "启航", "星辰", "云帆", "中联", "金桥", "博远"]
ORG_TAILS = ["科技有限公司", "贸易有限公司", "物流有限公司", "网络科技有限公司", "建筑工程有限公司", "人民医院",
             "银行{city}支行", "房地产开发有限公司", "第二中学", "实验小学", "街道办事处", "税务局"]
SCHOOLS = ["第一中学", "实验中学", "外国语学校", "理工大学", "师范大学", "职业技术学院", "实验小学", "第三中学", "财经大学"]
PROVINCE_PLATES = "京沪粤浙苏川鄂湘鲁闽陕渝津豫辽赣"
MAIL_HOSTS = ["qq.com", "163.com", "126.com", "gmail.com", "foxmail.com", "outlook.com", "sina.com"]
CN_DIGITS = "零一二三四五六七八九"


class Values:
    """Fake-but-valid values for one rendering; a slot used twice gets the same value."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.cache: dict[str, str] = {}
        self.division = rng.choice(sorted(DIVISIONS))
        self.surname = rng.choice(COMPOUND) if rng.random() < 0.04 else rng.choice(SURNAMES)

    def get(self, slot: str) -> str:
        if slot not in self.cache:
            base = slot.rstrip("0123456789")
            self.cache[slot] = getattr(self, "v_" + base.lower(), lambda: "{" + slot + "}")()
        return self.cache[slot]

    # one method per slot kind
    def v_surname(self):
        return self.surname

    def v_name(self):
        r = self.rng
        given = "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2, 2))))
        surname = self.surname if "NAME" not in self.cache else r.choice(SURNAMES)
        return surname + given

    def v_phone(self):
        r = self.rng
        digits = r.choice(["13", "15", "17", "18", "19"]) + str(r.randint(0, 9)) + "".join(str(r.randint(0, 9)) for _ in range(8))
        form = r.random()
        if form < 0.55:
            return digits
        if form < 0.7:
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        if form < 0.8:
            return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
        if form < 0.9:
            return "+86 " + digits
        if form < 0.95:
            return "".join(CN_DIGITS[int(d)] for d in digits)
        return digits[:3] + " " + digits[3:]

    def v_landline(self):
        r = self.rng
        area = r.choice(["010", "021", "0571", "020", "028", "027", "025", "029", "0755", "0592"])
        number = str(r.randint(2, 8)) + "".join(str(r.randint(0, 9)) for _ in range(7 if len(area) == 3 else 7))
        return f"{area}-{number}" if r.random() < 0.7 else area + number

    def v_id(self):
        """Valid by GB 11643 as python-stdnum checks it: the check digit, and a division code
        that existed on the birth date (some districts were created late: try again then)."""
        r = self.rng
        while True:
            year = r.randint(1960, 2008)
            body = f"{self.division}{year}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(0, 999):03d}"
            number = body + ric.calc_check_digit(body + "0")   # stdnum reads a full number
            if ric.is_valid(number):
                return number

    def v_district(self):
        return DIVISIONS[self.division]

    def v_addr(self):
        r = self.rng
        city = DIVISIONS[self.division] if r.random() < 0.6 else DIVISIONS[self.division][3:]
        tail = f"{r.randint(1, 30)}栋{r.randint(1, 6)}单元{r.randint(1, 32)}{r.randint(1, 4):02d}"
        if r.random() < 0.5:
            return f"{city}{r.choice(ROADS)}{r.randint(1, 999)}号{r.choice(COMPOUNDS)}{tail}"
        return f"{city}{r.choice(COMPOUNDS)}{tail}{'室' if r.random() < 0.5 else ''}"

    def v_work(self):
        r = self.rng
        city = DIVISIONS[self.division][:2]
        tail = r.choice(ORG_TAILS).replace("{city}", r.choice(["城西", "高新", "江北", "东湖"]))
        return (city if r.random() < 0.6 else "") + r.choice(ORG_HEADS) + tail

    def v_school(self):
        r = self.rng
        return DIVISIONS[self.division][:2] + r.choice(SCHOOLS)

    def v_qq(self):
        r = self.rng
        return str(r.randint(1, 9)) + "".join(str(r.randint(0, 9)) for _ in range(r.randint(6, 9)))

    def v_wx(self):
        r = self.rng
        letters = "abcdefghijklmnopqrstuvwxyz"
        return r.choice(letters) + "".join(r.choice(letters + "0123456789_") for _ in range(r.randint(5, 11)))

    def v_plate(self):
        r = self.rng
        tail = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5))
        sep = r.choice(["", "", "·", " "])
        return f"{r.choice(PROVINCE_PLATES)}{r.choice('ABCDEFG')}{sep}{tail}"

    def v_card(self):
        r = self.rng
        body = r.choice(["6222", "6228", "6217", "6214", "4367", "5187"]) + "".join(
            str(r.randint(0, 9)) for _ in range(r.choice((11, 14))))
        number = body + luhn.calc_check_digit(body)
        return " ".join(number[i:i + 4] for i in range(0, len(number), 4)) if r.random() < 0.3 else number

    def v_email(self):
        r = self.rng
        user = self.v_wx() if r.random() < 0.6 else self.v_qq()
        return f"{user}@{r.choice(MAIL_HOSTS)}"

    def v_dob(self):
        r = self.rng
        y, m, d = r.randint(1965, 2008), r.randint(1, 12), r.randint(1, 28)
        return r.choice([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m}.{d}", f"{y}{m:02d}{d:02d}"])

    def v_ip(self):
        r = self.rng
        return f"{r.choice([36, 58, 106, 112, 117, 120, 183, 223])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def v_price(self):
        r = self.rng
        return r.choice([f"{r.choice([30, 50, 88, 100, 200, 300, 500])}元", f"{r.choice([0.5, 1, 5, 20, 50])}U",
                         f"{r.choice([50, 80, 150, 288])}r", f"{r.choice(['一百', '两百', '三百', '五十'])}块"])


def render(template: str, rng: random.Random) -> str:
    values = Values(rng)
    return SLOT.sub(lambda m: values.get(m.group(1)), template)


def render_with_spans(template: str, rng: random.Random) -> tuple[str, list[dict]]:
    """The post and where each slot's value sits in it ({"slot", "start", "end"})."""
    values, out, spans, at = Values(rng), [], [], 0
    for m in SLOT.finditer(template):
        out.append(template[at:m.start()])
        start = sum(map(len, out))
        value = values.get(m.group(1))
        out.append(value)
        spans.append({"slot": m.group(1).rstrip("0123456789"), "start": start, "end": start + len(value)})
        at = m.end()
    out.append(template[at:])
    return "".join(out), spans


def load_templates(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                record["source"] = f"{path.stem}:{lineno}"
                records.append(record)
    return records


def generate(templates: list[dict], copies: int) -> list[dict]:
    posts = []
    for record in templates:
        seed = int(hashlib.sha256(record["template"].encode("utf-8")).hexdigest()[:12], 16)
        rng = random.Random(seed)
        has_slots = bool(SLOT.search(record["template"]))
        for copy in range(copies if has_slots else 1):
            posts.append({"id": f"{record['source']}#{copy}", "text": render(record["template"], rng),
                          "level": record["level"], "categories": sorted(record["categories"]),
                          "platform": record.get("platform", ""), "group": record["source"]})
    return posts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--templates", type=Path, default=HERE / "templates")
    parser.add_argument("--copies", type=int, default=2, help="renderings per template with slots (default 2)")
    parser.add_argument("--out", type=Path, default=HERE / "build" / "posts.jsonl")
    args = parser.parse_args(argv)
    posts = generate(load_templates(args.templates), args.copies)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for post in posts:
            fh.write(json.dumps(post, ensure_ascii=False) + "\n")
    print(f"{len(posts)} posts from {len({p['group'] for p in posts})} templates → {args.out}")


if __name__ == "__main__":
    main()
