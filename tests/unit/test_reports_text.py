"""Report text for every platform in the registry: fits the form, never unmasked, cites the law."""

from __future__ import annotations

import re

import pytest

from hegai.detect import scan
from hegai.reports import ReportInput, all_platforms, analyse, build
from hegai.reports.builder import SHORT_TARGET, wording
from helpers.report_samples import DOX_POST, DOX_VALUES, PLAIN_POST, TRADE_POST, TRADE_VALUES

PLATFORMS = all_platforms()
LEGAL_ALWAYS = ("个人信息保护法", "第十条", "第二十八条", "民法典", "第一千零三十四条", "网络暴力信息治理规定")
CRIMINAL = "第二百五十三条之一"
LONG_URL = "https://weibo.com/7788990011/" + "Q" * 300 + "?from=13812345678&x=" + "y" * 200


def _report(text: str, platform, url="https://weibo.com/7788990011/PqRsT", title="开盒 张伟 13812345678",
            post_id="PqRsT") -> object:
    exposure = analyse(text)
    return build(ReportInput(url=url, title=title, captured_at="2025-05-01T03:04:05+00:00", exposure=exposure,
                             post_id=post_id, evidence_sha256="ab" * 32), platform), exposure


def _assert_no_raw_values(text: str, values) -> None:
    for value in values:
        assert value not in text, value
        digits = re.sub(r"\D", "", value)
        for i in range(len(digits) - 6):          # no 7 digits of a value in a row
            assert digits[i:i + 7] not in re.sub(r"\D", "", text.replace("2025-05-01", "")) or len(digits) < 7, value
    leaked = {f.text for f in scan(text)} & set(values)
    assert not leaked, leaked


def test_samples_are_detected():
    found = {f.text for f in scan(DOX_POST)}
    assert set(DOX_VALUES) <= found
    assert set(TRADE_VALUES) <= {f.text for f in scan(TRADE_POST)}


def test_registry_covers_the_platforms_and_national_channels():
    ids = {p.id for p in PLATFORMS}
    assert {"weibo", "zhihu", "bilibili", "douban", "xiaohongshu", "tieba", "douyin", "kuaishou", "tencent",
            "cac12377", "mps_cyberpolice", "miit12321"} <= ids


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.id)
class TestEveryPlatform:
    def test_short_fits_the_form_and_long_is_complete(self, platform):
        report, exposure = _report(DOX_POST, platform)
        limit = platform.description_limit or SHORT_TARGET
        assert len(report.short) <= limit and len(report.for_form) <= limit
        if platform.description_limit is None:       # unknown limit: nothing cut, the short text is offered
            assert report.limit is None and report.for_form == report.short
        assert len(report.long) > len(report.short)
        assert "【法律依据】" in report.long and "【暴露的个人信息】" in report.long
        assert "2025-05-01 11:04（北京时间）" in report.long
        assert "https://weibo.com/7788990011/PqRsT" in report.long and "PqRsT" in report.long
        assert "身份证号 1 处（1101**********002X）" in report.long

    def test_no_unmasked_value_anywhere(self, platform):
        report, _ = _report(DOX_POST, platform)
        for text in (report.short, report.long, report.for_form):
            _assert_no_raw_values(text, DOX_VALUES)
        assert "138****5678" in report.long          # the title was masked, not dropped

    def test_legal_basis_in_both_variants(self, platform):
        report, exposure = _report(DOX_POST, platform)
        assert "TRADE" not in exposure.categories
        for text in (report.short, report.long):
            for needle in LEGAL_ALWAYS:
                assert needle in text, (needle, text)
            assert CRIMINAL not in text               # no trade in personal data here

    def test_criminal_law_only_when_the_post_trades_in_personal_data(self, platform):
        report, exposure = _report(TRADE_POST, platform)
        assert "TRADE" in exposure.categories
        for text in (report.short, report.long):
            assert CRIMINAL in text
            _assert_no_raw_values(text, TRADE_VALUES)

    def test_risk_categories_in_the_words_of_the_notice(self, platform):
        report, exposure = _report(TRADE_POST, platform)
        words = wording()["categories"]
        for category in exposure.categories:
            assert words[category] in report.long
        if platform.description_limit is None or platform.description_limit >= 200:
            assert words["TRADE"] in report.short

    def test_limit_holds_for_extreme_input(self, platform):
        text = DOX_POST + TRADE_POST + "，他家电话021-58881234，住上海市浦东新区世纪大道100号"
        report, _ = _report(text, platform, url=LONG_URL, title="标题" * 400, post_id="x" * 100)
        assert len(report.short) <= (platform.description_limit or SHORT_TARGET)
        assert "个人信息保护法" in report.short
        assert "13812345678" not in report.long and "13812345678" not in report.short


def test_plain_post_still_makes_a_valid_report():
    platform = next(p for p in PLATFORMS if p.id == "cac12377")
    report, exposure = _report(PLAIN_POST, platform, title="")
    assert exposure.counts == {}
    assert "未能自动识别，见截图" in report.long
    assert "第十条" in report.short and "【页面标题】" not in report.long


def test_exposure_carries_only_masked_values():
    exposure = analyse(DOX_POST)
    flat = repr(exposure.to_dict())
    _assert_no_raw_values(flat, DOX_VALUES)
    assert exposure.counts["ID_CARD"] == 1 and exposure.masked["PHONE_MOBILE"] == ["138****5678"]
    assert len(exposure.fingerprints) == len(set(exposure.fingerprints)) >= len(DOX_VALUES)
