// Pairing (docs/CONTRACTS.md): the token comes from the native messaging host
// "org.hegai.pairing", which the browser starts only for an extension id named in the host's
// manifest (`hegai install-browser-host`). No web page and no HTTP route can hand us a token.
// Zero clicks: with no token we ask the host ourselves; "Pair again" in the options asks at once.
(function () {
  const HOST = "org.hegai.pairing";
  const STATE_KEY = "pairingState";      // session: {error, at, servicePort} of the last attempt
  const RETRY_AFTER_FAILURE_MS = 10000;   // automatic attempts: not on every probe after a failure
  let inFlight = null;

  function installCommand() {
    return `hegai install-browser-host --extension-id ${chrome.runtime.id}`;
  }

  // "not found": no manifest for this browser; "forbidden": the manifest does not name our id.
  function classify(err) {
    const text = String((err && err.message) || err);
    if (text === "host_mismatch") return text;
    return /not found|forbidden/i.test(text) ? "host_missing" : "host_failed";
  }

  async function askHost() {
    const reply = await chrome.runtime.sendNativeMessage(HOST, { type: "pair" });
    if (!reply || reply.ok !== true || typeof reply.token !== "string" || reply.token.length < 16) {
      throw new Error(`host refused: ${(reply && reply.error) || "no answer"}`);
    }
    return reply.token;
  }

  // A token the service refuses means the host wrote to another HEGAI_HOME than the service
  // reads: keeping it would only start a 401 → pair → 401 loop. Offline: keep it, cannot tell yet.
  async function serviceRefusesStored() {
    try {
      await Hegai.api.call("GET", "/tokens");
      return false;
    } catch (err) {
      return err instanceof Hegai.api.Unauthorized;
    }
  }

  async function attempt() {
    const { servicePort } = await Hegai.store.readLocal(["servicePort"]);
    try {
      const token = await askHost();
      await Hegai.store.writeLocal({ token });     // storage listener → connection.settingsChanged()
      if (await serviceRefusesStored()) {
        await Hegai.store.writeLocal({ token: null });
        throw new Error("host_mismatch");
      }
      await Hegai.store.writeSession(STATE_KEY, { error: null, at: Date.now(), servicePort });
      console.info("hegai: paired through the native messaging host");
      return { ok: true };
    } catch (err) {
      const error = classify(err);
      await Hegai.store.writeSession(STATE_KEY, { error, at: Date.now(), servicePort });
      console.info(`hegai: pairing failed (${error})`);
      return { ok: false, error };
    }
  }

  // One attempt at a time: the probe, a 401 and the options page may all ask together.
  function pairNow() {
    if (!inFlight) inFlight = attempt().finally(() => { inFlight = null; });
    return inFlight;
  }

  // Called when we have no token (first run, revoked, expired). After a failure, wait a little
  // before asking again, unless the service port changed (the verdict was about another service).
  async function ensure() {
    const last = await Hegai.store.readSession(STATE_KEY, null);
    const { servicePort } = await Hegai.store.readLocal(["servicePort"]);
    const recentFailure = last && last.error && last.servicePort === servicePort &&
      Date.now() - last.at < RETRY_AFTER_FAILURE_MS;
    return recentFailure ? { ok: false, error: last.error } : pairNow();
  }

  async function status() {
    const last = await Hegai.store.readSession(STATE_KEY, null);
    return { error: (last && last.error) || null, command: installCommand() };
  }

  // Token management for the options page (the service's /api/v1/tokens).
  const listTokens = () => Hegai.api.call("GET", "/tokens");

  // Revoking our own token: forget it and pair again through the host, as after an expiry.
  async function revokeToken(id, current) {
    const result = await Hegai.api.call("DELETE", `/tokens/${encodeURIComponent(id)}`);
    if (current) {
      await Hegai.store.writeLocal({ token: null });
      await pairNow();
    }
    return result;
  }

  Hegai.pairing = { open: pairNow, openOnce: ensure, ensure, status, installCommand, listTokens, revokeToken };
})();
