// What each tab's page exposes, merged over the batches its content script sends.
// Kept in storage.session too, so a restarted service worker still knows.
(function () {
  const tabs = new Map();
  const key = (tabId) => `tab:${tabId}`;

  function fresh(tabId, url, host) {
    return {
      tabId, url, host, counts: {}, total: 0, level: "none", score: 0,
      reasons: [], categories: [], vault: [], chunks: 0,
    };
  }

  async function get(tabId) {
    if (!tabs.has(tabId)) {
      const saved = await Hegai.store.readSession(key(tabId), null);
      if (saved) tabs.set(tabId, saved);
    }
    return tabs.get(tabId) || null;
  }

  function save(state) {
    tabs.set(state.tabId, state);
    return Hegai.store.writeSession(key(state.tabId), state);
  }

  async function start(tabId, url, host) {
    const state = fresh(tabId, url, host);
    await save(state);
    return state;
  }

  function addUnique(list, items) {
    for (const item of items || []) if (!list.includes(item)) list.push(item);
  }

  // The page's level is the highest level of any batch; reasons and categories accumulate.
  async function merge(tabId, url, host, response) {
    const state = (await get(tabId)) || fresh(tabId, url, host);
    for (const [type, n] of Object.entries(response.counts || {})) {
      state.counts[type] = (state.counts[type] || 0) + n;
      state.total += n;
    }
    const assessment = response.assessment || {};
    if (Hegai.levelRank(assessment.level) > Hegai.levelRank(state.level)) {
      state.level = assessment.level;
      state.score = assessment.score || 0;
    }
    addUnique(state.reasons, assessment.reasons);
    addUnique(state.categories, assessment.categories);
    for (const match of response.vault_matches || []) {
      if (!state.vault.some((v) => v.entry_id === match.entry_id)) {
        state.vault.push({ entry_id: match.entry_id, kind: match.kind, label: match.label, masked: match.masked });
      }
    }
    state.chunks += (response.chunks || []).length;
    await save(state);
    return state;
  }

  function forget(tabId) {
    tabs.delete(tabId);
    chrome.storage.session.remove(key(tabId));
  }

  async function knownTabIds() {
    const all = await chrome.storage.session.get(null);
    const ids = new Set(tabs.keys());
    for (const k of Object.keys(all)) if (k.startsWith("tab:")) ids.add(Number(k.slice(4)));
    return [...ids];
  }

  Hegai.tabState = { get, start, merge, forget, knownTabIds };
})();
