"""The service stops mid-session: the badge and popup say so, with how to start it; nothing is
lost; when the service is back the extension recovers by itself."""

from __future__ import annotations

from .harness import marked_texts, popup, screenshot, wait_idle, wait_marked


def wait_status(browser, page, status: str, timeout_ms: int = 20000) -> None:
    for _ in range(timeout_ms // 100):
        if browser.connection_status() == status:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"service status never became {status}: {browser.connection_status()}")


def test_offline_is_shown_and_recovery_is_automatic(browser, service, fixtures):
    page = browser.context.new_page()
    page.goto(fixtures.url("weibo.test", "weibo.html"))
    wait_idle(page)
    tab_id = browser.tab_id(page)
    online_count = browser.badge(tab_id)["text"]
    assert online_count

    service.stop()
    # New content arrives while the service is down (the feed loads its next page).
    page.bring_to_front()
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => document.querySelectorAll('article').length >= 4")
    wait_status(browser, page, "offline")
    # The badge follows the status change (drawn asynchronously) and stays: no answer from before
    # the service stopped may turn it back.
    for _ in range(50):
        if browser.badge(tab_id)["text"] == "离线":
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    badge = browser.badge(tab_id)
    assert badge["text"] == "离线"
    assert "scripts/run" in badge["title"] and "hegai serve" in badge["title"]

    assert badge["title"].startswith("未检查 — 无法连接本机服务")
    for _ in range(100):                 # the next page of the feed could not be checked
        if browser.tab_state(tab_id).get("unchecked") == "offline":
            break
        page.wait_for_timeout(100)
    pop = popup(browser, tab_id)
    assert pop.inner_text("[data-testid=unchecked]").startswith("部分未检查 — 无法连接本机服务")
    assert pop.inner_text("[data-testid=total]") == f"共发现 {online_count} 处个人信息"   # what was checked
    assert pop.inner_text("[data-testid=status]") == "本地服务未运行"
    help_text = pop.inner_text("[data-testid=offline]")
    assert "scripts/run" in help_text and "hegai serve" in help_text
    assert "15800001111" not in marked_texts(page)  # not scanned yet, but kept

    service.start()  # same port, same data
    wait_status(browser, page, "online")
    wait_marked(page, '15800001111')
    expected = str(int(online_count) + 1)
    assert wait_badge(browser, tab_id, page, lambda b: b["text"] == expected)["text"] == expected
    pop.wait_for_function("() => document.querySelector('[data-testid=offline]').hidden")
    assert pop.inner_text("[data-testid=status]") == "本地服务已连接"
    pop.wait_for_function("() => document.querySelector('[data-testid=unchecked]').hidden")
    pop.close()
    page.close()


def test_service_worker_restart_keeps_tab_state(browser, fixtures):
    """MV3 stops idle workers; per-tab state must survive (it is kept in storage.session)."""
    page = browser.context.new_page()
    page.goto(fixtures.url("douban.test", "douban.html"))
    wait_idle(page)
    tab_id = browser.tab_id(page)
    before = browser.tab_state(tab_id)
    browser.sw.evaluate("() => { globalThis.__beforeRestart = true; }")
    cdp = page.context.new_cdp_session(page)
    cdp.send("ServiceWorker.enable")
    cdp.send("ServiceWorker.stopAllWorkers")
    cdp.detach()
    pop = popup(browser, tab_id)  # wakes a fresh worker
    browser.sw = browser.context.service_workers[0]
    assert browser.sw.evaluate("() => globalThis.__beforeRestart") is None, "the worker was not restarted"
    assert pop.inner_text("[data-testid=total]") == f"共发现 {before['total']} 处个人信息"
    pop.close()
    page.close()


def test_an_answer_about_the_old_port_does_not_override_the_new_one(browser, service, fixtures):
    """A health check still waiting on the old port when the user points the extension at the
    new one (or pairs) must not, when it finally fails, mark the service offline."""
    import socket

    silent = socket.socket()            # accepts connections, never answers: the check hangs
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    page = browser.context.new_page()
    page.goto(fixtures.url("plain.test", "plain.html"))
    try:
        browser.sw.evaluate("p => chrome.storage.local.set({servicePort: p})", silent.getsockname()[1])
        browser.sw.evaluate("() => { Hegai.connection.settingsChanged(); }")   # in flight, hangs
        browser.sw.evaluate("() => { self.__seen = []; Hegai.connection.onChange((s) => self.__seen.push(s)); }")
        browser.connect(service.port, service.token)
        page.wait_for_timeout(3500)      # the old check times out (3 s) meanwhile
        assert browser.connection_status() == "online"
        assert "offline" not in browser.sw.evaluate("() => self.__seen")
    finally:
        silent.close()
        page.close()


def test_a_health_answer_from_before_a_failure_does_not_override_it(browser, service, fixtures):
    """The service stops while a health check is under way: the check's "online" is older news
    than the failed request, so the status stays offline until the retry asks again."""
    page = browser.context.new_page()
    page.goto(fixtures.url("plain.test", "plain.html"))
    try:
        status = browser.sw.evaluate("""async () => {
          const real = Hegai.api.health;
          let answer;
          Hegai.api.health = () => new Promise((resolve) => { answer = () => resolve({ version: "test" }); });
          try {
            const probe = Hegai.connection.settingsChanged();   // a fresh check, waiting for the answer
            await Hegai.connection.noteFailure(new Hegai.api.ServiceUnavailable("unreachable"));
            answer();                                          // the late "online"
            await probe;
            return Hegai.connection.state().status;
          } finally {
            Hegai.api.health = real;
          }
        }""")
        assert status == "offline"
        wait_status(browser, page, "online")     # the retry asks again and finds the service
    finally:
        page.close()


def test_a_probe_outdated_while_already_offline_still_leaves_a_retry(browser, service, fixtures):
    """Offline already, a fresh check under way, then a request fails: that failure schedules no
    retry (the status did not change) and the check's late answer is dropped as outdated. Some
    retry must still be pending, or the extension stays offline until the user does something."""
    page = browser.context.new_page()
    page.goto(fixtures.url("plain.test", "plain.html"))
    try:
        state = browser.sw.evaluate("""async () => {
          const unavailable = () => new Hegai.api.ServiceUnavailable("unreachable");
          const real = Hegai.api.health;
          let answer;
          Hegai.api.health = () => new Promise((resolve) => { answer = () => resolve({ version: "test" }); });
          try {
            await Hegai.connection.noteFailure(unavailable());   // offline, a retry scheduled…
            const probe = Hegai.connection.settingsChanged();    // …replaced by a fresh check
            await Hegai.connection.noteFailure(unavailable());   // already offline: no new retry
            answer();
            await probe;                                         // outdated: its answer dropped
            return Hegai.connection.state();
          } finally {
            Hegai.api.health = real;
          }
        }""")
        assert state["status"] == "offline" and state["retryAt"] > 0, state
        wait_status(browser, page, "online", timeout_ms=8000)   # with nobody asking
    finally:
        page.close()


# ---- "not checked" is never "nothing found" (issue 16, finding 5) ---------------------------------

def set_cached_language(browser, language: str) -> None:
    """The language the extension uses while the service is away (its cached settings)."""
    browser.sw.evaluate("""async (language) => {
      await Hegai.store.writeLocal({ settingsCache: { ...(await Hegai.settings.get()), language } });
    }""", language)


def wait_unchecked(browser, tab_id: int, reason: str, page, timeout_ms: int = 20000) -> dict:
    for _ in range(timeout_ms // 100):
        state = browser.tab_state(tab_id)
        if state and state.get("unchecked") == reason:
            return state
        page.wait_for_timeout(100)
    raise AssertionError(f"the tab never became unchecked ({reason}): {browser.tab_state(tab_id)}")


def wait_badge(browser, tab_id: int, page, wanted, timeout_ms: int = 10000) -> dict:
    """The badge once ``wanted(badge)`` holds (it is drawn asynchronously after the tab's state
    changes), or as it is when the bounded wait ends."""
    for _ in range(timeout_ms // 100):
        badge = browser.badge(tab_id)
        if wanted(badge):
            return badge
        page.wait_for_timeout(100)
    return browser.badge(tab_id)


def popup_420(browser, tab_id: int):
    pop = popup(browser, tab_id)
    pop.set_viewport_size({"width": 420, "height": 560})
    return pop


def test_a_page_the_stopped_service_never_saw_says_not_checked(browser, service, fixtures):
    """The service is stopped before the page opens: the popup must not say "未发现个人信息 /
    开盒风险：无" (it once did), but that the page is not checked and why; the badge says so too."""
    service.stop()
    page = browser.context.new_page()
    try:
        page.goto(fixtures.url("douban.test", "douban.html"))
        tab_id = browser.tab_id(page)
        wait_unchecked(browser, tab_id, "offline", page)
        badge = wait_badge(browser, tab_id, page, lambda b: b["text"] == "离线")   # drawn after the state
        assert badge["text"] == "离线" and badge["title"].startswith("未检查 — 无法连接本机服务"), badge

        pop = popup_420(browser, tab_id)
        note = pop.inner_text("[data-testid=unchecked]")
        assert note.startswith("未检查 — 无法连接本机服务"), note
        assert "未发现个人信息" not in pop.inner_text("body")
        assert pop.inner_text("[data-testid=level]") == "未检查"
        screenshot(pop, "popup-not-checked-zh-420")
        pop.close()

        set_cached_language(browser, "en")
        browser.sw.evaluate("id => Hegai.badge.renderTab(id)", tab_id)
        assert browser.badge(tab_id)["title"].startswith("Not checked — cannot reach the local service")
        pop = popup_420(browser, tab_id)
        assert pop.inner_text("[data-testid=unchecked]").startswith("Not checked — cannot reach the local service")
        assert pop.inner_text("[data-testid=level]") == "not checked"
        assert "No personal information found" not in pop.inner_text("body")
        screenshot(pop, "popup-not-checked-en-420")
        pop.close()
    finally:
        set_cached_language(browser, "zh_CN")
        service.start()
    wait_status(browser, page, "online")
    wait_marked(page, "13572468135")            # checked once the service is back…
    wait_idle(page)
    state = browser.tab_state(browser.tab_id(page))
    assert state["unchecked"] is None            # …and then no longer said to be unchecked
    pop = popup(browser, browser.tab_id(page))
    assert pop.locator("[data-testid=unchecked]").is_hidden()
    assert pop.inner_text("[data-testid=total]") == f"共发现 {state['total']} 处个人信息"
    pop.close()
    page.close()


def test_an_overwhelmed_service_leaves_the_page_not_checked_then_retried(playwright_instance, fixtures):
    """The service answers but refuses (429: its rate limit, as when it is overwhelmed): the page
    is "not checked", the badge says "未检" (not a blank "nothing found"); the content script
    retries by itself, and once the service has room the page is checked."""
    from tests.helpers.live_service import LiveService

    from .harness import Browser

    with LiveService(env={"HEGAI_RATE_PER_SEC": "0.5", "HEGAI_RATE_BURST": "4"}) as busy:
        b = Browser(playwright_instance)
        try:
            b.connect(busy.port, busy.token)
            client = busy.client()
            for _ in range(20):                  # use up the extension's token's allowance
                if client.get("/api/v1/vault").status == 429:
                    break
            page = b.context.new_page()
            page.goto(fixtures.url("douban.test", "douban.html"))
            tab_id = b.tab_id(page)
            wait_unchecked(b, tab_id, "busy", page)
            badge = b.badge(tab_id)
            assert badge["text"] == "未检" and badge["title"].startswith("未检查"), badge
            pop = popup_420(b, tab_id)
            assert pop.inner_text("[data-testid=unchecked]").startswith("未检查 — 本机服务繁忙")
            assert pop.inner_text("[data-testid=level]") == "未检查"
            screenshot(pop, "popup-busy-zh-420")
            pop.close()

            wait_marked(page, "13572468135", timeout=60000)   # retried, with nobody asking
            wait_idle(page, timeout=60000)
            for _ in range(300):
                if b.tab_state(tab_id)["unchecked"] is None:
                    break
                page.wait_for_timeout(100)
            assert b.tab_state(tab_id)["unchecked"] is None
            assert b.badge(tab_id)["text"] == str(b.tab_state(tab_id)["total"])
        finally:
            b.close()
