"""Own-info matching is not an oracle: knowing an entry's mask, a brute-force search of the
candidates it leaves does not find the value (``hegai.service.vault_guard``)."""

from __future__ import annotations

import random

import pytest


PATIENT_TRIES = 60     # draft checks before the real value (well past any budget)
SECRET = "16612340987"   # not used by other tests: the live service is shared by the session


def add_phone(api, value=SECRET) -> dict:
    reply = api.post("/api/v1/vault", json={"kind": "phone", "value": value, "label": "我的手机"})
    assert reply.status in (200, 201), reply.body
    return reply.json()["entry"]


def candidates(masked: str) -> list[str]:
    """Every value the mask leaves open, shuffled (the searcher does not know the order)."""
    head, tail = masked.split("*", 1)[0], masked.rsplit("*", 1)[1]
    hidden = len(SECRET) - len(head) - len(tail)
    found = [f"{head}{i:0{hidden}d}{tail}" for i in range(10 ** hidden)]
    random.Random(7).shuffle(found)
    return found


def scan(api, texts) -> list:
    reply = api.post("/api/v1/scan", json={"url": "https://a.example/",
                                           "chunks": [{"id": i, "text": f"电话 {t}"} for i, t in enumerate(texts)]})
    assert reply.status == 200, reply.body
    return reply.json()["vault_matches"]


@pytest.mark.slow
def test_brute_force_over_10000_candidates_by_scan_does_not_find_the_value(live):
    """Against the real served service (the in-process app runs the same matcher)."""
    api = live.client()
    entry = add_phone(api)
    pool = candidates(entry["masked"])
    assert len(pool) == 10_000 and SECRET in pool
    found = [m for i in range(0, len(pool), 2000) for m in scan(api, pool[i:i + 2000])]
    assert found == []


def test_brute_force_by_draft_checks_does_not_find_the_value(flask_api):
    """One candidate per draft, the way a patient searcher would: no draft is reported as own."""
    entry = add_phone(flask_api)
    pool = candidates(entry["masked"])
    order = [c for c in pool if c != SECRET][:PATIENT_TRIES] + [SECRET]
    owns = []
    for value in order:
        reply = flask_api.post("/api/v1/check", json={"text": f"我的电话是 {value}"})
        assert reply.status == 200
        owns.append(reply.json()["own"])
    assert not any(owns)


def test_own_value_still_matches_among_ordinary_numbers(api):
    """The feature stays: the user's own number is found, also next to a few look-alikes."""
    own = "13987650001"
    add_phone(api, own)
    matches = scan(api, ["电话 13900001111", "电话 13900000001", f"我的电话 {own}"])
    assert [m["chunk_id"] for m in matches] == [2]
    reply = api.post("/api/v1/check", json={"text": f"联系我 {own}"})
    assert reply.json()["own"] is True


@pytest.mark.parametrize("kind,value", [("phone", "95588"), ("phone", "123456"), ("qq", "12345"),
                                        ("name", "张三"), ("wechat", "abc"), ("email", "ab@x.cn")])
def test_short_values_are_masked_too(api, kind, value):
    reply = api.post("/api/v1/vault", json={"kind": kind, "value": value})
    assert reply.status == 201, reply.body
    masked = reply.json()["entry"]["masked"]
    assert masked.count("*") >= max(3, len(value) / 3) if kind != "name" else set(masked) == {"*"}
    assert value not in masked


def test_entries_stored_under_an_older_mask_are_masked_again_at_startup(make_app, tmp_path):
    app = make_app()
    app.extensions["hegai"].vault.add("phone", "95588", "95588", "95588")
    again = make_app()
    (entry,) = again.extensions["hegai"].vault.list()
    assert entry.masked != "95588" and "*" in entry.masked


def test_address_brute_force_in_the_shown_district_does_not_find_it(flask_api):
    own = "浙江省杭州市西湖区文三路478号"
    added = flask_api.post("/api/v1/vault", json={"kind": "address", "value": own})
    assert added.status == 201 and "文三路" not in added.json()["entry"]["masked"]
    pool = [f"西湖区文三路{n}号" for n in range(1, 1000)]
    found = [m for i in range(0, len(pool), 500)
             for m in scan(flask_api, [f"住在{c}附近" for c in pool[i:i + 500]])]
    assert found == []


def test_pages_full_of_other_names_and_numbers_do_not_pause_matching(flask_api):
    """Ordinary pages (many names, many phone numbers) are not near misses: the user's own name and
    number are still found after a day's worth of them."""
    assert flask_api.post("/api/v1/vault", json={"kind": "name", "value": "欧阳明远"}).status == 201
    own_phone = "13987650002"
    add_phone(flask_api, own_phone)
    surnames, given = "王李张刘陈杨赵黄周吴", "伟芳娜敏静丽强磊军洋"
    others = [f"联系人：{s}{g}，电话 13{i:09d}" for i, (s, g) in enumerate((s, g) for s in surnames for g in given)]
    for i in range(0, len(others), 50):
        scan(flask_api, others[i:i + 50])
    matches = scan(flask_api, [f"欧阳明远的电话是 {own_phone}"])
    assert sorted(m["kind"] for m in matches) == ["name", "phone"]
