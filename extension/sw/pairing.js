// Pairing (docs/CONTRACTS.md): we open the service's /pair page; after the user confirms,
// that page sends us the token with chrome.runtime.sendMessage(extensionId, ...).
(function () {
  const OPENED_FLAG = "pairTabOpened";

  async function open() {
    const url = `${await Hegai.api.baseUrl()}/pair?ext=${chrome.runtime.id}`;
    await Hegai.store.writeSession(OPENED_FLAG, true);
    return chrome.tabs.create({ url });
  }

  // First run: open the pair page once per browser session, not on every failed call.
  async function openOnce() {
    if (await Hegai.store.readSession(OPENED_FLAG, false)) return;
    await open();
  }

  // Only the service on the port we are configured for may hand us a token: another local
  // web app (any http://127.0.0.1 page can message us) must not redirect our traffic.
  async function trustedOrigin(origin) {
    const { servicePort } = await Hegai.store.readLocal(["servicePort"]);
    return origin === `http://127.0.0.1:${servicePort}` || origin === `http://localhost:${servicePort}`;
  }

  async function accept(message, sender) {
    if (!message || message.type !== "hegai-pair") return { ok: false, error: "unknown_message" };
    if (!(await trustedOrigin(sender.origin))) return { ok: false, error: "forbidden_origin" };
    if (typeof message.token !== "string" || message.token.length < 16) return { ok: false, error: "bad_token" };
    await Hegai.store.writeLocal({ token: message.token });
    await Hegai.connection.settingsChanged();
    Hegai.settings.refresh().catch(() => {});
    return { ok: true };
  }

  function onExternalMessage(message, sender, sendResponse) {
    accept(message, sender).then(sendResponse);
    return true;
  }

  Hegai.pairing = { open, openOnce, onExternalMessage };
})();
