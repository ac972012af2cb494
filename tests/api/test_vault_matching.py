"""Vault matching is robust to formatting: spaces, +86/0086, full-width, province prefixes."""

from __future__ import annotations

import pytest

from hegai.service.vault_keys import match_key


@pytest.mark.parametrize("kind,a,b", [
    ("phone", "13912345678", "+86 139 1234 5678"),
    ("phone", "13912345678", "0086-139-1234-5678"),
    ("phone", "13912345678", "１３９１２３４５６７８"),
    ("phone", "010-88886666", "+86 10 8888 6666"),
    ("id_card", "11010519491231002X", "110105 19491231 002x"),
    ("bank_card", "6222020200112233445", "6222 0202 0011 2233 445"),
    ("email", "Zhang.San@Example.com", " zhang.san@example.COM"),
    ("plate", "京A·12345", "京a 12345"),
    ("qq", "12345678", "１２３４５６７８"),
    ("address", "浙江省杭州市西湖区文三路100号", "西湖区 文三路 100 号"),
    ("address", "浙江杭州市西湖区文三路100号", "杭州市西湖区文三路１００号"),
    ("address", "北京市朝阳区建国路88号", "朝阳区建国路88号"),
    ("address", "杭州西湖区文三路100号", "浙江省杭州市西湖区文三路100号"),   # a city without 市
    ("address", "深圳南山区科技园1栋", "广东省深圳市南山区科技园1栋"),
    ("name", "张 小明", "张小明"),
])
def test_same_value_same_key(kind, a, b):
    assert match_key(kind, a) == match_key(kind, b)


@pytest.mark.parametrize("kind,a,b", [
    ("phone", "13912345678", "13912345679"),
    ("address", "北京市朝阳区三里屯市场1号", "北京市朝阳区三里屯市场2号"),
])
def test_different_values_differ(kind, a, b):
    assert match_key(kind, a) != match_key(kind, b)


def test_street_names_are_not_mistaken_for_a_city():
    assert match_key("address", "北京市朝阳区三里屯市场1号") == "朝阳区三里屯市场1号"
    assert match_key("address", "济南市市中区经七路1号") == "市中区经七路1号"
    assert match_key("address", "江西路100号") == "江西路100号"


def scan_matches(api, text):
    reply = api.post("/api/v1/scan", json={"url": "https://a.example/", "chunks": [{"id": 0, "text": text}]})
    assert reply.status == 200, reply.body
    return reply.json()["vault_matches"]


def test_page_matches_despite_formatting(flask_api):
    add = lambda kind, value: flask_api.post("/api/v1/vault", json={"kind": kind, "value": value}).json()["entry"]  # noqa: E731
    phone = add("phone", "+86 139-1234-5678")
    address = add("address", "浙江省杭州市西湖区文三路100号")
    name = add("name", "张小明")
    text = "联系人：张小明，电话：１３９１２３４５６７８，住在杭州西湖区文三路 100 号。"
    matches = {m["entry_id"]: m for m in scan_matches(flask_api, text)}
    assert set(matches) == {phone["id"], address["id"], name["id"]}
    a = matches[address["id"]]
    assert text[a["start"]:a["end"]] == "西湖区文三路 100 号"
    assert text[matches[name["id"]]["start"]:matches[name["id"]]["end"]] == "张小明"


def test_no_match_for_other_values(flask_api):
    flask_api.post("/api/v1/vault", json={"kind": "phone", "value": "13912345678"})
    flask_api.post("/api/v1/vault", json={"kind": "name", "value": "张小明"})
    assert scan_matches(flask_api, "电话 13912345679，张小红") == []


def test_vault_only_name_becomes_an_own_warning(flask_api):
    flask_api.post("/api/v1/vault", json={"kind": "name", "value": "欧阳小明"})
    body = flask_api.post("/api/v1/check", json={"text": "大家好欧阳小明在此"}).json()
    (w,) = body["warnings"]
    assert w["own"] and w["type"] == "PERSON_NAME" and (w["start"], w["end"]) == (3, 7)
    assert "欧阳小明" not in body["masked_text"]
