// DOM helpers that see through shadow roots (Bilibili's comment box lives in nested ones).
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardDom) return;

  // The element an event really started on, even inside (open) shadow roots.
  function originOf(event) {
    const path = event.composedPath ? event.composedPath() : [];
    const first = path.find((node) => node && node.nodeType === Node.ELEMENT_NODE);
    return first || (event.target && event.target.nodeType === Node.ELEMENT_NODE ? event.target : null);
  }

  function shadowRootOf(el) {
    if (el.shadowRoot) return el.shadowRoot;
    // content scripts may open closed roots; pages cannot
    const api = globalThis.chrome && chrome.dom && chrome.dom.openOrClosedShadowRoot;
    return api ? api(el) : null;
  }

  // Parent element, stepping from a shadow root to its host.
  function parentComposed(el) {
    if (el.parentElement) return el.parentElement;
    const root = el.getRootNode && el.getRootNode();
    return root && root.host ? root.host : null;
  }

  function closestComposed(el, selector) {
    for (let node = el; node; node = parentComposed(node)) {
      if (node.matches && node.matches(selector)) return node;
    }
    return null;
  }

  function* ancestorsComposed(el, limit = 12) {
    let node = el;
    for (let i = 0; node && i < limit; i += 1, node = parentComposed(node)) yield node;
  }

  // querySelectorAll over a root and every shadow root below it.
  function queryAllDeep(root, selector, found = []) {
    if (!root || !root.querySelectorAll) return found;
    for (const el of root.querySelectorAll(selector)) found.push(el);
    for (const el of root.querySelectorAll("*")) {
      const shadow = shadowRootOf(el);
      if (shadow) queryAllDeep(shadow, selector, found);
    }
    return found;
  }

  function containsComposed(ancestor, node) {
    for (let cur = node; cur; cur = parentComposed(cur)) if (cur === ancestor) return true;
    return false;
  }

  function isVisible(el) {
    if (!el.isConnected) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 || rect.height > 0;
  }

  Hegai.guardDom = { originOf, shadowRootOf, parentComposed, closestComposed, ancestorsComposed,
    queryAllDeep, containsComposed, isVisible };
})();
