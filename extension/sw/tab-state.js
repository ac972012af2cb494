// What each tab's page exposes, merged over the batches its content script sends.
// Kept in storage.session too, so a restarted service worker still knows.
// The page's risk (level, reasons, categories) is the service's assessment of the page as posts
// once the content script has asked for it (`setAssessment`): its worst post or thread, with a
// quote of that post's own words; until then, the highest of the scan batches' assessments.
// Pictures' assessments (OCR, QR codes) are not in the page's text, so they are added on top of
// either (and when a picture is worse than every post, no post is quoted).
(function () {
  const tabs = new Map();
  const key = (tabId) => `tab:${tabId}`;

  function fresh(tabId, url, host) {
    return {
      tabId, url, host, counts: {}, total: 0, level: "none", score: 0,
      reasons: [], categories: [], quote: "", posts: [], vault: [], chunks: 0,
      fromBatches: noRisk(), fromPictures: noRisk(), fromPage: null,
      // Why some of the page's text is not checked yet ("offline", "unpaired", "busy"), or null.
      unchecked: null,
    };
  }

  function noRisk() {
    return { level: "none", score: 0, reasons: [], categories: [] };
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

  // Adds `assessment` to `into`: the highest level wins; reasons and categories accumulate.
  function accumulate(into, assessment) {
    if (!assessment) return;
    if (Hegai.levelRank(assessment.level) > Hegai.levelRank(into.level)) {
      into.level = assessment.level;
      into.score = assessment.score || 0;
    }
    addUnique(into.reasons, assessment.reasons);
    addUnique(into.categories, assessment.categories);
  }

  // What the badge, popup and banner show: the page's own assessment (else the batches'), then
  // the pictures'; the worst post's quote while no picture is worse.
  function show(state) {
    const shown = noRisk();
    accumulate(shown, state.fromPage || state.fromBatches);
    accumulate(shown, state.fromPictures);
    const page = state.fromPage;
    const quoted = page && page.quote && Hegai.levelRank(page.level) >= Hegai.levelRank(state.fromPictures.level);
    // The posts the quote is from (the content script's own ids): the banner stays off them.
    Object.assign(state, shown, { quote: quoted ? page.quote : "", posts: quoted ? page.posts || [] : [] });
  }

  // A state saved by an older version of this worker.
  function upgrade(state) {
    if (state.fromBatches) return state;
    const carried = { level: state.level, score: state.score, reasons: state.reasons, categories: state.categories };
    return Object.assign(state, { fromBatches: carried, fromPictures: noRisk(), fromPage: null });
  }

  // One reply from the service: a scan batch (`source: "text"`) or a picture (anything else).
  async function merge(tabId, url, host, response) {
    const state = upgrade((await get(tabId)) || fresh(tabId, url, host));
    for (const [type, n] of Object.entries(response.counts || {})) {
      state.counts[type] = (state.counts[type] || 0) + n;
      state.total += n;
    }
    accumulate(response.source === "text" ? state.fromBatches : state.fromPictures, response.assessment);
    if (response.source === "text") state.unchecked = null;   // the content script resends what failed first
    show(state);
    for (const match of response.vault_matches || []) {
      if (!state.vault.some((v) => v.entry_id === match.entry_id)) {
        state.vault.push({ entry_id: match.entry_id, kind: match.kind, label: match.label, masked: match.masked });
      }
    }
    state.chunks += (response.chunks || []).length;
    await save(state);
    return state;
  }

  // The risk engine's assessment of all the page's text scanned so far: replaces the batches'.
  async function setAssessment(tabId, url, host, assessment) {
    const state = upgrade((await get(tabId)) || fresh(tabId, url, host));
    if (assessment) {   // null: the service has no risk engine; keep what the batches said
      const { level = "none", score = 0, reasons = [], categories = [], quote = "", post_id = null, quotes = [] } = assessment;
      const posts = [...new Set([post_id, ...quotes.map((q) => q.post_id)].filter((id) => typeof id === "string"))];
      state.fromPage = { level, score, reasons: [...reasons], categories: [...categories], quote: String(quote || ""), post_id, posts };
    }
    state.unchecked = null;
    show(state);
    await save(state);
    return state;
  }

  // A scan or assessment of the page failed (service offline, unpaired or busy).
  async function markUnchecked(tabId, url, host, reason) {
    const state = upgrade((await get(tabId)) || fresh(tabId, url, host));
    state.unchecked = ["offline", "unpaired", "busy"].includes(reason) ? reason : "busy";
    await save(state);
    return state;
  }

  // What a content script is told about its page.
  function summary(state) {
    return { level: state.level, reasons: state.reasons, categories: state.categories, quote: state.quote || "",
      posts: state.posts || [], vault: state.vault, total: state.total };
  }

  const PROGRESS_EVENTS = ["idle", "assessed", "batch", "image", "modal"];
  const PROGRESS_KEPT = 200;

  // A note from the tab's content script: counted, and the newest kept in order (`seq`).
  async function noteProgress(tabId, event, detail) {
    if (!PROGRESS_EVENTS.includes(event)) return null;
    const state = await get(tabId);
    if (!state) return null;
    const progress = state.progress || (state.progress = { seq: 0, counts: {}, chunksSent: 0, recent: [] });
    progress.seq += 1;
    if (event === "batch") progress.chunksSent += Number(detail && detail.chunks) || 0;
    progress.counts[event] = (progress.counts[event] || 0) + 1;
    progress.recent.push({ ...(detail && typeof detail === "object" ? detail : {}), event, seq: progress.seq });
    if (progress.recent.length > PROGRESS_KEPT) progress.recent.splice(0, progress.recent.length - PROGRESS_KEPT);
    await save(state);
    return progress;
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

  Hegai.tabState = { get, start, merge, setAssessment, markUnchecked, summary, noteProgress, forget, knownTabIds };
})();
