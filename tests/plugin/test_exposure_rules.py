"""The plugin's rules without a browser: allow-lists, masked excerpts, offsets back to elements."""

from __future__ import annotations

import re

from hegai.detect import scan
from hegai.testing.exposure import AllowList, masked_excerpt, normalize_value
from hegai.testing.page_text import PageText


def test_allow_list_ignores_separators_width_and_country_code():
    allow = AllowList(["400-800-1234", "13800138000", re.compile(r"95\d{3}")])
    assert allow.allows("400 800 1234") and allow.allows("４００８００１２３４")
    assert allow.allows("+86 138-0013-8000")
    assert allow.allows("95588")
    assert not allow.allows("400-800-1235") and not allow.allows("955880")
    assert normalize_value("Press@Example.COM") == "press@example.com"
    # Chinese letters count: one allowed office address does not allow every address with "88".
    offices = AllowList(["北京市海淀区中关村大街88号"])
    assert offices.allows("北京市海淀区 中关村大街 88 号") and not offices.allows("上海市浦东新区世纪大道88号")


def test_excerpt_masks_every_finding_in_the_window():
    text = "请联系 13800138000 或 13900139000，身份证 110101199003074477。"
    findings = scan(text)
    assert len(findings) == 3
    for focus in findings:
        excerpt = masked_excerpt(text, findings, focus, radius=8)
        for f in findings:
            assert f.text not in excerpt
        assert focus.masked in excerpt


def test_excerpt_never_shows_a_finding_half_unmasked():
    text = "今天天气很好我们一起去公园散步吧。手机 13800138000，身份证 110101199003074477"
    findings = scan(text)
    phone = next(f for f in findings if f.type == "PHONE_MOBILE")
    excerpt = masked_excerpt(text, findings, phone, radius=8)   # the window ends inside the ID number
    assert "1101" not in excerpt.replace(findings[-1].masked, "")


def test_offsets_map_back_to_elements():
    collected = {"url": "u", "title": "t", "paths": ["#a", "#a > b"],
                 "pieces": [["电话：", 0], ["138", 1], ["00138000", 0], ["\n", -1], ["尾", 0]]}
    page = PageText.from_collected(collected)
    assert page.text == "电话：13800138000\n尾"
    assert page.where(3) == "#a > b" and page.where(6) == "#a" and page.where(14) is None
    assert page.elements_between(3, 14) == [1, 0]


def test_css_paths_never_print_a_value_in_clear():
    """Issue 22 ("mask every value everywhere a report prints it"): the CSS path of the element
    holding a finding is printed in the HTML and JSON reports and in the plugin's failure, and a
    page's ids and classes can hold the very value found (``#tel-13712340000``, ``li.member-李明``)."""
    import json

    from hegai.testing.exposure import inspect_page

    collected = {"url": "http://127.0.0.1/p", "title": "",
                 "paths": ["#tel-13712340000", "body > ul > li.member-李明", "#card-110101199003074477 > b"],
                 "pieces": [["手机 13712340000", 0], ["\n", -1], ["我是李明，请多关照", 1], ["\n", -1],
                            ["证件 ", 2], ["110101199003074477", 2]]}
    result = inspect_page(PageText.from_collected(collected))
    assert {"PHONE_MOBILE", "PERSON_NAME", "ID_CARD"} <= {e.type for e in result.exposures}
    printed = json.dumps(result.to_dict(), ensure_ascii=False)
    for value in ("13712340000", "李明", "110101199003074477"):
        assert value not in printed, value
    phone = next(e for e in result.exposures if e.type == "PHONE_MOBILE")
    assert phone.where == "#tel-137****0000"   # still tells where to look
