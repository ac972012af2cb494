// Self-exposure alerts (issue 8). When a scan shows the user's own vault entries on a page:
// a system notification, the exposure recorded in the service's history once per page and entry,
// and (for pages at medium risk or above) the risk page recorded too. The banner needs no help:
// the content script draws it from the same scan reply, vault matches first.
// Loaded by sw/main.js with importScripts after sw/tab-state.js; it wraps Hegai.tabState.merge
// (every scan reply passes through it) and setAssessment (the page-level assessment), so
// sw/handlers.js stays untouched. The risk page is recorded with the level the user is shown
// once the page as a whole has been assessed, not a single batch's (which can be wrong both ways).
(function () {
  const NOTIFICATION_PREFIX = "hegai-exposure:";
  const seenKey = (tabId) => `alerts:${tabId}`;

  const serviceCall = (method, path, body) => Hegai.api.call(method, path, body);

  // What this tab's current page has already been alerted/recorded for (not named like the
  // per-tab state: no `url`/`tabId` keys).
  async function seenFor(tabId, url) {
    const seen = await Hegai.store.readSession(seenKey(tabId), null);
    return seen && seen.pageUrl === url ? seen : { pageUrl: url, entries: [], risk: "none" };
  }

  async function onPageState(tabId, url, state) {
    const seen = await seenFor(tabId, url);
    const fresh = state.vault.filter((v) => !seen.entries.includes(v.entry_id));
    const riskUp = Boolean(state.fromPage) && Hegai.levelRank(state.level) >= Hegai.levelRank("medium") &&
      Hegai.levelRank(state.level) > Hegai.levelRank(seen.risk);
    if (!fresh.length && !riskUp) return;
    seen.entries.push(...fresh.map((v) => v.entry_id));
    if (riskUp) seen.risk = state.level;
    await Hegai.store.writeSession(seenKey(tabId), seen);
    if (fresh.length) {
      await notify(tabId, url, state);
      await serviceCall("POST", "/history/exposures", { url, entry_ids: fresh.map((v) => v.entry_id) });
    }
    if (riskUp) {
      await serviceCall("POST", "/history/risk-pages", { url, level: state.level, categories: state.categories });
    }
  }

  async function notify(tabId, url, state) {
    const catalog = await Hegai.settings.catalog();
    const t = (key, subs) => catalog.t(key, subs);
    const items = state.vault.map((v) => `${t(`vault_kind_${v.kind}`)} ${v.masked}`).join("，");
    const id = `${NOTIFICATION_PREFIX}${tabId}`;
    await Hegai.store.writeSession(`notification:${id}`, { forTab: tabId, pageUrl: url });
    await chrome.notifications.clear(id);
    await chrome.notifications.create(id, {
      type: "basic",
      iconUrl: chrome.runtime.getURL("icons/icon128.png"),
      title: t("alert_title"),
      message: t("alert_message", [items]),
      contextMessage: state.host || "",
      priority: 2,
      requireInteraction: true,
      buttons: [{ title: t("alert_report") }, { title: t("alert_more") }],
    });
  }

  // -- the alert's actions ------------------------------------------------------------------
  async function focusTab(tabId) {
    const tab = await chrome.tabs.update(tabId, { active: true });
    await chrome.windows.update(tab.windowId, { focused: true }).catch(() => {});
    return tab;
  }

  // Report the page exactly as the banner's "report" button does (background/report.js: capture
  // the tab, store the report and its evidence, copy the text, open the platform's entry).
  // Without the reporting part, the message goes through the service worker's handler table as
  // if the tab's content script sent {type: "report-page"}.
  async function reportTab(tabId, url) {
    const tab = await focusTab(tabId);
    if (Hegai.report && Hegai.report.reportTab) return Hegai.report.reportTab(tab);
    const sender = { id: chrome.runtime.id, tab, frameId: 0, url: tab.url, origin: new URL(tab.url).origin };
    return new Promise((resolve) => {
      const handled = Hegai.handlers.onMessage({ type: "report-page", url: url || tab.url }, sender, resolve);
      if (!handled) resolve({ ok: false, error: "no_report_handler" });
    });
  }

  // Evidence is what the report flow stores (screenshot, URL, title, time, post text, findings,
  // SHA-256 of each file) as a "drafted" report; a separate evidence-only capture is the
  // reporting part's to add (Hegai.report.saveEvidence), and is used when it exists.
  async function saveEvidence(tabId, url) {
    if (Hegai.report && Hegai.report.saveEvidence) return Hegai.report.saveEvidence(await focusTab(tabId), url);
    return reportTab(tabId, url);
  }

  async function protection(url) {
    return serviceCall("GET", `/alerts/protection?url=${encodeURIComponent(url)}`);
  }

  async function openAlertPage(tabId, url) {
    const query = new URLSearchParams({ tabId: String(tabId), url });
    await chrome.tabs.create({ url: chrome.runtime.getURL(`ui/alert.html?${query}`) });
  }

  async function openDashboard() {
    const { path } = await serviceCall("POST", "/dashboard/login-code");
    const tab = await chrome.tabs.create({ url: `${await Hegai.api.baseUrl()}${path}` });
    return { ok: true, tabId: tab.id };
  }

  async function onNotificationButton(id, index) {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    const target = await Hegai.store.readSession(`notification:${id}`, null);
    if (!target) return;
    chrome.notifications.clear(id);
    if (index === 0) await reportTab(target.forTab, target.pageUrl);
    else await openAlertPage(target.forTab, target.pageUrl);
  }

  async function onNotificationClick(id) {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    const target = await Hegai.store.readSession(`notification:${id}`, null);
    chrome.notifications.clear(id);
    if (target) await focusTab(target.forTab).catch(() => {});
  }

  // -- messages from our own pages (popup, alert page) ------------------------------------------
  const fromExtensionPage = {
    // openDashboard answers {ok, …} itself; failures become a status in sw/handlers.js, as everywhere.
    "open-dashboard": async () => {
      const result = await Hegai.handlers.viaService(openDashboard);
      return result.ok ? result.data : result;
    },
    "alert-info": async (msg) => ({ ok: true, tab: await Hegai.tabState.get(Number(msg.tabId)),
      protection: await protection(msg.url).catch(() => null) }),
    "alert-report": (msg) => reportTab(Number(msg.tabId), msg.url),
    "alert-save-evidence": (msg) => saveEvidence(Number(msg.tabId), msg.url),
  };


  Hegai.handlers.register({ fromExtensionPage });
  chrome.notifications.onButtonClicked.addListener((id, index) => { onNotificationButton(id, index).catch(() => {}); });
  chrome.notifications.onClicked.addListener((id) => { onNotificationClick(id).catch(() => {}); });
  chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(seenKey(tabId)));

  for (const name of ["merge", "setAssessment"]) {
    const update = Hegai.tabState[name];
    Hegai.tabState[name] = async function updateAndAlert(tabId, url, ...rest) {
      const state = await update(tabId, url, ...rest);
      onPageState(tabId, url, state).catch((err) => Hegai.connection.noteFailure(err).catch(() => {}));
      return state;
    };
  }

  Hegai.alerts = { openDashboard, reportTab, saveEvidence, protection, NOTIFICATION_PREFIX };
})();
