"""The platform registry data file: every fact names its source or says it is unverified, the
facts the public sources give (not the guesses the file held before), per-post report forms,
host matching, and the ``HEGAI_PLATFORMS_OVERRIDE`` file the e2e tests use."""

from __future__ import annotations

import json
import re

import pytest

from hegai.reports import platforms
from hegai.service.dashboard import protection

NATIONAL_URLS = {"cac12377": "https://www.12377.cn", "mps_cyberpolice": "https://cyberpolice.mps.gov.cn/wfjb/",
                 "miit12321": "https://www.12321.cn"}
SOURCED = ("confirmed", "likely")


@pytest.fixture(autouse=True)
def _no_override(monkeypatch):
    monkeypatch.delenv(platforms.OVERRIDE_ENV, raising=False)


def _assert_provenance(item: dict, where: str) -> None:
    assert item.get("confidence") in platforms.CONFIDENCE, where
    sources = item.get("sources")
    assert isinstance(sources, list), f"{where}: no sources list"
    assert all(re.match(r"^https?://\S+$", s) for s in sources), where
    if item["confidence"] in SOURCED:
        assert sources, f"{where}: {item['confidence']} without a source"
    else:
        assert item["confidence"] == "unverified", where


def test_every_registry_field_names_its_source_or_says_unverified():
    """The file as written: each fact and each step is an object with its confidence; a
    confirmed or likely one names at least one source URL; the rest say "unverified"."""
    raw = platforms.shipped_raw()
    assert len(raw) == 12
    for entry in raw:
        for name in platforms.FACT_FIELDS:
            assert isinstance(entry.get(name), dict) and "value" in entry[name], f"{entry['id']}.{name} missing"
            _assert_provenance(entry[name], f"{entry['id']}.{name}")
        assert entry["report_steps"], entry["id"]
        for i, step in enumerate(entry["report_steps"]):
            assert isinstance(step, dict) and step["text"].strip(), f"{entry['id']}.report_steps[{i}]"
            _assert_provenance(step, f"{entry['id']}.report_steps[{i}]")
        assert entry["verified"] is False and entry["verified_note"].strip()   # nothing was checked live


def test_the_api_shape_carries_the_provenance_of_every_fact():
    for p in platforms.all_platforms():
        shown = p.to_dict()
        assert set(shown["facts"]) == set(platforms.FACT_FIELDS), p.id
        for name, prov in shown["facts"].items():
            _assert_provenance(prov, f"{p.id}.{name}")
        for step in shown["report_steps"]:
            _assert_provenance(step, f"{p.id} step")
        if shown["protection"]:
            _assert_provenance(shown["protection"], f"{p.id}.protection")


def test_no_description_limit_is_stated_without_a_confirmed_source():
    # No source gives any platform's limit: a number here would be a guess enforced as fact.
    for p in platforms.all_platforms():
        limit = p.fact("description_limit")
        assert limit.value is None or limit.confidence == "confirmed", p.id
        assert p.description_limit_verified is (limit.value is not None), p.id


def _steps(pid: str) -> dict[str, str]:
    return {s.text: s.confidence for s in platforms.get(pid).steps}


def test_facts_from_the_sources_replace_the_old_guesses():
    weibo = platforms.get("weibo")
    assert weibo.category[0] == "网络暴力" and weibo.fact("category").confidence == "likely"
    assert weibo.report_url is None                             # the 社区管理中心 home page is not a form
    assert weibo.protection["where"].startswith("我 → 隐私设置 → 一键防护") and "7天" in weibo.protection["effect"]
    assert platforms.get("tencent").category == ("存在侵权行为(侵犯知识产权、人身权)",)
    assert platforms.get("tencent").fact("category").confirmed
    assert platforms.get("tencent").report_url is None          # 110.qq.com: no sign it takes privacy reports
    assert platforms.get("cac12377").category == ("侵权类",)
    douban = platforms.get("douban").protection
    assert douban["name"] == "应急防护模式" and "14天" in douban["effect"] and douban["confidence"] == "confirmed"
    douyin = platforms.get("douyin").protection
    assert douyin["name"] == "小安一键防网暴" and "安全中心" in douyin["where"]
    assert [a["name"] for a in platforms.get("xiaohongshu").protection["also"]] == ["小红盾"]
    assert [a["name"] for a in platforms.get("bilibili").protection["also"]] == ["一键取证"]
    assert platforms.get("tieba").protection is None            # no dedicated mode was found
    assert platforms.get("zhihu").category == () and platforms.get("zhihu").fact("category").confidence == "unverified"


def test_steps_keep_their_own_confidence():
    wechat = _steps("tencent")
    assert wechat["选择“存在侵权行为(侵犯知识产权、人身权)”（范围包括隐私权侵权）"] == "confirmed"
    assert wechat["QQ：在资料卡或群聊右上角选择“举报”"] == "unverified"
    assert set(_steps("kuaishou").values()) == {"unverified"}   # nothing found for Kuaishou's menu


def test_weibo_report_form_is_built_per_post():
    weibo = platforms.get("weibo")
    entry = weibo.entry("4900123456789012", "https://weibo.com/1/x")
    assert entry["url"] == "https://service.account.weibo.com/reportspam?rid=4900123456789012&type=1&from=10501"
    assert entry["per_post"] and entry["confidence"] == "likely" and entry["sources"]
    # No id on the page: the post URL carries it, as digits or as the base62 id.
    assert weibo.entry(None, "https://m.weibo.cn/detail/4900123456789012")["url"].endswith("rid=4900123456789012&type=1&from=10501")
    assert "rid=3501756485200075&" in weibo.entry(None, "https://weibo.com/1642909335/z0JH2lOMb")["url"]
    # A page id that is not a mid is not put into the form; no usable id → no address.
    assert weibo.entry("abc<script>", "https://weibo.com/u/1642909335") is None
    assert platforms.get("zhihu").entry("123") is None
    assert platforms.get("cac12377").entry("123") == {"url": "https://www.12377.cn", "per_post": False,
                                                      **platforms.get("cac12377").fact("report_url").provenance()}


@pytest.mark.parametrize("bid, mid", [("z0JH2lOMb", "3501756485200075"), ("0000000001", "1")])
def test_weibo_base62_ids(bid, mid):
    assert platforms.weibo_mid(bid) == mid


def test_national_channels():
    assert {p.id: p.report_url for p in platforms.national()} == NATIONAL_URLS


@pytest.mark.parametrize("url, expected", [
    ("https://weibo.com/1234567/AbCdE", "weibo"), ("https://m.weibo.cn/detail/1", "weibo"),
    ("https://www.zhihu.com/question/1/answer/2", "zhihu"), ("https://www.bilibili.com/video/BV1x", "bilibili"),
    ("https://www.douban.com/group/topic/1/", "douban"), ("https://www.xiaohongshu.com/explore/1", "xiaohongshu"),
    ("https://tieba.baidu.com/p/1", "tieba"), ("https://www.douyin.com/video/1", "douyin"),
    ("https://www.kuaishou.com/short-video/1", "kuaishou"), ("https://mp.weixin.qq.com/s/abc", "tencent"),
    ("https://notweibo.com/x", None), ("https://weibo.com.evil.test/", None), ("not a url", None),
])
def test_page_to_platform(url, expected):
    found = platforms.for_url(url)
    assert (found.id if found else None) == expected


def test_unknown_site_goes_to_12377():
    assert platforms.resolve("https://example.org/post/1").id == "cac12377"
    assert platforms.resolve("https://weibo.com/1", "miit12321").id == "miit12321"
    with pytest.raises(KeyError):
        platforms.resolve("https://weibo.com/1", "nope")


def test_override_file_points_an_entry_at_a_local_page(tmp_path, monkeypatch):
    override = tmp_path / "platforms.json"
    override.write_text(json.dumps({"weibo": {"report_url": "http://weibo.test:9/report/form.html",
                                              "hosts": ["weibo.test"]},
                                    "local": {"name": "本地", "kind": "platform", "hosts": ["local.test"],
                                              "report_steps": ["x"], "category": ["y"], "verified": False,
                                              "verified_note": "test"}}), "utf-8")
    monkeypatch.setenv(platforms.OVERRIDE_ENV, str(override))
    weibo = platforms.for_url("http://weibo.test:9/post")
    assert weibo.report_url == "http://weibo.test:9/report/form.html"
    assert weibo.fact("report_url").confidence == "unverified"  # a bare value has no source
    assert platforms.get("weibo").name == "微博"                 # other fields kept
    local = platforms.for_url("http://local.test/")
    assert local.id == "local" and local.steps[0].confidence == "unverified" and local.category == ("y",)


@pytest.mark.parametrize("fields", [
    {"description_limit": 5},
    {"category": {"value": ["侵犯隐私"], "confidence": "confirmed", "sources": []}},      # confirmed by nobody
    {"category": {"value": ["侵犯隐私"], "confidence": "certain", "sources": ["https://a.example/"]}},
    {"report_steps": [{"text": "x", "confidence": "likely", "sources": ["not a url"]}]},
    {"post_report_url": {"value": "https://a.example/report", "confidence": "unverified", "sources": []}},
])
def test_bad_override_is_refused(tmp_path, monkeypatch, fields):
    override = tmp_path / "bad.json"
    override.write_text(json.dumps({"weibo": fields}), "utf-8")
    monkeypatch.setenv(platforms.OVERRIDE_ENV, str(override))
    with pytest.raises(platforms.RegistryError):
        platforms.all_platforms()


def test_protection_guide_reads_the_registry_through_its_module(tmp_path, monkeypatch):
    """The alert's protection guide is the registry's own reading (overrides and checks included),
    not a second parse of the data file."""
    assert protection.for_host("www.douban.com")["protection"]["name"] == "应急防护模式"
    assert protection.for_host("tieba.baidu.com")["protection"] is None
    assert protection.for_host("unknown.example") is None
    override = tmp_path / "platforms.json"
    override.write_text(json.dumps({"douban": {"hosts": ["douban.test"]}}), "utf-8")
    monkeypatch.setenv(platforms.OVERRIDE_ENV, str(override))
    found = protection.for_host("douban.test")
    assert found["platform"] == "douban" and found["protection"]["confidence"] == "confirmed"
    assert found["protection"]["sources"]
