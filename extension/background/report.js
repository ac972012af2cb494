// Service-worker side of one-click reporting (docs/CONTRACTS.md, reports). On `report-page`
// (banner, popup) or the context-menu item on a selection: capture the visible tab, collect the
// post from the content script (content/report.js), store the report through the service, copy
// the report text to the clipboard (offscreen document) and open the platform's report entry.
// Loaded by sw/main.js with importScripts; answers its own extension-page messages.
(function () {
  const MENU_ID = "hegai-report-selection";
  const OFFSCREEN_URL = "reports/offscreen.html";
  const MAX_PNG_CHARS = 10 * 1024 * 1024;     // service limit is 8 MB decoded; fall back to JPEG
  const RECHECK_LOAD_TIMEOUT_MS = 20000;

  const api = (method, path, body) => Hegai.api.call(method, path, body);

  // Binary answers (the evidence zip): Hegai.api.call parses JSON.
  const fetchRaw = (path) => Hegai.api.raw(path);

  async function catalog() {
    return Hegai.i18n.load((await Hegai.settings.get()).language);
  }

  // -- capture ---------------------------------------------------------------------------------
  async function screenshot(tab) {
    try {
      const png = await chrome.tabs.captureVisibleTab(tab.windowId, { format: "png" });
      if (png.length <= MAX_PNG_CHARS) return png;
      return await chrome.tabs.captureVisibleTab(tab.windowId, { format: "jpeg", quality: 85 });
    } catch (err) {
      return null; // a page we may not capture (chrome://, the store): report without a screenshot
    }
  }

  // The evidence is the page as its author left it, with the reported post in view: every frame
  // hides what Hegai draws (banner, marks' look and popovers, the guard, picture shields:
  // content/opaque.js) and the top frame scrolls the post into view and answers once that is
  // painted (content/report.js); afterwards all of it comes back and the page scrolls back.
  async function evidenceShot(tab, selection) {
    chrome.tabs.sendMessage(tab.id, { type: "capture-hide" }).catch(() => {});       // every frame
    await askTab(tab.id, { type: "capture-begin", selection: selection || "" });    // the top frame, once painted
    try {
      return await screenshot(tab);
    } finally {
      chrome.tabs.sendMessage(tab.id, { type: "capture-end" }).catch(() => {});
    }
  }

  async function askTab(tabId, message, attempts = 1) {
    for (let i = 0; i < attempts; i++) {
      try {
        const reply = await chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
        if (reply) return reply;
      } catch (err) { /* content script not there (yet) */ }
      if (i + 1 < attempts) await new Promise((r) => setTimeout(r, 250));
    }
    return null;
  }

  async function collect(tab, selection) {
    const post = await askTab(tab.id, { type: "report-collect", selection: selection || "" });
    if (post) return post;
    return { url: tab.url, title: tab.title || "", text: selection || "", post_id: null };
  }

  async function pageSummary(tabId) {
    const state = await Hegai.tabState.get(tabId);
    if (!state) return undefined;
    return { level: state.level, categories: state.categories };
  }

  // -- clipboard (offscreen document: the service worker has no DOM) ----------------------------
  async function ensureOffscreen() {
    if (await chrome.offscreen.hasDocument()) return;
    try {
      await chrome.offscreen.createDocument({ url: OFFSCREEN_URL, reasons: ["CLIPBOARD"],
        justification: "Copy the report text the user asked for" });
    } catch (err) {
      if (!String(err && err.message).includes("single offscreen")) throw err;
    }
  }

  async function copyText(text) {
    try {
      await ensureOffscreen();
      const reply = await chrome.runtime.sendMessage({ type: "offscreen-copy", target: "offscreen", text });
      return Boolean(reply && reply.ok);
    } catch (err) {
      return false;
    }
  }

  // The post's own report form or the platform's entry when the registry has one (created.entry),
  // else our report page with the steps to the form inside the platform's menu.
  function entryUrl(created) {
    return (created.entry && created.entry.url) || chrome.runtime.getURL(`reports/reports.html?id=${created.report.id}`);
  }

  // What the banner shows after a report: the steps, each with its confidence (only confirmed ones
  // are stated as fact), and the platform's protection switch with its own.
  function guide(platform) {
    const steps = (platform.report_steps || []).map((s) => ({ text: s.text, confirmed: s.confidence === "confirmed" }));
    const p = platform.protection;
    const switches = p ? [p, ...(p.also || [])] : [];     // 小红书: 一键防护 and 小红盾; B站: 一键防护 and 一键取证
    return { steps, protection: switches.map((s) => ({ name: s.name, where: s.where, confirmed: p.confidence === "confirmed" })) };
  }

  // -- one click -----------------------------------------------------------------------------
  // The selection a refused report was made from, per tab: "update" or "report again" from the
  // report page re-captures the same thing (lost if the service worker restarts: then the post).
  const selections = new Map();

  // The page was reported before (409): say so, and open that report with the choice to update it
  // with what the page shows now or to add another report (reports.html?id=N&again=<tab id>).
  async function alreadyReported(tab, earlier, selection, t) {
    selections.set(tab.id, selection || "");
    await chrome.tabs.create({ url: chrome.runtime.getURL(`reports/reports.html?id=${Number(earlier.id)}&again=${tab.id}`),
      openerTabId: tab.id });
    return { ok: false, already_reported: earlier.id,
      message: t("report_already", [String(earlier.id), new Date(earlier.created_at).toLocaleString()]) };
  }

  async function reportTab(tab, selection, ifReported = "refuse") {
    const cat = await catalog();
    const t = (key, subs) => cat.t(key, subs);
    await Hegai.connection.ensureFresh();
    const [post, findings] = await Promise.all([collect(tab, selection), pageSummary(tab.id)]);
    const shot = await evidenceShot(tab, selection);
    const body = { url: post.url || tab.url, title: post.title || "", text: post.text || "", post_id: post.post_id || undefined,
      screenshot: shot || undefined, findings, if_reported: ifReported };
    let created;
    try {
      created = await api("POST", "/reports", body);
    } catch (err) {
      if (err.code === "already_reported" && err.data && err.data.report) {
        return alreadyReported(tab, err.data.report, selection, t);
      }
      const status = await Hegai.connection.noteFailure(err);
      return { ok: false, status, message: status === "online" ? t("report_failed", err.message || "?") : t(`status_${status}`) };
    }
    const { report, platform, report_text: text } = created;
    const copied = await copyText(text.for_form);
    await chrome.tabs.create({ url: entryUrl(created), openerTabId: tab.id });
    const steps = guide(platform);
    const message = [t(created.updated ? "report_updated" : "report_created", [String(report.id), cat.platformName(platform)]),
      copied ? t("report_copied") : t("report_copy_failed"),
      steps.steps.every((s) => s.confirmed) ? "" : t("report_unverified")].filter(Boolean).join(" ");
    return { ok: true, report_id: report.id, platform: platform.id, copied, message, guide: steps };
  }

  // From the report page's "already reported" notice: capture the tab again (it must be the
  // visible one for the screenshot) and update the earlier report or add a new one.
  async function reportAgain(msg) {
    const tab = await chrome.tabs.get(Number(msg.tabId)).catch(() => null);
    if (!tab) return { ok: false, message: (await catalog()).t("report_no_tab") };
    await chrome.windows.update(tab.windowId, { focused: true }).catch(() => {});
    await chrome.tabs.update(tab.id, { active: true });
    const result = await reportTab(tab, selections.get(tab.id), msg.mode === "new" ? "new" : "update");
    selections.delete(tab.id);
    return result;
  }

  async function reportPage(msg, sender) {
    // The popup names the tab it shows; a content script's own tab is the sender's.
    const tab = msg.tabId != null ? await chrome.tabs.get(Number(msg.tabId)).catch(() => null) : sender.tab;
    if (!tab) return { ok: false, message: (await catalog()).t("report_no_tab") };
    return reportTab(tab, msg.selection);
  }

  // -- re-check: reopen the page in a background tab, read its text, let the service compare ----
  function waitForLoad(tabId) {
    return new Promise((resolve) => {
      const done = () => { chrome.tabs.onUpdated.removeListener(listener); clearTimeout(timer); resolve(); };
      const listener = (id, info) => { if (id === tabId && info.status === "complete") done(); };
      const timer = setTimeout(done, RECHECK_LOAD_TIMEOUT_MS);
      chrome.tabs.onUpdated.addListener(listener);
      chrome.tabs.get(tabId).then((t) => { if (t.status === "complete") done(); }, done);
    });
  }

  async function pageText(url) {
    const tab = await chrome.tabs.create({ url, active: false });
    try {
      await waitForLoad(tab.id);
      const reply = await askTab(tab.id, { type: "report-collect", whole: true }, 40);
      return reply ? reply.text : "";
    } finally {
      chrome.tabs.remove(tab.id).catch(() => {});
    }
  }

  async function recheck(msg) {
    const { report } = await api("GET", `/reports/${Number(msg.id)}`);
    const text = await pageText(report.url);
    return api("POST", `/reports/${Number(msg.id)}/recheck`, { text });
  }

  async function zipDataUrl(msg) {
    const res = await fetchRaw(`/reports/${Number(msg.id)}/evidence.zip`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { name: `hegai-report-${Number(msg.id)}.zip`, data: `data:application/zip;base64,${btoa(binary)}` };
  }

  const viaService = (call) => Hegai.handlers.viaService(call);   // one place turns failures into a status

  // Extension pages (the report log) only.
  const handlers = {
    "report-list": () => viaService(() => api("GET", "/reports")),
    "report-get": (msg) => viaService(() => api("GET", `/reports/${Number(msg.id)}`)),
    "report-platforms": () => viaService(() => api("GET", "/platforms")),
    "report-set-status": (msg) => viaService(() => api("PATCH", `/reports/${Number(msg.id)}`, { status: msg.status })),
    "report-recheck": (msg) => viaService(() => recheck(msg)),
    "report-zip": (msg) => viaService(() => zipDataUrl(msg)),
    "report-copy": async (msg) => ({ ok: await copyText(String(msg.text || "")) }),
    "report-again": (msg) => reportAgain(msg),
  };


  Hegai.handlers.register({ fromExtensionPage: handlers });

  async function createMenu() {
    const t = await catalog();
    chrome.contextMenus.removeAll(() => {
      chrome.contextMenus.create({ id: MENU_ID, title: t.t("report_menu_selection"), contexts: ["selection"] });
    });
  }

  chrome.runtime.onInstalled.addListener(createMenu);
  chrome.runtime.onStartup.addListener(createMenu);
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || !tab) return;
    reportTab(tab, info.selectionText).then((result) => {
      chrome.tabs.sendMessage(tab.id, { type: "report-done", message: result.message }, { frameId: 0 }).catch(() => {});
    });
  });

  Hegai.report = { reportPage, reportTab, recheck, copyText };
})();
