"""The service stops mid-session: the badge and popup say so, with how to start it; nothing is
lost; when the service is back the extension recovers by itself."""

from __future__ import annotations

from .harness import marked_texts, popup, wait_idle


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

    pop = popup(browser, tab_id)
    assert pop.inner_text("[data-testid=status]") == "本地服务未运行"
    help_text = pop.inner_text("[data-testid=offline]")
    assert "scripts/run" in help_text and "hegai serve" in help_text
    assert "15800001111" not in marked_texts(page)  # not scanned yet, but kept

    service.start()  # same port, same data
    wait_status(browser, page, "online")
    page.wait_for_function("() => [...document.querySelectorAll('hegai-mark')].some(m => m.textContent === '15800001111')")
    assert browser.badge(tab_id)["text"] == str(int(online_count) + 1)
    pop.wait_for_function("() => document.querySelector('[data-testid=offline]').hidden")
    assert pop.inner_text("[data-testid=status]") == "本地服务已连接"
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
