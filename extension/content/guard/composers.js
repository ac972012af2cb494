// Which element is a composer, which is a send button, and which composer a button sends.
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardComposers) return;
  const dom = Hegai.guardDom;

  const TEXT_INPUT_TYPES = new Set(["", "text"]);
  const BUTTON_LIKE = 'button, [role="button"], input[type="submit"], input[type="button"], a, '
    + '[class*="btn" i], [class*="button" i], [class*="submit" i], [class*="send" i]';

  function genericAdapter() {
    return Hegai.adapters.get(Hegai.adapters.GENERIC) || { ignore: [], sendTexts: [] };
  }

  function matchesAny(el, selectors) {
    return selectors.some((sel) => { try { return el.matches(sel); } catch (_) { return false; } });
  }

  // The outermost contenteditable element: the editor root that owns the draft.
  function editingHost(el) {
    let host = null;
    for (let node = el; node && node.nodeType === Node.ELEMENT_NODE; node = node.parentElement) {
      if (node.isContentEditable) host = node;
      else if (host) break;
    }
    return host;
  }

  function isTextField(el) {
    if (el.tagName === "TEXTAREA") return !el.readOnly && !el.disabled;
    if (el.tagName === "INPUT") return TEXT_INPUT_TYPES.has((el.getAttribute("type") || "").toLowerCase())
      && !el.readOnly && !el.disabled;
    return false;
  }

  // The composer an element belongs to, or null (search boxes, passwords and our own UI are not).
  function composerFrom(el, adapter) {
    if (!el || el.nodeType !== Node.ELEMENT_NODE || Hegai.opaque.contains(el)) return null;
    const composer = isTextField(el) ? el : editingHost(el);
    if (!composer) return null;
    const ignore = [...genericAdapter().ignore, ...(adapter.ignore || [])];
    if (matchesAny(composer, ignore) && !matchesAny(composer, adapter.composers || [])) return null;
    return composer;
  }

  function normalizedLabel(el) {
    const text = el.tagName === "INPUT" ? el.value : el.textContent;
    const label = el.getAttribute("aria-label") || el.getAttribute("title") || "";
    return [text, label].map((s) => (s || "").replace(/\s+/g, "").toLowerCase());
  }

  function hasSendText(el, adapter) {
    const texts = new Set([...genericAdapter().sendTexts, ...(adapter.sendTexts || [])]);
    return normalizedLabel(el).some((label) => label && label.length <= 12 && texts.has(label));
  }

  // The send button a click landed in (the click may land on an icon or span inside it).
  function sendButtonFrom(el, adapter) {
    if (Hegai.opaque.contains(el)) return null;
    for (const node of dom.ancestorsComposed(el, 6)) {
      if (node.nodeType !== Node.ELEMENT_NODE || composerFrom(node, adapter)) return null;
      if (matchesAny(node, adapter.sendButtons || [])) return node;
      if (node.matches(BUTTON_LIKE) && hasSendText(node, adapter)) return node;
    }
    return null;
  }

  function allComposers(root, adapter) {
    const candidates = dom.queryAllDeep(root, 'textarea, input, [contenteditable=""], [contenteditable="true"], '
      + '[contenteditable="plaintext-only"], [role="textbox"]');
    const composers = candidates.map((el) => composerFrom(el, adapter)).filter(Boolean);
    return [...new Set(composers)];
  }

  // The composer a send button sends: same form, else the nearest container holding one,
  // preferring the last composer the user typed in.
  function composerForButton(button, adapter, lastComposer) {
    const form = button.form || button.closest("form");
    const inForm = form ? allComposers(form, adapter) : [];
    if (inForm.length) return inForm.includes(lastComposer) ? lastComposer : inForm[0];
    for (const container of dom.ancestorsComposed(dom.parentComposed(button), 8)) {
      const found = allComposers(container, adapter);
      if (!found.length) continue;
      if (found.includes(lastComposer)) return lastComposer;
      return found.find((c) => Hegai.guardDraft.read(c).trim()) || found[0];
    }
    return lastComposer && lastComposer.isConnected ? lastComposer : null;
  }

  function enterSends(composer, adapter) {
    if (composer.tagName === "INPUT") return true;
    const hint = (composer.getAttribute("enterkeyhint") || "").toLowerCase();
    return adapter.enterSends === true || hint === "send";
  }

  Hegai.guardComposers = { composerFrom, sendButtonFrom, composerForButton, allComposers, enterSends,
    editingHost };
})();
