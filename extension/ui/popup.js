// The toolbar popup: the current tab's summary. popup.html?tabId=N shows tab N (used by tests
// and when the popup is opened as a page).
(async function () {
  const { ask, el } = Hegai.ui;
  const $ = (id) => document.getElementById(id);
  const catalog = await Hegai.ui.catalog();

  async function currentTabId() {
    const fromQuery = new URLSearchParams(location.search).get("tabId");
    if (fromQuery) return Number(fromQuery);
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return tab ? tab.id : null;
  }

  function showStatus(status) {
    $("status").textContent = catalog.t(`status_${status}`);
    $("status").dataset.status = status;
    const help = status === "offline" ? "offline_help" : status === "unpaired" ? "unpaired_help" : null;
    $("offline").hidden = !help;
    if (help) $("offline-help").textContent = catalog.t(help);
    if (status === "unpaired") showPairingProblem();
  }

  // The native pairing host could not help (sw/pairing.js): why, and the command that fixes it.
  async function showPairingProblem() {
    const { pairing } = await ask({ type: "get-status" });
    if (!pairing || !pairing.error) return;
    $("offline-help").replaceChildren(catalog.t(`pairing_${pairing.error}`), " ",
      el("code", { "data-testid": "pair-command" }, pairing.command));
  }

  function showCounts(counts) {
    const rows = Object.entries(counts || {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
    $("counts").replaceChildren(...rows.map(([type, n]) =>
      el("tr", { "data-type": type }, el("td", {}, catalog.typeLabel(type)), el("td", { class: "n" }, String(n)))));
  }

  // Why the page (or part of it) is not checked: the tab's own failure, else the service being
  // unreachable before anything came back. null when what is shown covers the page.
  function uncheckedReason(tab, status) {
    if (tab && tab.unchecked) return tab.unchecked;
    if ((status === "offline" || status === "unpaired") && (!tab || !tab.chunks)) return status;
    return null;
  }

  // "Not checked" is never shown as "nothing found / risk: none".
  function showUnchecked(tab, reason) {
    const partly = Boolean(tab && tab.total);
    $("unchecked").hidden = false;
    $("unchecked").dataset.reason = reason;
    $("unchecked").textContent = catalog.t(`${partly ? "popup_partly_checked" : "popup_not_checked"}_${reason}`);
    if (partly) return false;
    $("total").textContent = "";
    showCounts({});
    $("reasons").replaceChildren();
    $("quote").hidden = true;
    $("vault-alert").hidden = true;
    $("level").textContent = catalog.t("level_unchecked");
    $("level").dataset.level = "unchecked";
    return true;
  }

  function showTab(tab, status) {
    const reason = uncheckedReason(tab, status);
    $("unchecked").hidden = !reason;
    if (reason && showUnchecked(tab, reason)) return;
    if (!tab) {
      $("total").textContent = catalog.t("popup_not_scanned");
      return;
    }
    $("total").textContent = tab.total ? catalog.t("popup_total", tab.total) : catalog.t("popup_no_findings");
    showCounts(tab.counts);
    $("level").textContent = catalog.levelLabel(tab.level);
    $("level").dataset.level = tab.level;
    $("reasons").replaceChildren(...tab.reasons.map((r) => el("li", {}, r)));
    $("quote").hidden = !tab.quote;              // the worst post's own words, as in the banner
    $("quote-text").textContent = tab.quote || "";
    $("vault-alert").hidden = !tab.vault.length;
    $("vault-alert").textContent = tab.vault.length
      ? `⚠ ${catalog.t("popup_vault_alert")}：${tab.vault.map((v) => `${catalog.t(`vault_kind_${v.kind}`)} ${v.masked}`).join("，")}`
      : "";
  }

  function showSite(site) {
    $("site-enabled").disabled = !site;
    $("site-enabled").checked = site ? site.enabled : false;
    $("site-host").textContent = site ? `(${site.host})` : "";
  }

  const tabId = await currentTabId();
  async function refresh() {
    const reply = await ask({ type: "get-tab-state", tabId });
    showStatus(reply.status || "unknown");
    showTab(reply.tab, reply.status || "unknown");
    showSite(reply.site);
    return reply;
  }

  $("retry").addEventListener("click", async () => {
    await ask({ type: "retry-now" });
    refresh();
  });
  $("site-enabled").addEventListener("change", async (event) => {
    const enabled = event.target.checked;
    const { site } = await ask({ type: "get-tab-state", tabId });
    if (site) await ask({ type: "set-site", host: site.host, enabled });
    refresh();
  });
  $("report-page").addEventListener("click", async () => {   // background/report.js (issue 7)
    $("report-status").textContent = (await ask({ type: "report-page", tabId })).message || "";
  });
  await refresh();
  document.body.dataset.ready = "1";
  setInterval(refresh, 1500);
})();
