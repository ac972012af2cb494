// The guard's way to the service: messages to our service worker (content scripts never call it).
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardClient) return;

  async function send(message) {
    try {
      return await chrome.runtime.sendMessage(message);
    } catch (_) {
      return null; // extension reloaded under this page
    }
  }

  // A cache entry: {status:"ok", warnings, masked_text, own} or {status:"offline"|"unpaired"|…}.
  async function checkDraft(text) {
    const reply = await send({ type: "check-draft", text, url: location.href });
    if (!reply) return { status: "offline" };
    if (reply.status === "ok") {
      return { status: "ok", warnings: Hegai.guardPolicy.orderWarnings(reply.warnings),
        masked_text: reply.masked_text, own: reply.own };
    }
    return { status: reply.status || "error", port: reply.port };
  }

  async function config() {
    return (await send({ type: "guard-config", url: location.href })) || { ok: false };
  }

  Hegai.guardClient = { checkDraft, config };
})();
