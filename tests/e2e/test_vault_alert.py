"""When the user's own saved info (the vault) is on a page, the banner says so first and loudest."""

from __future__ import annotations

from .harness import banner, popup, screenshot, wait_idle


def test_vault_entry_on_page_is_announced_first(browser, service, fixtures):
    client = service.client()
    added = client.post("/api/v1/vault", json={"kind": "phone", "value": "13912345678", "label": "我的手机"})
    assert added.status == 201
    masked = added.json()["entry"]["masked"]

    page = browser.context.new_page()
    page.goto(fixtures.url("weibo.test", "weibo.html"))
    wait_idle(page)
    shown = banner(page)
    assert shown is not None and shown["shadow_mode"] == "closed"
    assert shown["first_line"].startswith("⚠ 你保存的个人信息出现在此页面")
    assert f"手机号（我的手机）：{masked}" in shown["vault"]
    assert "13912345678" not in shown["vault"]  # masked, never the full number
    # The page itself cannot read the alert.
    assert shown["host_attributes"] == [] and "hegai" not in shown["host_tag"]
    assert page.evaluate("t => document.querySelector(t).shadowRoot", shown["host_tag"]) is None

    tab_id = browser.tab_id(page)
    assert browser.badge(tab_id)["color"] == [127, 29, 29, 255]
    pop = popup(browser, tab_id)
    assert pop.inner_text("[data-testid=vault-alert]").startswith("⚠ 你保存的信息出现在此页面")
    assert masked in pop.inner_text("[data-testid=vault-alert]")
    page.bring_to_front()
    screenshot(page, "weibo-vault-alert")
    pop.close()
    page.close()
