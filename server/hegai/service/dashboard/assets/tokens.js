// The dashboard's tokens page: list the tokens that can call the service and revoke them.
// Names come from the database; shown through textContent only.
(function () {
  const API = "/dashboard/api/tokens";
  const $ = (id) => document.getElementById(id);
  // Strings live in the dashboard's one catalogue (messages.json), under tokens_*.
  let messages = {};
  const lang = localStorage.getItem("hegai-dashboard-lang") === "en" ? "en" : "zh_CN";

  function t(key, ...subs) {
    return (messages["tokens_" + key] || key).replace(/\{(\d)\}/g, (_, i) => String(subs[Number(i)] ?? ""));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }

  function when(iso) {
    if (!iso) return t("never");
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === "en" ? "en" : "zh-CN");
  }

  async function call(path, init) {
    // The dashboard session's secret (see app.js): the cookie alone is refused.
    const res = await fetch(path, { credentials: "same-origin", cache: "no-store", ...init,
      headers: { "X-Hegai-Session": localStorage.getItem("hegai-dashboard-secret") || "" } });
    if (res.status === 401) { location.reload(); throw new Error("unauthorized"); }
    const data = await res.json();
    if (!res.ok) throw new Error((data.error && data.error.message) || res.status);
    return data;
  }

  function row(token) {
    const revoke = el("button", { class: "danger", "data-testid": "token-revoke" }, t("revoke"));
    revoke.addEventListener("click", () => guarded(async () => {
      await call(`${API}/${token.id}`, { method: "DELETE" });
      $("status").textContent = t("revoked", token.name);
      await load();
    }));
    return el("tr", { "data-token-id": String(token.id), "data-client": token.client },
      el("td", { "data-testid": "token-name" }, token.name), el("td", {}, when(token.created_at)),
      el("td", { "data-testid": "token-last-used" }, when(token.last_used_at)), el("td", {}, when(token.expires_at)),
      el("td", {}, revoke));
  }

  async function load() {
    const data = await call(API);
    $("expiry").textContent = t("expiry", data.max_idle_days);
    $("tokens").replaceChildren(...data.tokens.map(row));
    $("tokens-empty").hidden = data.tokens.length > 0;
    document.body.dataset.ready = String(Number(document.body.dataset.ready || 0) + 1);
  }

  async function guarded(action) {
    try { await action(); } catch (err) { $("status").textContent = t("error", err.message); }
  }

  async function start() {
    const catalogue = await (await fetch("/dashboard/messages.json", { credentials: "same-origin" })).json();
    messages = catalogue[lang] || catalogue.zh_CN;
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    document.title = t("title");
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    await load();
  }

  guarded(start);
})();
