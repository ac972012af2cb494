// Toolbar badge: number of findings on the tab, coloured by risk level; "offline" when the
// service is not running (the title says the page is not checked and how to start it); "?" /
// "未检" when the service answered but could not check the tab's page (busy): never a blank badge
// that would read as "nothing found".
(function () {
  const COLORS = {
    none: "#2563eb", low: "#2563eb", medium: "#d97706", high: "#dc2626", critical: "#7f1d1d",
    offline: "#6b7280", unpaired: "#6b7280",
  };

  function countText(total) {
    if (!total) return "";
    return total > 999 ? "999+" : String(total);
  }

  function look(status, tab, catalog) {
    if (status === "offline") return { text: catalog.t("badge_offline"), color: COLORS.offline, title: catalog.t("title_offline") };
    if (status === "unpaired") return { text: "!", color: COLORS.unpaired, title: catalog.t("title_unpaired") };
    if (tab && tab.unchecked) {
      const text = tab.total ? countText(tab.total) : catalog.t("badge_unchecked");
      return { text, color: COLORS.offline, title: catalog.t("title_unchecked") };
    }
    const level = tab && tab.vault.length ? "critical" : (tab && tab.level) || "none";
    return { text: countText(tab && tab.total), color: COLORS[level] || COLORS.none, title: catalog.t("action_title") };
  }

  async function apply(tabId, shown) {
    const target = tabId == null ? {} : { tabId };
    try {
      await chrome.action.setBadgeText({ ...target, text: shown.text });
      await chrome.action.setBadgeBackgroundColor({ ...target, color: shown.color });
      await chrome.action.setTitle({ ...target, title: shown.title });
    } catch (err) {
      // The tab closed meanwhile: nothing to show.
    }
  }

  async function renderTab(tabId) {
    const catalog = await Hegai.settings.catalog();
    const tab = await Hegai.tabState.get(tabId);
    await apply(tabId, look(Hegai.connection.state().status, tab, catalog));
  }

  async function renderAll() {
    const catalog = await Hegai.settings.catalog();
    await apply(null, look(Hegai.connection.state().status, null, catalog));
    for (const tabId of await Hegai.tabState.knownTabIds()) await renderTab(tabId);
  }

  Hegai.badge = { COLORS, renderTab, renderAll };
})();
