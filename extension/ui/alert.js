// The self-exposure alert page (from the notification's second button): which of the user's
// entries are on the page, how to turn on the platform's own protection, report, save evidence.
(async function () {
  const { ask, el } = Hegai.ui;
  const $ = (id) => document.getElementById(id);
  const catalog = await Hegai.ui.catalog();
  const t = (key, subs) => catalog.t(key, subs);
  const params = new URLSearchParams(location.search);
  const tabId = Number(params.get("tabId"));
  const url = params.get("url") || "";

  const info = await ask({ type: "alert-info", tabId, url });
  const vault = (info.tab && info.tab.vault) || [];
  $("entries").replaceChildren(...vault.map((v) => el("li", {}, `${t(`vault_kind_${v.kind}`)}${t("label_separator")}${v.masked}`)));
  $("page-url").textContent = url;

  const platform = info.protection && info.protection.platform;
  const guide = platform && platform.protection;
  if (guide) {
    // By its real name and path, with where that comes from; anything short of confirmed says so.
    const where = (item) => `${item.name}${t("label_separator")}${item.where || t("protect_where_unknown")}`;
    $("protection").textContent = t("alert_protect_where", [catalog.platformName(platform), [guide, ...(guide.also || [])].map(where).join(t("list_separator"))]);
    if (guide.confidence !== "confirmed") {
      $("protection").append(" ", el("span", { class: "badge", "data-role": "unverified" }, t("unverified_step")));
    }
    for (const url of (guide.sources || []).filter((u) => /^https?:\/\//i.test(u))) {
      $("protection").append(" ", el("a", { href: url, target: "_blank", rel: "noreferrer" }, t("reports_source")));
    }
  } else {
    $("protection").textContent = t("alert_protect_unknown");
  }

  async function run(type) {
    const reply = await ask({ type, tabId, url });
    $("status").textContent = (reply && reply.message) || (reply && reply.ok ? t("alert_done") : Hegai.ui.errorText(catalog, reply || {}));
  }
  $("report").addEventListener("click", () => run("alert-report"));
  $("save-evidence").addEventListener("click", () => run("alert-save-evidence"));
  $("open-dashboard").addEventListener("click", () => run("open-dashboard"));
  document.body.dataset.ready = "1";
})();
