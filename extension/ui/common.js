// Shared by the popup, options and learn-more pages: messaging and the chosen language.
(function () {
  async function ask(message) {
    try {
      return (await chrome.runtime.sendMessage(message)) || { ok: false, error: "no_answer" };
    } catch (err) {
      return { ok: false, error: String(err.message || err) };
    }
  }

  // The catalog of the language chosen in the settings (cached copy when the service is off).
  async function catalog() {
    const reply = await ask({ type: "get-settings" });
    const language = reply.data ? reply.data.language : Hegai.i18n.DEFAULT_LANGUAGE;
    const cat = await Hegai.i18n.load(language);
    Hegai.i18n.applyToDocument(document, cat);
    return cat;
  }

  function errorText(catalog, reply) {
    if (reply.status === "offline") return catalog.t("error_offline");
    if (reply.status === "unpaired") return catalog.t("error_unpaired");
    return catalog.t("error_generic", reply.error || "?");
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }

  Hegai.ui = { ask, catalog, errorText, el };
})();
