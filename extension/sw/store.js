// chrome.storage, always read with defaults (nothing is written at install time).
(function () {
  const LOCAL_DEFAULTS = { token: null, servicePort: Hegai.DEFAULT_PORT, settingsCache: null };

  async function readLocal(keys) {
    const wanted = {};
    for (const k of keys) wanted[k] = LOCAL_DEFAULTS[k];
    return chrome.storage.local.get(wanted);
  }

  async function writeLocal(values) {
    await chrome.storage.local.set(values);
  }

  async function readSession(key, fallback) {
    const got = await chrome.storage.session.get({ [key]: fallback });
    return got[key];
  }

  async function writeSession(key, value) {
    await chrome.storage.session.set({ [key]: value });
  }

  Hegai.store = { LOCAL_DEFAULTS, readLocal, writeLocal, readSession, writeSession };
})();
