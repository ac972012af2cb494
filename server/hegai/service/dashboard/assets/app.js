// The dashboard page: loads the history from the service (same origin, session cookie), draws
// the charts, fills the tables, and drives filters, export and retention. Text only through
// textContent: the history holds URLs written by strangers.
(function () {
  const API = "/dashboard/api/history";
  const $ = (id) => document.getElementById(id);
  const state = { lang: localStorage.getItem("hegai-dashboard-lang") || null, messages: {}, summary: null };

  function t(key, ...subs) {
    const text = (state.messages[state.lang] || {})[key] || (state.messages.zh_CN || {})[key] || key;
    return text.replace(/\{(\d)\}/g, (_, i) => String(subs[Number(i)] ?? ""));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }

  // The session's secret arrives once, in the login redirect's #fragment (servers never see a
  // fragment); kept in this origin's localStorage, which a server on another port cannot read,
  // and sent with every data request: the cookie alone, replayed by such a server, is refused.
  const SECRET_KEY = "hegai-dashboard-secret";
  const fromLogin = new URLSearchParams(location.hash.slice(1)).get("s");
  if (fromLogin) {
    localStorage.setItem(SECRET_KEY, fromLogin);
    history.replaceState(null, "", location.pathname + location.search);
  }

  async function send(path, init) {
    const res = await fetch(path, { credentials: "same-origin", cache: "no-store", ...init,
      headers: { "Content-Type": "application/json", "X-Hegai-Session": localStorage.getItem(SECRET_KEY) || "",
        ...((init || {}).headers || {}) } });
    if (res.status === 401) {
      // Without the session's secret (a tab not opened through the popup) a reload cannot help.
      const code = await res.json().then((d) => d.error && d.error.code, () => null);
      if (code === "session_secret") {
        document.body.replaceChildren(el("p", { "data-testid": "login-needed" }, t("login_needed")));
      } else {
        location.reload();
      }
      throw new Error("unauthorized");
    }
    return res;
  }

  async function call(path, init) {
    const res = await send(path, init);
    const data = await res.json();
    if (!res.ok) throw new Error((data.error && data.error.message) || res.status);
    return data;
  }

  async function download(event) {
    // A plain link cannot send the secret: fetch the export, then save it from a blob.
    event.preventDefault();
    const link = event.currentTarget;
    const res = await send(link.href);
    if (!res.ok) throw new Error(res.status);
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
    const url = URL.createObjectURL(await res.blob());
    const save = el("a", { href: url, download: name ? name[1] : "hegai-history" });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function query() {
    const params = new URLSearchParams();
    for (const name of ["site", "type", "from", "to"]) {
      const value = $(`f-${name}`).value;
      if (value) params.set(name, value);
    }
    return params;
  }

  function typeLabel(type) {
    const labels = (state.summary && state.summary.type_labels[state.lang]) || {};
    return labels[type] || type;
  }

  function kindLabel(kind) { return t(`kind_${kind}`); }

  function safeLink(url) {
    let parsed = null;
    try { parsed = new URL(url); } catch (e) { /* not a URL */ }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) return document.createTextNode(url);
    return el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" }, url);
  }

  function localTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(state.lang === "en" ? "en" : "zh-CN");
  }

  function applyI18n() {
    document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
    document.title = t("title");
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    $("language").value = state.lang;
  }

  function fillSelect(select, options, current) {
    select.replaceChildren(...options.map(([value, label, group]) => {
      const option = el("option", { value }, label);
      if (group) option.dataset.group = group;
      return option;
    }));
    select.value = current || "";
  }

  function renderFilters(s) {
    fillSelect($("f-site"), [["", t("all_sites")], ...s.choices.sites.map((h) => [h, h])], $("f-site").value);
    const types = [["", t("all_types")],
      ...s.choices.kinds.map((k) => [k, `${t("vault_kinds")} · ${kindLabel(k)}`]),
      ...s.choices.types.map((ty) => [ty, `${t("pii_types")} · ${typeLabel(ty)}`])];
    fillSelect($("f-type"), types, $("f-type").value);
  }

  function renderTotals(s) {
    $("t-exposures").textContent = s.totals.exposures;
    $("t-pages").textContent = s.totals.pages_visited;
    $("t-findings").textContent = s.totals.findings;
    $("t-risk").textContent = s.totals.risk_pages;
    $("t-reports").textContent = s.totals.reports;
  }

  function renderCharts(s) {
    const C = window.HegaiCharts;
    const perDay = (rows, field) => Object.fromEntries(rows.map((r) => [r.day, r[field]]));
    C.timeline($("chart-timeline"), "timeline", [
      { key: "exposures", label: t("series_exposures"), color: "#b91c1c", values: perDay(s.exposures_by_day, "n") },
      { key: "findings", label: t("series_findings"), color: "#2563eb", values: perDay(s.findings_by_day, "findings") },
    ], { title: t("chart_timeline"), emptyText: t("no_data") });
    C.bars($("chart-by-type"), "by-type",
      Object.entries(s.findings_by_type).map(([k, v]) => ({ key: k, label: typeLabel(k), value: v })),
      { title: t("chart_by_type"), emptyText: t("no_data") });
    C.bars($("chart-by-site"), "by-site",
      s.findings_by_site.slice(0, 15).map((r) => ({ key: r.host, label: r.host, value: r.findings })),
      { title: t("chart_by_site"), emptyText: t("no_data"), color: "#2563eb" });
    C.bars($("chart-risk"), "risk-levels",
      Object.entries(s.risk_by_level).map(([k, v]) => ({ key: k, label: t(`level_${k}`), value: v })),
      { title: t("chart_risk_levels"), emptyText: t("no_data"), color: "#d97706" });
  }

  // Each cell carries its column's name (data-col) and header (data-label): narrow windows show
  // a row as a card of "label value" lines (app.css), and short labels such as 严重 never wrap.
  function fillTable(bodyId, emptyId, rows, toCells) {
    const heads = [...$(bodyId).closest("table").tHead.rows[0].cells];
    $(bodyId).replaceChildren(...rows.map((row) => {
      const tr = el("tr", { "data-id": String(row.id) });
      toCells(row).forEach((cell, i) => tr.append(el("td", { "data-col": heads[i].dataset.i18n,
        "data-label": heads[i].textContent }, cell)));
      return tr;
    }));
    $(emptyId).hidden = rows.length > 0;
  }

  // The platform's name in the page's language (豆瓣 / Douban), from the service's registry.
  function platformName(r) {
    return (state.lang === "en" ? r.platform_name_en : r.platform_name) || r.platform;
  }

  async function renderTables(params) {
    const qs = params.toString();
    const [exp, risk, reports] = await Promise.all([
      call(`${API}/exposures?${qs}`), call(`${API}/risk-pages?${qs}`), call(`${API}/reports?${qs}`)]);
    fillTable("exposures", "exposures-empty", exp.exposures, (r) => [
      localTime(r.first_seen), r.host, `${kindLabel(r.kind)} ${r.masked}`, String(r.times_seen), safeLink(r.url)]);
    fillTable("risk-pages", "risk-empty", risk.risk_pages, (r) => [
      localTime(r.last_seen), r.host, t(`level_${r.level}`),
      r.categories.map((c) => t(`category_${c}`)).join("、"), safeLink(r.url)]);
    fillTable("reports", "reports-empty", reports.reports, (r) => [
      localTime(r.created_at), platformName(r), t(`status_${r.status}`), safeLink(r.url)]);
    if (!reports.available) $("reports-empty").textContent = t("reports_unavailable");
  }

  function renderExport(params) {
    const link = (dataset, format, label) => {
      const qs = new URLSearchParams(params);
      qs.set("format", format);
      qs.set("dataset", dataset);
      const a = el("a", { href: `${API}/export?${qs}`, download: "", "data-dataset": dataset, "data-format": format }, label);
      a.addEventListener("click", (event) => guarded(() => download(event)));
      return a;
    };
    const links = ["exposures", "risk_pages", "findings_by_type", "findings_by_site", "reports"]
      .map((d) => link(d, "csv", t("export_csv", t(`dataset_${d}`))));
    links.push(link("all", "json", t("export_json")));
    $("export-links").replaceChildren(...links.flatMap((a) => [a, " "]));
  }

  async function load() {
    const params = query();
    const summary = await call(`${API}/summary?${params}`);
    state.summary = summary;
    if (!state.lang) state.lang = summary.language;
    applyI18n();
    renderFilters(summary);
    renderTotals(summary);
    renderCharts(summary);
    renderExport(params);
    $("retention-days").value = summary.retention_days;
    await renderTables(params);
    document.body.dataset.ready = String(Number(document.body.dataset.ready || 0) + 1);
  }

  function status(text) { $("tools-status").textContent = text; }

  async function guarded(action) {
    try { await action(); } catch (err) { status(t("error", err.message)); }
  }

  const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

  function wire() {
    // Narrow windows draw chart text larger (app.css): fit the labels again when that changes.
    matchMedia("(max-width: 640px)").addEventListener("change", () => { if (state.summary) renderCharts(state.summary); });
    $("filters").addEventListener("submit", (event) => { event.preventDefault(); guarded(load); });
    $("f-reset").addEventListener("click", () => {
      for (const name of ["site", "type", "from", "to"]) $(`f-${name}`).value = "";
      guarded(load);
    });
    $("language").addEventListener("change", () => {
      state.lang = $("language").value;
      localStorage.setItem("hegai-dashboard-lang", state.lang);
      guarded(load);
    });
    $("retention-save").addEventListener("click", () => guarded(async () => {
      const days = Number($("retention-days").value);
      const r = await call(`${API}/retention`, { method: "PUT", body: JSON.stringify({ retention_days: days }) });
      await load();
      status(t("retention_saved", r.retention_days, total(r.purged)));
    }));
    $("purge-now").addEventListener("click", () => guarded(async () => {
      const r = await call(`${API}/purge`, { method: "POST", body: "{}" });
      await load();
      status(t("purged", total(r.purged)));
    }));
    $("delete-all").addEventListener("click", () => guarded(async () => {
      if (!confirm(t("delete_confirm"))) return;
      const r = await call(API, { method: "DELETE" });
      await load();
      status(t("deleted", total(r.deleted)));
    }));
    $("logout").addEventListener("click", () => guarded(async () => {
      await call("/dashboard/logout", { method: "POST", body: "{}" });
      document.body.replaceChildren(el("p", { "data-testid": "logged-out" }, t("logged_out")));
    }));
  }

  (async () => {
    state.messages = await (await fetch("/dashboard/messages.json", { credentials: "same-origin" })).json();
    wire();
    await guarded(load);
  })();
})();
