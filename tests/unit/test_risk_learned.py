"""The learned layer of the risk engine (hegai.risk.learned, hegai.risk.combine) and the
deterministic training data generator. Sentences written for these tests."""

import json
import random
import sys
from pathlib import Path

import pytest
from stdnum.cn import ric

from hegai.risk import assess, learned
from hegai.risk.combine import decide
from hegai.risk.engine import rule_assessment
from hegai.detect import scan

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_model_loads_with_its_policy_and_provenance():
    model = learned.model()
    assert model is not None
    meta = model.meta
    assert meta["feature_version"] == learned.FEATURE_VERSION
    assert {"add", "keep", "alone"} <= set(meta["policy"])
    assert meta["trained_on"]["posts"] >= 3000
    assert model.weights.shape == (len(meta["features"]), 10)


def test_features_read_numbers_by_size_and_fold_the_writing():
    assert learned.shaped_text("電話：138 0013 8000！") == learned.shaped_text("电话13800138000")
    assert learned.shaped_text("第3期") != learned.shaped_text("第2024期")


def view(text):
    return rule_assessment(text, scan(text))[1]


def test_news_about_doxxing_gets_no_category_from_the_model():
    text = "记者调查：多地警方通报打击“开盒”团伙，网信办要求平台加强治理，提醒网民保护个人信息"
    rules = view(text)
    cats = {c: 0.99 for c in ("EXPOSURE", "INDUCEMENT", "ABUSE", "TRADE", "INCITEMENT")}
    level, present = decide(rules, cats, [0.0, 0.0, 0.0, 0.0, 1.0], learned.model().meta["policy"])
    assert rules.news and present == [] and level in ("none", "low")


def test_a_category_needs_someone_to_aim_at_for_abuse_and_incitement():
    rules = view("周末大家一起去爬山，冲冲冲！")
    cats = {"EXPOSURE": 0.0, "INDUCEMENT": 0.0, "ABUSE": 0.99, "TRADE": 0.0, "INCITEMENT": 0.99}
    level, present = decide(rules, cats, [0.0, 0.0, 1.0, 0.0, 0.0], learned.model().meta["policy"])
    assert present == [] and level in ("none", "low")


def test_one_contact_of_someone_else_stays_medium_and_critical_needs_a_dossier():
    policy = learned.model().meta["policy"]
    cats = {"EXPOSURE": 0.99, "INDUCEMENT": 0.0, "ABUSE": 0.0, "TRADE": 0.0, "INCITEMENT": 0.0}
    sure_critical = [0.0, 0.0, 0.0, 0.0, 1.0]
    assert decide(view("他的手机是15867302291"), cats, sure_critical, policy)[0] == "medium"
    dossier = "姓名：韦国栋，身份证110105199003072514，手机15867302291，住北京市朝阳区望京西园三区312号楼2单元501"
    assert decide(view(dossier), cats, sure_critical, policy)[0] == "critical"


def test_the_model_cannot_talk_away_a_dossier_the_rules_found():
    # a filled-in form: name, phone and address of someone, no word of whose they are
    rules = view("联系人：韦国栋\n手机：15867302291\n住址：北京市朝阳区望京西园三区312号楼2单元501")
    assert rules.exposure_context in ("third_party", "neutral") and "EXPOSURE" in rules.categories
    sure_not = {"EXPOSURE": 0.01, "INDUCEMENT": 0.0, "ABUSE": 0.0, "TRADE": 0.0, "INCITEMENT": 0.0}
    level, present = decide(rules, sure_not, [1.0, 0.0, 0.0, 0.0, 0.0], learned.model().meta["policy"])
    assert present == ["EXPOSURE"] and level in ("medium", "high", "critical")
    # one contact detail is not a dossier: the model may still drop it
    one = view("他手机15867302291")
    assert decide(one, sure_not, [1.0, 0.0, 0.0, 0.0, 0.0], learned.model().meta["policy"])[1] == []


def test_the_model_adds_no_exposure_where_the_rules_read_the_posters_own_details():
    rules = view("请假条：本人祁文海，因孩子发烧请假一天，联系电话15867302291")
    assert rules.exposure_context == "own"
    cats = {"EXPOSURE": 0.99, "INDUCEMENT": 0.0, "ABUSE": 0.0, "TRADE": 0.0, "INCITEMENT": 0.0}
    level, present = decide(rules, cats, [0.0, 0.0, 0.0, 1.0, 0.0], learned.model().meta["policy"])
    assert present == [] and level in ("none", "low")


def test_a_sellers_contact_in_a_trade_ad_is_not_someone_exposed():
    a = assess("专业查人查车查开房 诚信接单 有需要加vx：chaxun_8899")
    assert "TRADE" in a.categories and "EXPOSURE" not in a.categories
    # a sample record with someone's ID in the same ad still exposes that person
    b = assess("查户籍 查开房 样例：110105199003072514 有需要加vx：chaxun_8899")
    assert "EXPOSURE" in b.categories


def test_a_category_the_model_drops_takes_its_reason_along(monkeypatch):
    from hegai.risk import combine

    text = "韦国栋这个狗东西 手机15867302291 不要脸的人渣"
    result, rules = rule_assessment(text, scan(text))
    assert "ABUSE" in rules.categories and len(rules.reason_kinds) == len(result.reasons)
    policy = learned.model().meta["policy"]

    class SureOfExposureOnly:
        meta = {"policy": policy}

        def predict(self, feats):
            return ({"EXPOSURE": 0.99, "INDUCEMENT": 0.0, "ABUSE": 0.0, "TRADE": 0.0, "INCITEMENT": 0.0},
                    [0.0, 0.0, 0.0, 1.0, 0.0], [])

        def strongest_grams(self, index, k):
            return []

    monkeypatch.setattr(combine, "model", lambda: SureOfExposureOnly())
    refined = combine.refine(text, scan(text), result, rules, "zh")
    assert refined.categories == ["EXPOSURE"]
    abuse_reason = result.reasons[rules.reason_kinds.index("ABUSE")]
    assert abuse_reason not in refined.reasons          # never "含有辱骂" on a post not rated ABUSE
    assert result.reasons[rules.reason_kinds.index("EXPOSURE")] in refined.reasons


def test_a_category_only_the_model_found_has_a_reason_quoting_words():
    # An ask for someone's details in words the lexicon does not list: whatever decides it, the
    # assessment explains itself.
    a = assess("这个骑电动车的大叔哪位老铁能把他底细摸清楚，私我重谢")
    assert a.level != "none" and a.reasons
    assert all(isinstance(r, str) and r for r in a.reasons)


def test_without_the_weights_the_rules_decide_alone(monkeypatch):
    text = "有人知道他住哪吗？谁有他电话"
    rules_only, _ = rule_assessment(text, scan(text))
    from hegai.risk import combine

    # combine holds its own reference to the loader: patch the one the engine calls
    monkeypatch.setattr(combine, "model", lambda: None)
    a = assess(text)
    assert (a.level, a.categories, a.reasons) == (rules_only.level, rules_only.categories, rules_only.reasons)


# ---- the training data generator ---------------------------------------------------------------

sys.path.insert(0, str(ROOT / "training" / "risk"))
import generate  # noqa: E402  (training/risk/generate.py ships in the repo: its absence is a failure)


def test_rendering_is_deterministic_and_values_are_valid():
    templates = [{"template": "挂一下 {NAME} 身份证{ID} 电话{PHONE} 卡号{CARD}", "level": "critical",
                  "categories": ["EXPOSURE"], "source": "t:1"},
                 {"template": "今天天气不错", "level": "none", "categories": [], "source": "t:2"}]
    first, second = generate.generate(templates, 3), generate.generate(templates, 3)
    assert first == second
    assert len(first) == 4                     # three renderings with slots, one without
    for post in first[:3]:
        digits = "".join(ch for ch in post["text"] if ch.isdigit() or ch == "X")
        assert ric.is_valid(digits[:18]), post["text"]
        assert "{" not in post["text"]


def test_the_shipped_templates_are_labelled_by_the_guide():
    folder = ROOT / "training" / "risk" / "templates"
    records = generate.load_templates(folder)
    assert len(records) >= 2500
    for r in records:
        assert r["level"] in ("none", "low", "medium", "high", "critical")
        assert r["level"] not in ("none",) or not r["categories"]
    rng = random.Random(0)
    for r in rng.sample(records, 50):
        assert "{" not in generate.render(r["template"], rng) or "{" in r["template"].replace("{", "", 0)
    assert json.loads((ROOT / "server/hegai/risk/data/learned.json").read_text(encoding="utf-8"))["trained_on"]["templates"] == len(records)
