// The report log: every report with platform, time and status (the user updates it), evidence
// export, and a one-click re-check of the reported page. reports.html?id=N also shows report N
// in full: its text, and the steps to the platform's report entry when it has no address.
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

  function platformCell(report) {
    const p = platforms[report.platform];
    const cell = el("td", { "data-role": "platform" }, p ? p.name : report.platform);
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

  async function showDetail(id) {
    const reply = await ask({ type: "report-get", id });
    if (!reply.ok) return failed(reply);
    const { report, platform } = reply.data;
    const text = report.report || {};
    const box = $("detail");
    const steps = el("ol", { "data-role": "steps" }, ...((platform && platform.report_steps) || []).map((s) => el("li", {}, s)));
    const entry = platform && platform.report_url
      ? el("p", {}, el("a", { href: platform.report_url, target: "_blank", rel: "noreferrer" }, t("reports_open_entry")))
      : el("p", { class: "muted" }, t("reports_no_entry_url"));
    box.replaceChildren(
      el("h2", {}, `#${report.id} · ${platform ? platform.name : report.platform}`),
      platform && !platform.verified ? el("p", { class: "badge" }, `${t("reports_unverified")}：${platform.verified_note}`) : "",
      el("p", {}, `${t("reports_category")}：${platform ? platform.category.join(" → ") : report.category}`),
      entry, steps,
      el("h3", {}, t("reports_text_for_form")),
      el("pre", { class: "report-text", "data-role": "for-form" }, text.for_form || ""),
      button("copy", t("reports_copy"), async () => {
        const copied = await ask({ type: "report-copy", text: text.for_form || "" });
        say(copied.ok ? t("report_copied") : t("report_copy_failed"));
      }),
      el("h3", {}, t("reports_text_long")),
      el("pre", { class: "report-text", "data-role": "long" }, text.long || ""));
    box.hidden = false;
  }

  async function render() {
    const reply = await ask({ type: "report-list" });
    if (!reply.ok) return failed(reply);
    const reports = reply.data.reports;
    $("reports").tBodies[0].replaceChildren(...reports.map(row));
    $("empty").hidden = reports.length > 0;
  }

  const listed = await ask({ type: "report-platforms" });
  if (listed.ok) platforms = Object.fromEntries(listed.data.platforms.map((p) => [p.id, p]));
  await render();
  const wanted = new URLSearchParams(location.search).get("id");
  if (wanted) await showDetail(Number(wanted));
  document.body.dataset.ready = "1";
})();
