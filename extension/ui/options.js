// Options: pairing, the vault, display and language, per-site settings — all through the
// service worker, which talks to the service.
(async function () {
  const { ask, el, errorText } = Hegai.ui;
  const $ = (id) => document.getElementById(id);
  const VAULT_KINDS = ["phone", "id_card", "address", "name", "plate", "email", "qq", "wechat", "bank_card"];
  let catalog = await Hegai.ui.catalog();
  let settings = null;

  async function showPairing() {
    const status = await ask({ type: "get-status" });
    $("service-status").textContent = catalog.t(`status_${status.status || "unknown"}`);
    $("service-status").dataset.status = status.status;
    $("pair-status").textContent = catalog.t(status.paired ? "options_paired" : "options_not_paired");
    $("pair-status").dataset.paired = status.paired ? "1" : "0";
    $("service-help").textContent = status.status === "offline" ? catalog.t("offline_help") : "";
    if (document.activeElement !== $("port")) $("port").value = status.port;
    showPairingHelp(status);
  }

  // Not paired and the native host could not help: say why, and the command that fixes it.
  function showPairingHelp(status) {
    const error = !status.paired && status.pairing ? status.pairing.error : null;
    $("pair-help").hidden = !error;
    $("pair-help").dataset.error = error || "";
    if (!error) return;
    $("pair-help-text").textContent = catalog.t(`pairing_${error}`);
    $("pair-command").textContent = status.pairing.command;
  }

  function localTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(catalog.language === "en" ? "en" : "zh-CN");
  }

  function tokenItem(token) {
    const revoke = el("button", { "data-testid": "token-revoke" }, catalog.t("options_token_revoke"));
    revoke.addEventListener("click", async () => {
      const r = await ask({ type: "token-revoke", id: token.id, current: token.current });
      $("token-msg").textContent = r.ok ? "" : errorText(catalog, r);
      await Promise.all([showTokens(), showPairing()]);
    });
    const used = token.last_used_at ? catalog.t("options_token_last_used", localTime(token.last_used_at))
      : catalog.t("options_token_never_used");
    return el("li", { "data-token-id": String(token.id), "data-current": token.current ? "1" : "0" },
      el("span", { "data-testid": "token-name" }, token.name + (token.current ? ` ${catalog.t("options_token_current")}` : "")),
      el("span", { class: "muted" }, catalog.t("options_token_created", localTime(token.created_at))),
      el("span", { class: "muted", "data-testid": "token-last-used" }, used), revoke);
  }

  async function showTokens() {
    const reply = await ask({ type: "tokens-list" });
    if (!reply.ok) {
      $("token-list").replaceChildren();
      $("token-msg").textContent = errorText(catalog, reply);
      return;
    }
    $("token-msg").textContent = "";
    $("token-list").replaceChildren(...reply.data.tokens.map(tokenItem));
    if (!reply.data.tokens.length) $("token-list").append(el("li", { class: "muted" }, catalog.t("options_tokens_empty")));
  }

  function fillVaultKinds() {
    $("vault-kind").replaceChildren(...VAULT_KINDS.map((kind) => el("option", { value: kind }, catalog.t(`vault_kind_${kind}`))));
  }

  async function showVault() {
    const reply = await ask({ type: "vault-list" });
    if (!reply.ok) {
      $("vault-msg").textContent = errorText(catalog, reply);
      return;
    }
    const entries = reply.data.entries;
    $("vault-list").replaceChildren(...entries.map((entry) => {
      const remove = el("button", { "data-testid": "vault-delete" }, catalog.t("options_vault_delete"));
      remove.addEventListener("click", async () => {
        const r = await ask({ type: "vault-delete", id: entry.id });
        $("vault-msg").textContent = r.ok ? "" : errorText(catalog, r);
        showVault();
      });
      return el("li", { "data-entry": entry.id, "data-kind": entry.kind },
        el("span", {}, catalog.t(`vault_kind_${entry.kind}`)),
        el("code", { "data-testid": "vault-masked" }, entry.masked),
        el("span", { class: "muted" }, entry.label || ""), remove);
    }));
    if (!entries.length) $("vault-list").append(el("li", { class: "muted" }, catalog.t("options_vault_empty")));
  }

  function siteRow(host, site) {
    const enabled = el("input", { type: "checkbox", "data-testid": "site-toggle" });
    enabled.checked = site.enabled !== false;
    enabled.addEventListener("change", () => saveSite(host, { enabled: enabled.checked }));
    const style = el("select", { "data-testid": "site-style" },
      el("option", { value: "" }, catalog.t("style_default")),
      el("option", { value: "mark" }, catalog.t("style_mark")),
      el("option", { value: "blur" }, catalog.t("style_blur")));
    style.value = site.style || "";
    style.addEventListener("change", () => saveSite(host, { style: style.value || null }));
    return el("tr", { "data-host": host }, el("td", {}, host),
      el("td", {}, el("label", {}, enabled, catalog.t("options_site_enabled"))),
      el("td", {}, el("label", {}, catalog.t("options_site_style"), style)));
  }

  function showSettings() {
    for (const radio of document.querySelectorAll("input[name=style]")) radio.checked = radio.value === settings.highlight_style;
    $("language").value = settings.language;
    const hosts = Object.keys(settings.sites).sort();
    $("site-list").replaceChildren(...hosts.map((host) => siteRow(host, settings.sites[host])));
    if (!hosts.length) $("site-list").append(el("tr", {}, el("td", { class: "muted" }, catalog.t("options_sites_empty"))));
  }

  async function loadSettings() {
    const reply = await ask({ type: "get-settings" });
    settings = reply.data;
    showSettings();
  }

  async function saveSettings(partial) {
    const reply = await ask({ type: "put-settings", settings: partial });
    $("settings-msg").textContent = reply.ok ? catalog.t("options_saved") : errorText(catalog, reply);
    if (reply.ok) settings = reply.data;
    return reply;
  }

  async function saveSite(host, change) {
    const reply = await ask({ type: "set-site", host, ...change, style: change.style === null ? undefined : change.style });
    $("settings-msg").textContent = reply.ok ? catalog.t("options_saved") : errorText(catalog, reply);
    await loadSettings();
  }

  $("pair").addEventListener("click", async () => {
    await ask({ type: "start-pairing" });
    await Promise.all([showPairing(), showTokens()]);
  });
  $("save-port").addEventListener("click", async () => {
    const port = Number($("port").value);
    if (Number.isInteger(port) && port > 0 && port < 65536) await chrome.storage.local.set({ servicePort: port });
    showPairing();
  });
  $("vault-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const entry = { kind: $("vault-kind").value, value: $("vault-value").value.trim() };
    if ($("vault-label").value.trim()) entry.label = $("vault-label").value.trim();
    const reply = await ask({ type: "vault-add", entry });
    // Say what was saved (masked, as the list shows it) and what it is for, or why it was not.
    $("vault-msg").textContent = reply.ok
      ? catalog.t("options_vault_added", [catalog.t(`vault_kind_${reply.data.entry.kind}`), reply.data.entry.masked])
      : errorText(catalog, reply);
    $("vault-msg").dataset.state = reply.ok ? "saved" : "error";
    if (reply.ok) $("vault-form").reset();
    await showVault();
    if (reply.ok) $("vault-list").querySelector(`[data-entry="${reply.data.entry.id}"]`)?.classList.add("just-added");
  });
  for (const radio of document.querySelectorAll("input[name=style]")) {
    radio.addEventListener("change", () => saveSettings({ highlight_style: radio.value }));
  }
  $("language").addEventListener("change", async () => {
    const reply = await saveSettings({ language: $("language").value });
    if (reply.ok) {
      catalog = await Hegai.i18n.load(reply.data.language);
      Hegai.i18n.applyToDocument(document, catalog);
      $("settings-msg").textContent = catalog.t("options_saved");
      fillVaultKinds();
      await Promise.all([showPairing(), showVault(), showTokens()]);
      showSettings();
      // Other sections of this page (options-guard.js) render in the saved language too.
      document.dispatchEvent(new CustomEvent("hegai:language-changed", { detail: { catalog } }));
    }
  });

  fillVaultKinds();
  await Promise.all([showPairing(), showVault(), showTokens(), loadSettings()]);
  document.body.dataset.ready = "1";
  setInterval(showPairing, 2000);
})();
