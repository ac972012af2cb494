// The pre-post guard: watches drafts as they are typed (checked through the service worker,
// debounced) and holds a send — button click, Enter / Ctrl+Enter / Cmd+Enter, form submit —
// when the cached result says the draft holds personal info. Capture-phase listeners on window
// run before the page's own handlers; a held send is replayed once the user has decided.
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guard) return;
  const { guardDom: dom, guardComposers: composers, guardDraft: draft, guardPolicy: policy,
    guardClient: client, guardHint: hint, guardModal } = Hegai;

  const DEBOUNCE_MS = 300;
  const state = {
    adapter: null,
    enabled: true,
    catalog: new Hegai.i18n.Catalog("zh_CN", {}),
    port: null,
    cache: new policy.DraftCache(),
    approved: new Set(),        // drafts the user chose to post anyway (exact text)
    inflight: new Map(),        // text -> Promise<entry>
    timers: new WeakMap(),
    lastComposer: null,
    offlineNoticeShown: false,
    replaying: false,
    modal: null,
    swallowEnterUntil: 0,
  };

  function adapter() {
    if (!state.adapter) state.adapter = Hegai.adapters.pick(location, document);
    return state.adapter;
  }

  // ---- draft watching -------------------------------------------------------------------

  function check(text) {
    if (!state.inflight.has(text)) {
      const pending = client.checkDraft(text).then((entry) => {
        if (entry.status === "disabled") state.enabled = false;
        else state.cache.set(text, entry);
        if (entry.port) state.port = entry.port;
        return entry;
      }).finally(() => state.inflight.delete(text));
      state.inflight.set(text, pending);
    }
    return state.inflight.get(text);
  }

  async function refresh(composer) {
    const text = draft.read(composer);
    if (!text.trim()) return hint.hide();
    const entry = state.cache.get(text) || (await check(text));
    if (state.enabled && composer.isConnected && draft.read(composer) === text) hint.show(composer, entry, state.catalog);
  }

  function schedule(composer) {
    clearTimeout(state.timers.get(composer));
    state.timers.set(composer, setTimeout(() => refresh(composer), DEBOUNCE_MS));
  }

  function onDraftEvent(event) {
    if (!state.enabled) return;
    const composer = composers.composerFrom(dom.originOf(event), adapter());
    if (!composer) return;
    state.lastComposer = composer;
    schedule(composer);
  }

  // ---- interception -----------------------------------------------------------------------

  function hold(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  // Decide from the cache, synchronously; returns true when the event was held.
  function intercept(event, composer, replay) {
    if (!state.enabled || state.replaying) return false;
    const text = draft.read(composer);
    if (!text.trim()) return false;
    if (state.modal) {
      hold(event);
      return true;
    }
    const verdict = policy.decide(state.cache.get(text), {
      approved: state.approved.has(text), offlineNoticeShown: state.offlineNoticeShown,
    });
    if (verdict === "pass") return false;
    hold(event);
    resolveHeld(verdict, composer, text, replay);
    return true;
  }

  async function resolveHeld(verdict, composer, text, replay) {
    state.modal = new guardModal.GuardModal(state.catalog);
    try {
      let entry = state.cache.get(text);
      if (verdict === "check") {
        const cancelled = state.modal.showChecking();
        const outcome = await Promise.race([check(text), cancelled]);
        if (outcome === "edit") return finish(composer, "edit");
        entry = outcome;
        verdict = policy.decide(entry, { approved: false, offlineNoticeShown: state.offlineNoticeShown });
        if (verdict === "check") verdict = "offline"; // the service answered with an error
      }
      if (verdict === "pass") return finish(composer, "post", replay);
      if (verdict === "offline") {
        state.offlineNoticeShown = true;
        const choice = await state.modal.showOffline(entry && entry.status, state.port);
        if (choice === "post") state.approved.add(text);
        return finish(composer, choice, replay);
      }
      await askAboutFindings(entry, composer, text, replay);
    } finally {
      if (state.modal) state.modal.close();
      state.modal = null;
    }
  }

  async function askAboutFindings(entry, composer, text, replay) {
    let note = null;
    for (;;) {
      const choice = await state.modal.showFindings(entry.warnings, note);
      if (choice !== "mask") {
        if (choice === "post") state.approved.add(text);
        return finish(composer, choice, replay);
      }
      const edits = entry.warnings.map((w) => ({ start: w.start, end: w.end, text: w.masked }));
      if (draft.read(composer) === text && (await draft.rewrite(composer, edits))) {
        state.approved.add(draft.read(composer));
        return finish(composer, "post", replay);
      }
      note = state.catalog.t("guard_mask_failed");
    }
  }

  function finish(composer, choice, replay) {
    if (state.modal) state.modal.close();
    state.modal = null;
    if (choice === "post" && replay) return replaySend(replay);
    if (composer.isConnected) composer.focus();
    return undefined;
  }

  // Send again what was held, letting our own listeners pass it to the page.
  function replaySend(replay) {
    state.replaying = true;
    try {
      if (replay.kind === "click") replay.button.click();
      else if (replay.kind === "submit") submitAgain(replay);
      else if (replay.kind === "key") pressAgain(replay);
    } finally {
      state.replaying = false;
    }
  }

  function submitAgain({ form, submitter }) {
    if (submitter && submitter.form === form) form.requestSubmit(submitter);
    else form.requestSubmit();
  }

  function pressAgain({ composer, init }) {
    composer.focus();
    const target = composer.ownerDocument.activeElement === composer ? composer
      : (composer.getRootNode().activeElement || composer);
    for (const type of ["keydown", "keypress", "keyup"]) {
      target.dispatchEvent(new KeyboardEvent(type, { ...init, bubbles: true, cancelable: true, composed: true }));
    }
  }

  // ---- the page's send gestures ----------------------------------------------------------

  function onClick(event) {
    if (state.replaying || !state.enabled) return;
    const button = composers.sendButtonFrom(dom.originOf(event), adapter());
    if (!button) return;
    const composer = composers.composerForButton(button, adapter(), state.lastComposer);
    if (composer) intercept(event, composer, { kind: "click", button });
  }

  function isSendKey(event, composer) {
    if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return false;
    if (event.ctrlKey || event.metaKey) return true;
    return !event.shiftKey && !event.altKey && composers.enterSends(composer, adapter());
  }

  function onKeyDown(event) {
    if (state.replaying || !state.enabled) return;
    const composer = composers.composerFrom(dom.originOf(event), adapter());
    if (!composer || !isSendKey(event, composer)) return;
    const init = { key: event.key, code: event.code, keyCode: 13, which: 13, ctrlKey: event.ctrlKey,
      metaKey: event.metaKey, shiftKey: event.shiftKey, altKey: event.altKey };
    if (intercept(event, composer, { kind: "key", composer, init })) state.swallowEnterUntil = Date.now() + 1500;
  }

  // Pages that send on keypress/keyup must not see the rest of a held Enter.
  function onKeyFollowUp(event) {
    if (state.replaying || event.key !== "Enter" || Date.now() > state.swallowEnterUntil) return;
    if (Hegai.opaque.contains(dom.originOf(event))) return; // our dialog's buttons
    if (event.type === "keyup") state.swallowEnterUntil = 0;
    hold(event);
  }

  function onSubmit(event) {
    if (state.replaying || !state.enabled) return;
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const found = composers.allComposers(form, adapter());
    const composer = found.includes(state.lastComposer) ? state.lastComposer : found[0];
    if (composer) intercept(event, composer, { kind: "submit", form, submitter: event.submitter });
  }

  // ---- start --------------------------------------------------------------------------------

  async function configure() {
    const config = await client.config();
    if (!config.ok) return;
    state.enabled = config.enabled !== false;
    state.port = config.port;
    state.catalog = new Hegai.i18n.Catalog(config.language, config.messages);
    if (!state.enabled) hint.hide();
  }

  function start() {
    const options = { capture: true };
    window.addEventListener("input", onDraftEvent, options);
    window.addEventListener("focusin", onDraftEvent, options);
    window.addEventListener("click", onClick, options);
    window.addEventListener("keydown", onKeyDown, options);
    window.addEventListener("keypress", onKeyFollowUp, options);
    window.addEventListener("keyup", onKeyFollowUp, options);
    window.addEventListener("submit", onSubmit, options);
    chrome.runtime.onMessage.addListener((message, sender) => {
      if (sender.id !== chrome.runtime.id || !message) return;
      if (message.type === "config-changed" || message.type === "service-online") {
        state.cache = new policy.DraftCache();
        configure();
      }
    });
    configure();
    // A test fixture's requested adapter is known once the extension's storage has answered.
    Hegai.adapters.ready.then(() => { state.adapter = null; });
  }

  Hegai.guard = { state, check, intercept };
  start();
})();
