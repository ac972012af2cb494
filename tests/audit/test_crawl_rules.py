"""The audit's rules without a browser: scope, rate limit, robots.txt, --fail-on."""

from __future__ import annotations

import pytest

from hegai.audit.crawl import RateLimiter, Scope, normalize_url, path_prefix
from hegai.audit.robots import RobotsPolicy
from hegai.audit.verdict import FailOn
from hegai.testing.exposure import Exposure, PageExposure


def test_scope_is_the_start_urls_directory():
    scope = Scope(["https://example.org/site/index.html"])
    assert scope.contains("https://example.org/site/members/a.html")
    assert not scope.contains("https://example.org/other.html")
    assert not scope.contains("https://other.example.org/site/a.html")
    assert not scope.contains("mailto:someone@example.org")


def test_same_origin_widens_the_scope_to_the_origin():
    scope = Scope(["https://example.org/site/index.html"], same_origin=True)
    assert scope.contains("https://example.org/other.html")
    assert not scope.contains("http://example.org/other.html")   # another scheme is another origin


def test_url_helpers():
    assert path_prefix("https://e.org/a/b.html") == "/a/"
    assert path_prefix("https://e.org/a/") == "/a/"
    assert path_prefix("https://e.org") == "/"
    assert normalize_url("https://e.org/a.html#top") == "https://e.org/a.html"


def test_rate_limiter_waits_between_loads_of_one_origin():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    limiter.wait("https://a.org/1")
    now[0] += 0.5
    limiter.wait("https://a.org/2")
    limiter.wait("https://b.org/1")          # another origin: no wait
    limiter.wait("https://a.org/3", minimum=5.0)   # a robots.txt Crawl-delay larger than --rate
    assert slept == [pytest.approx(1.5), pytest.approx(5.0)]


def test_robots_policy_reads_the_sites_robots_txt(site):
    policy = RobotsPolicy()
    assert policy.allows(f"{site.base}/site/index.html")
    assert not policy.allows(f"{site.base}/site/private/diary.html")
    assert policy.crawl_delay(f"{site.base}/site/index.html") == 0
    assert policy.allows("file:///tmp/page.html")   # no robots.txt for files


def test_robots_unreachable_origin_is_not_a_crash():
    assert RobotsPolicy().allows("http://127.0.0.1:9/page.html")


def _page(level: str, types: list[str]) -> PageExposure:
    exposures = [Exposure(type=t, label=t, masked="***", score=1.0, where=None, excerpt="") for t in types]
    return PageExposure(url="u", title="", exposures=exposures, allowed=[], ignored=[], level=level, score=0.5,
                        categories=[], risk_reasons=[])


def test_fail_on_levels_types_and_any():
    assert FailOn(["any"]).reasons(_page("low", ["EMAIL"]))
    assert not FailOn(["any"]).reasons(_page("none", []))
    assert FailOn(["medium"]).reasons(_page("high", ["PHONE_MOBILE"])) == ["risk level high ≥ medium"]
    assert not FailOn(["high"]).reasons(_page("medium", ["PHONE_MOBILE"]))
    assert FailOn(["high"]).reasons(_page("high", []))   # a request to dox someone, no value shown
    assert FailOn(["id_card"]).reasons(_page("low", ["ID_CARD"])) == ["ID_CARD found"]
    assert not FailOn(["ID_CARD"]).reasons(_page("critical", ["PHONE_MOBILE"]))


def test_fail_on_rejects_unknown_tokens():
    with pytest.raises(ValueError, match="--fail-on"):
        FailOn(["http://example.org"])
