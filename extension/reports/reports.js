// The report log: every report with platform, time and status (the user updates it), evidence
// export, and a one-click re-check of the reported page. reports.html?id=N also shows report N
// in full: its short and long texts, the steps to the platform's report form (each marked when no
// reliable source confirms it), and the platform's own protection switch.
(async function () {
  const { ask, el } = Hegai.ui;
  const $ = (id) => document.getElementById(id);
  const catalog = await Hegai.ui.catalog();
  const t = (key, subs) => catalog.t(key, subs);
  const STATUSES = ["drafted", "submitted", "platform_replied", "content_removed", "content_still_up"];
  let platforms = {};

  function say(text) {
    $("status").textContent = text || "";
  }

  function failed(reply) {
    say(Hegai.ui.errorText(catalog, reply));
  }

  function platformName(report, p = platforms[report.platform]) {
    return p ? catalog.platformName(p) : report.platform;
  }

  function platformCell(report) {
    const p = platforms[report.platform];
    const cell = el("td", { "data-role": "platform" }, platformName(report));
    if (p && !p.verified) cell.append(el("span", { class: "badge", title: p.verified_note }, t("reports_unverified")));
    return cell;
  }

  function statusSelect(report) {
    const select = el("select", { "data-role": "status", "aria-label": t("reports_col_status") });
    for (const status of STATUSES) {
      const option = el("option", { value: status }, t(`report_status_${status}`));
      if (status === report.status) option.selected = true;
      select.append(option);
    }
    select.addEventListener("change", async () => {
      const reply = await ask({ type: "report-set-status", id: report.id, status: select.value });
      if (!reply.ok) return failed(reply);
      say(t("reports_status_saved", [String(report.id), t(`report_status_${select.value}`)]));
    });
    return select;
  }

  function downloadDataUrl(name, dataUrl) {
    const link = el("a", { href: dataUrl, download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  function button(action, label, onClick) {
    const b = el("button", { "data-action": action }, label);
    b.addEventListener("click", async () => {
      b.disabled = true;
      try { await onClick(); } finally { b.disabled = false; }
    });
    return b;
  }

  function actions(report) {
    return el("div", { class: "actions" },
      button("export", t("reports_export"), async () => {
        const reply = await ask({ type: "report-zip", id: report.id });
        if (!reply.ok) return failed(reply);
        downloadDataUrl(reply.data.name, reply.data.data);
        say(t("reports_exported", reply.data.name));
      }),
      button("recheck", t("reports_recheck"), async () => {
        say(t("reports_rechecking"));
        const reply = await ask({ type: "report-recheck", id: report.id });
        if (!reply.ok) return failed(reply);
        const check = reply.data.recheck;
        say(t(`reports_recheck_${check.verdict}`, [String(check.remaining), String(check.reported)]));
        await render();
      }),
      button("details", t("reports_details"), () => showDetail(report.id)));
  }

  function row(report) {
    const page = el("td", { class: "page" }, el("div", {}, report.title || ""), el("a", { href: report.url, target: "_blank",
      rel: "noreferrer" }, report.url));
    const check = report.last_recheck;
    if (check) page.append(el("div", { class: "muted", "data-role": "last-recheck" },
      t("reports_last_recheck", [new Date(check.at).toLocaleString(), t(`report_status_${check.verdict}`)])));
    return el("tr", { "data-report-id": String(report.id), "data-status": report.status },
      el("td", {}, `#${report.id}`), platformCell(report), el("td", {}, new Date(report.created_at).toLocaleString()),
      page, el("td", {}, statusSelect(report)), el("td", {}, actions(report)));
  }

  const httpOnly = (url) => (/^https?:\/\//i.test(url || "") ? url : null);

  // "来源1 来源2": where a fact comes from, for the user to check.
  function sources(list) {
    const links = (list || []).filter(httpOnly).map((url, i) => el("a", { class: "source", href: url, target: "_blank",
      rel: "noreferrer", title: url }, `${t("reports_source")}${list.length > 1 ? i + 1 : ""}`));
    return links.length ? el("span", { class: "sources", "data-role": "sources" }, ...links) : "";
  }

  // A fact as the user reads it: confirmed ones plainly; any other with the marker beside it.
  function marker(fact) {
    return fact && fact.confidence === "confirmed" ? ""
      : el("span", { class: "badge", "data-role": "unverified", title: (fact && fact.note) || "" }, t("unverified_step"));
  }

  function stepItem(step) {
    return el("li", { "data-confidence": step.confidence, title: step.note || "" }, step.text, marker(step),
      sources(step.sources));
  }

  function entrySection(entry) {
    const url = entry && httpOnly(entry.url);
    if (!url) return el("p", { class: "muted", "data-role": "entry" }, t("reports_no_entry_url"));
    return el("p", { "data-role": "entry" }, el("a", { href: url, target: "_blank", rel: "noreferrer" },
      t(entry.per_post ? "reports_open_post_form" : "reports_open_entry")), marker(entry), sources(entry.sources));
  }

  function categoryLine(platform) {
    const fact = platform.facts && platform.facts.category;
    const named = platform.category.length ? platform.category.join(" → ") : t("reports_category_unknown");
    return el("p", { "data-role": "category" }, `${t("reports_category")}：${named}`, marker(fact), sources(fact && fact.sources));
  }

  // The platform's own protection switch, by its real name and path, for when the exposed info is
  // the user's own.
  function protectionSection(platform) {
    const p = platform.protection;
    if (!p) return "";
    const line = (item) => el("li", {}, t("reports_protect_line", [item.name, item.where || t("protect_where_unknown")]),
      item.effect ? el("div", { class: "muted" }, item.effect) : "");
    return el("section", { "data-role": "protection" }, el("h3", {}, t("reports_protect_title")),
      el("ul", {}, line(p), ...(p.also || []).map(line)), el("p", {}, marker(p), sources(p.sources)));
  }

  function textBlock(role, title, text, copyLabel) {
    return el("div", { class: "text-block" }, el("h4", {}, title),
      el("pre", { class: "report-text", "data-role": role }, text || ""),
      button(`copy-${role}`, copyLabel, async () => {
        const copied = await ask({ type: "report-copy", text: text || "" });
        say(copied.ok ? t("report_copied") : t("report_copy_failed"));
      }));
  }

  async function showDetail(id) {
    const reply = await ask({ type: "report-get", id });
    if (!reply.ok) return failed(reply);
    const { report, platform, entry } = reply.data;
    const text = report.report || {};
    const box = $("detail");
    const parts = [el("h2", {}, `#${report.id} · ${platformName(report, platform || undefined)}`)];
    if (platform) {
      parts.push(el("p", { class: "muted" }, t("reports_marker_note")), entrySection(entry),
        el("h3", {}, t("reports_steps_title")), el("ol", { "data-role": "steps" }, ...platform.report_steps.map(stepItem)),
        categoryLine(platform), protectionSection(platform));
    }
    parts.push(el("h3", {}, t("reports_text_title")),
      el("p", { class: "muted", "data-role": "limit-note" },
        text.limit ? t("reports_limit_known", String(text.limit)) : t("reports_limit_unknown")),
      textBlock("short", t("reports_text_short"), text.short, t("reports_copy_short")),
      textBlock("long", t("reports_text_long"), text.long, t("reports_copy_long")));
    box.replaceChildren(...parts);
    box.hidden = false;
  }

  async function render() {
    const reply = await ask({ type: "report-list" });
    if (!reply.ok) return failed(reply);
    const reports = reply.data.reports;
    $("reports").tBodies[0].replaceChildren(...reports.map(row));
    $("empty").hidden = reports.length > 0;
  }

  // Opened because the page in tab `again` was reported before (background/report.js): say so and
  // offer to update that report with the page as it is now, or to make another one.
  async function offerAgain(id, tabId) {
    const reply = await ask({ type: "report-get", id });
    if (!reply.ok) return failed(reply);
    const choose = (mode) => async () => {
      const result = await ask({ type: "report-again", tabId, id, mode });
      say(result.message || "");
      if (result.ok) {
        $("again").hidden = true;
        await render();
        await showDetail(result.report_id);
      }
    };
    $("again").replaceChildren(el("h2", {}, t("reports_again_title")),
      el("p", {}, t("reports_again_text", [String(id), new Date(reply.data.report.created_at).toLocaleString()])),
      el("div", { class: "actions" }, button("again-update", t("reports_again_update"), choose("update")),
        button("again-new", t("reports_again_new"), choose("new"))));
    $("again").hidden = false;
  }

  const listed = await ask({ type: "report-platforms" });
  if (listed.ok) platforms = Object.fromEntries(listed.data.platforms.map((p) => [p.id, p]));
  await render();
  const query = new URLSearchParams(location.search);
  const wanted = query.get("id");
  if (wanted) await showDetail(Number(wanted));
  if (wanted && query.get("again")) await offerAgain(Number(wanted), Number(query.get("again")));
  document.body.dataset.ready = "1";
})();
