// The dashboard's tokens page: list the tokens that can call the service and revoke them.
// Names come from the database; shown through textContent only.
(function () {
  const API = "/dashboard/api/tokens";
  const $ = (id) => document.getElementById(id);
  const MESSAGES = {
    zh_CN: {
      title: "盒盖 · 访问令牌", back: "返回仪表盘",
      intro: "这些令牌可以调用本机的盒盖服务。浏览器扩展通过本地消息自动取得令牌；撤销扩展的令牌后，它会自动重新配对。",
      expiry: "超过 {0} 天未使用的令牌会自动失效。", col_name: "名称", col_created: "创建时间",
      col_last_used: "最近使用", col_expires: "失效时间", never: "从未", revoke: "撤销", none: "没有令牌。",
      revoked: "已撤销：{0}", error: "出错：{0}",
    },
    en: {
      title: "Hegai · Access tokens", back: "Back to the dashboard",
      intro: "These tokens can call the local Hegai service. The browser extension gets its own through native messaging; revoke it and the extension pairs again by itself.",
      expiry: "A token unused for {0} days expires.", col_name: "Name", col_created: "Created",
      col_last_used: "Last used", col_expires: "Expires", never: "never", revoke: "Revoke", none: "No tokens.",
      revoked: "Revoked: {0}", error: "Error: {0}",
    },
  };
  const lang = localStorage.getItem("hegai-dashboard-lang") === "en" ? "en" : "zh_CN";

  function t(key, ...subs) {
    return (MESSAGES[lang][key] || key).replace(/\{(\d)\}/g, (_, i) => String(subs[Number(i)] ?? ""));
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

  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  guarded(load);
})();
