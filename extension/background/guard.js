// Service-worker side of the pre-post guard: content scripts ask here whether a draft holds
// personal info ({type: "check-draft", text, url}) and how the guard is configured for a page.
// Loaded by sw/main.js with importScripts; registers its messages with sw/handlers.js.
(function () {
  const handlers = {
    "check-draft": checkDraft,
    "guard-config": guardConfig,
  };

  function hostOf(url) {
    try { return new URL(url).hostname.toLowerCase(); } catch (_) { return ""; }
  }

  async function siteEnabled(url) {
    const settings = await Hegai.settings.get();
    return Hegai.settings.siteConfig(settings, hostOf(url)).enabled;
  }

  async function guardConfig(msg, sender) {
    const url = msg.url || (sender.tab && sender.tab.url) || "";
    const settings = await Hegai.settings.get();
    const catalog = await Hegai.i18n.load(settings.language);
    const connection = await Hegai.connection.ensureFresh();
    const { servicePort } = await Hegai.store.readLocal(["servicePort"]);
    return { ok: true, enabled: await siteEnabled(url), status: connection.status, port: servicePort,
      language: catalog.language, messages: catalog.messages };
  }

  // {ok:true, status:"ok", warnings, masked_text, own} | {ok:true, status:"disabled"}
  // | {ok:false, status:"offline"|"unpaired"|..., port}
  async function checkDraft(msg, sender) {
    const url = msg.url || (sender.tab && sender.tab.url) || "";
    if (typeof msg.text !== "string") return { ok: false, status: "invalid" };
    if (!(await siteEnabled(url))) return { ok: true, status: "disabled" };
    await Hegai.connection.ensureFresh();
    try {
      const result = await Hegai.api.check(msg.text, url);
      return { ok: true, status: "ok", warnings: result.warnings || [], masked_text: result.masked_text,
        own: Boolean(result.own) };
    } catch (err) {
      const status = await Hegai.connection.noteFailure(err);
      const { servicePort } = await Hegai.store.readLocal(["servicePort"]);
      return { ok: false, status: status === "online" ? "error" : status, port: servicePort,
        error: err.code || err.message };
    }
  }

  Hegai.handlers.register({ fromContent: handlers });
})();
