// Messages from our content scripts and our own pages. Content scripts never reach the
// service themselves; everything goes through here.
(function () {
  const fromContent = {
    "page-start": pageStart,
    "scan-chunks": scanChunks,
    "assess-page": assessPage,
    "scan-progress": scanProgress,
    "report-page": (msg, sender) => Hegai.report.reportPage(msg, sender), // background/report.js
    "open-learn-more": () => openExtensionPage("ui/learn.html"),
  };
  const fromExtensionPage = {
    "get-status": getStatus,
    "get-tab-state": getTabState,
    "set-site": setSite,
    "get-settings": getSettings,
    "put-settings": putSettings,
    "vault-list": () => viaService(() => Hegai.api.vaultList()),
    "vault-add": (msg) => viaService(() => Hegai.api.vaultAdd(msg.entry)),
    "vault-delete": (msg) => viaService(() => Hegai.api.vaultDelete(msg.id)),
    "start-pairing": () => Hegai.pairing.open(),
    "tokens-list": () => viaService(() => Hegai.pairing.listTokens()),
    "token-revoke": (msg) => viaService(() => Hegai.pairing.revokeToken(msg.id, Boolean(msg.current))),
    "retry-now": async () => ({ ok: true, connection: await Hegai.connection.check() }),
    "open-options": () => openExtensionPage("ui/options.html"),
  };
  // Content-script messages are also valid from our own pages (the popup asks for a report too).
  for (const [type, handler] of Object.entries(fromContent)) fromExtensionPage[type] = handler;

  // Features in background/*.js add their messages here, so the worker has one listener and one
  // place that checks who is asking. `fromContent` handlers are reachable from our pages too.
  function register({ fromContent: content = {}, fromExtensionPage: pages = {} }) {
    for (const [type, handler] of Object.entries(content)) {
      add(fromContent, type, handler);
      add(fromExtensionPage, type, handler);
    }
    for (const [type, handler] of Object.entries(pages)) add(fromExtensionPage, type, handler);
  }

  function add(table, type, handler) {
    if (table[type]) throw new Error(`message type registered twice: ${type}`);
    table[type] = handler;
  }

  function isExtensionPage(sender) {
    return sender.id === chrome.runtime.id && (sender.url || "").startsWith(chrome.runtime.getURL(""));
  }

  function onMessage(message, sender, sendResponse) {
    if (!message || sender.id !== chrome.runtime.id) return false;
    const table = isExtensionPage(sender) ? fromExtensionPage : fromContent;
    const handler = table[message.type];
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(message, sender))
      .then(sendResponse, (err) => sendResponse({ ok: false, error: String(err && err.message) }));
    return true;
  }

  // Runs an API call; service failures become a status the UI can show, not an exception:
  // "offline", "unpaired", or "busy" (the service answered but is overwhelmed: 429, 5xx).
  async function viaService(call) {
    await Hegai.connection.ensureFresh();
    try {
      return { ok: true, data: await call() };
    } catch (err) {
      const status = await Hegai.connection.noteFailure(err);
      const busy = err instanceof Hegai.api.ApiError && (err.status === 429 || err.status >= 500);
      return { ok: false, status: busy ? "busy" : status, error: err.code || err.message };
    }
  }

  // The page's text could not be checked: the popup and badge say "not checked", not "nothing found".
  async function notChecked(tabId, msg, result) {
    await Hegai.tabState.markUnchecked(tabId, msg.url, msg.host, result.status);
    Hegai.badge.renderTab(tabId);
    return { ok: false, status: result.status, error: result.error };
  }

  async function pageConfig(host) {
    const settings = await Hegai.settings.get();
    const catalog = await Hegai.i18n.load(settings.language);
    return { site: Hegai.settings.siteConfig(settings, host), language: catalog.language, messages: catalog.messages };
  }

  async function pageStart(msg, sender) {
    if (sender.frameId !== 0) return { ok: false, error: "top_frame_only" };
    await Hegai.tabState.start(sender.tab.id, msg.url, msg.host);
    const connection = await Hegai.connection.ensureFresh();
    Hegai.badge.renderTab(sender.tab.id);
    return { ok: true, status: connection.status, ...(await pageConfig(msg.host)) };
  }

  async function scanChunks(msg, sender) {
    const tabId = sender.tab.id;
    const result = await viaService(() => Hegai.api.scan(msg.url, msg.chunks));
    if (!result.ok) return notChecked(tabId, msg, result);
    const page = await Hegai.tabState.merge(tabId, msg.url, msg.host, { ...result.data, source: "text" });
    Hegai.badge.renderTab(tabId);
    return {
      ok: true,
      chunks: result.data.chunks,
      vault_matches: result.data.vault_matches || [],
      page: Hegai.tabState.summary(page),
    };
  }

  // {type:"assess-page", url, host, posts:[{id, text, thread}]} → {ok, page} | {ok:false, status}:
  // the page judged by its worst post or thread (quoted), which replaces the batches' assessment.
  // `text` instead of `posts` (one string for the page) is still passed on as it was.
  async function assessPage(msg, sender) {
    if (sender.frameId !== 0) return { ok: false, error: "top_frame_only" };
    const tabId = sender.tab.id;
    const asked = Array.isArray(msg.posts) ? { posts: msg.posts } : { text: String(msg.text || "") };
    const result = await viaService(() => Hegai.api.assessPage(msg.url, asked));
    if (!result.ok) return notChecked(tabId, msg, result);
    const page = await Hegai.tabState.setAssessment(tabId, msg.url, msg.host, result.data.assessment);
    Hegai.badge.renderTab(tabId);
    return { ok: true, page: Hegai.tabState.summary(page) };
  }

  // How far the tab's scan has got (content/messaging.js): kept with the tab's state, where
  // tests and benchmarks read it, instead of anywhere the page could.
  async function scanProgress(msg, sender) {
    if (sender.frameId !== 0 || !sender.tab) return { ok: false, error: "top_frame_only" };
    await Hegai.tabState.noteProgress(sender.tab.id, String(msg.event || ""), msg.detail);
    return { ok: true };
  }

  async function openExtensionPage(path) {
    await chrome.tabs.create({ url: chrome.runtime.getURL(path) });
    return { ok: true };
  }

  async function getStatus() {
    const connection = await Hegai.connection.ensureFresh();
    const { servicePort, token } = await Hegai.store.readLocal(["servicePort", "token"]);
    return { ok: true, ...connection, port: servicePort, paired: Boolean(token), pairing: await Hegai.pairing.status() };
  }

  async function getTabState(msg) {
    const connection = await Hegai.connection.ensureFresh();
    const tab = await Hegai.tabState.get(Number(msg.tabId));
    const settings = await Hegai.settings.get();
    const site = tab ? Hegai.settings.siteConfig(settings, tab.host) : null;
    return { ok: true, status: connection.status, tab, site };
  }

  async function getSettings() {
    const result = await viaService(() => Hegai.settings.refresh());
    return result.ok ? result : { ...result, data: await Hegai.settings.get(), cached: true };
  }

  async function putSettings(msg) {
    const result = await viaService(() => Hegai.settings.update(msg.settings));
    if (result.ok) await broadcastConfig();
    return result;
  }

  async function setSite(msg) {
    const current = (await Hegai.settings.get()).sites[msg.host] || {};
    const site = { ...current };
    if (msg.enabled !== undefined) site.enabled = Boolean(msg.enabled);
    if (msg.style !== undefined) site.style = msg.style;
    return putSettings({ settings: { sites: { [msg.host]: site } } });
  }

  // Tell every scanned tab its (possibly new) site config and language.
  async function broadcastConfig() {
    for (const tabId of await Hegai.tabState.knownTabIds()) {
      const tab = await Hegai.tabState.get(tabId);
      if (!tab) continue;
      chrome.tabs.sendMessage(tabId, { type: "config-changed", ...(await pageConfig(tab.host)) }).catch(() => {});
    }
  }

  async function tellTabsServiceIsBack(status, previous) {
    if (status !== "online") return;
    Hegai.settings.refresh().catch(() => {});
    for (const tabId of await Hegai.tabState.knownTabIds()) {
      chrome.tabs.sendMessage(tabId, { type: "service-online" }).catch(() => {});
    }
  }

  function onStorageChanged(changes, area) {
    if (area === "local" && (changes.servicePort || changes.token)) Hegai.connection.settingsChanged();
  }

  Hegai.connection.onChange(tellTabsServiceIsBack);
  Hegai.handlers = { onMessage, onStorageChanged, register, viaService };
})();
