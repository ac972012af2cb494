// Options: the "warnings before posting" section (issue 6): which PII types warn, only-own mode,
// and switching the guard off for a site (sites.<host>.enabled, shared with the sites table).
(async function () {
  const { ask, el, errorText } = Hegai.ui;
  // The SPEC's PII type names, in the order a person thinks of them.
  const PII_TYPES = ["PHONE_MOBILE", "ID_CARD", "ADDRESS", "BANK_CARD", "PASSPORT", "PHONE_LANDLINE", "EMAIL",
    "QQ", "WECHAT", "LICENSE_PLATE", "PERSON_NAME", "WORKPLACE", "SCHOOL", "DATE_OF_BIRTH", "IP_ADDRESS", "GEO_COORD"];
  const section = document.getElementById("guard");
  if (!section) return;

  let catalog = await Hegai.ui.catalog();
  let settings = (await ask({ type: "get-settings" })).data || {};
  const message = el("p", { class: "msg", "data-testid": "guard-msg", "aria-live": "polite" });

  async function save(partial) {
    const reply = await ask({ type: "put-settings", settings: partial });
    message.textContent = reply.ok ? catalog.t("guard_options_saved") : errorText(catalog, reply);
    if (reply.ok) settings = reply.data;
    return reply;
  }

  function typeBox(type) {
    const box = el("input", { type: "checkbox", value: type, "data-testid": `guard-type-${type}` });
    box.checked = (settings.warn_types || []).includes(type);
    box.addEventListener("change", () => {
      const chosen = [...section.querySelectorAll("input[data-testid^=guard-type-]:checked")].map((b) => b.value);
      save({ warn_types: chosen });
    });
    return el("label", { class: "guard-type" }, box, " ", catalog.typeLabel(type));
  }

  function onlyOwnBox() {
    const box = el("input", { type: "checkbox", "data-testid": "guard-only-own" });
    box.checked = Boolean(settings.only_own);
    box.addEventListener("change", () => save({ only_own: box.checked }));
    return el("label", {}, box, " ", catalog.t("guard_options_only_own"));
  }

  function siteOffForm() {
    const host = el("input", { type: "text", "data-testid": "guard-site-host", autocomplete: "off", size: 28,
      placeholder: catalog.t("guard_options_site_placeholder") });
    const button = el("button", { type: "submit", "data-testid": "guard-site-off" }, catalog.t("guard_options_site_off"));
    const form = el("form", {}, host, " ", button);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = host.value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
      if (!name) return;
      const reply = await ask({ type: "set-site", host: name, enabled: false });
      message.textContent = reply.ok ? catalog.t("guard_options_saved") : errorText(catalog, reply);
      if (reply.ok) host.value = "";
    });
    return form;
  }

  function render() {
    section.replaceChildren(
      el("h2", {}, catalog.t("guard_options_title")),
      el("p", { class: "muted" }, catalog.t("guard_options_intro")),
      el("h3", {}, catalog.t("guard_options_types")),
      el("div", { class: "guard-types" }, ...PII_TYPES.map(typeBox)),
      el("p", {}, onlyOwnBox()),
      el("h3", {}, catalog.t("guard_options_sites")),
      siteOffForm(),
      message,
    );
  }

  render();
  document.addEventListener("hegai:language-changed", (event) => {
    catalog = event.detail.catalog;
    message.textContent = "";
    render();
  });
  section.dataset.ready = "1";
})();
