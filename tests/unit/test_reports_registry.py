"""The platform registry data file: complete entries, honest verification flags, host matching,
and the ``HEGAI_PLATFORMS_OVERRIDE`` file the e2e tests use."""

from __future__ import annotations

import json

import pytest

from hegai.reports import platforms

NATIONAL_URLS = {"cac12377": "https://www.12377.cn", "mps_cyberpolice": "https://cyberpolice.mps.gov.cn/wfjb/",
                 "miit12321": "https://www.12321.cn"}


@pytest.fixture(autouse=True)
def _no_override(monkeypatch):
    monkeypatch.delenv(platforms.OVERRIDE_ENV, raising=False)


def test_every_entry_is_complete_and_says_whether_it_was_verified():
    for p in platforms.all_platforms():
        assert isinstance(p.verified, bool) and p.verified_note.strip(), p.id
        assert p.hosts and p.report_steps and p.category, p.id
        assert p.report_url or p.kind == "platform", p.id       # national channels always have a URL
        assert p.description_limit is None or p.description_limit >= 60
        if p.description_limit and not p.description_limit_verified:
            assert not p.verified, p.id                         # an unverified limit → not verified


def test_platforms_have_their_own_protection_entry():
    for p in platforms.all_platforms():
        if p.kind == "platform":
            assert p.protection and p.protection["name"] and p.protection["where"], p.id


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
    assert platforms.for_url("http://weibo.test:9/post").report_url == "http://weibo.test:9/report/form.html"
    assert platforms.get("weibo").name == "微博"                 # other fields kept
    assert platforms.for_url("http://local.test/").id == "local"


def test_bad_override_is_refused(tmp_path, monkeypatch):
    override = tmp_path / "bad.json"
    override.write_text(json.dumps({"weibo": {"description_limit": 5}}), "utf-8")
    monkeypatch.setenv(platforms.OVERRIDE_ENV, str(override))
    with pytest.raises(platforms.RegistryError):
        platforms.all_platforms()
