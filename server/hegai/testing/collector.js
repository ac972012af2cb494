// Collects the rendered text of a page for Hegai's scanners (pytest plugin and `hegai audit`).
//
// Walks the DOM in rendering order, including open shadow roots (slotted light-DOM nodes at
// their slot) and same-origin iframes (cross-origin ones are unreachable by design). Returns
// text pieces tagged with the element that holds them, so a finding can be traced back to a
// CSS path. Element references are kept in window.__hegaiElements for later marking
// (blurring before a screenshot).
//
// Called as page.evaluate(source, {includeHidden}); returns
//   {url, title, pieces: [[text, elementIndex]], paths: [cssPath]}   (elementIndex -1 = break)
(options) => {
  const includeHidden = Boolean(options && options.includeHidden);
  const SKIPPED = new Set(["script", "style", "noscript", "template", "head", "meta", "link",
                           "title", "object", "embed", "canvas", "audio", "video"]);
  const VALUE_INPUTS = new Set(["text", "email", "tel", "search", "url", "number", ""]);
  const elements = [];
  const paths = [];
  const pieces = [];
  const indexOf = new Map();
  // Each tree (document, iframe document, shadow root) → the path that leads into it.
  const treePrefix = new Map([[document, ""]]);

  const styleOf = (el) => el.ownerDocument.defaultView.getComputedStyle(el);

  const segment = (el) => {
    let sel = el.localName + Array.from(el.classList).slice(0, 2).map((c) => "." + CSS.escape(c)).join("");
    const parent = el.parentNode;
    if (parent && parent.children) {
      const same = Array.from(parent.children).filter((c) => c.localName === el.localName);
      if (same.length > 1) sel += `:nth-of-type(${same.indexOf(el) + 1})`;
    }
    return sel;
  };

  const hasUniqueId = (el) => {
    if (!el.id) return false;
    const root = el.getRootNode();
    return Boolean(root.querySelectorAll) && root.querySelectorAll("#" + CSS.escape(el.id)).length === 1;
  };

  const pathOf = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === Node.ELEMENT_NODE; node = node.parentElement) {
      if (hasUniqueId(node)) { parts.unshift("#" + CSS.escape(node.id)); break; }
      if (node.localName === "body" || node.localName === "html") { parts.unshift(node.localName); break; }
      parts.unshift(segment(node));
    }
    return (treePrefix.get(el.getRootNode()) || "") + parts.join(" > ");
  };

  const register = (el) => {
    if (!indexOf.has(el)) {
      indexOf.set(el, elements.length);
      elements.push(el);
      paths.push(pathOf(el));
    }
    return indexOf.get(el);
  };

  const lineBreak = () => {
    if (pieces.length && pieces[pieces.length - 1][0] !== "\n") pieces.push(["\n", -1]);
  };

  const addText = (text, owner) => {
    const collapsed = text.replace(/\s+/g, " ");
    if (!collapsed.trim()) {
      const last = pieces.length ? pieces[pieces.length - 1][0] : "\n";
      if (!/\s$/.test(last)) pieces.push([" ", -1]);
      return;
    }
    pieces.push([collapsed, owner ? register(owner) : -1]);
  };

  const walkFrame = (frame) => {
    let doc = null;
    try { doc = frame.contentDocument; } catch (e) { doc = null; }   // cross-origin: unreadable
    if (!doc || !doc.body) return;
    treePrefix.set(doc, pathOf(frame) + " ::frame ");
    lineBreak();
    walk(doc.body, true);
    lineBreak();
  };

  const walkField = (el, visible) => {
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (!visible || !el.value || (el.localName === "input" && !VALUE_INPUTS.has(type))) return;
    lineBreak();
    addText(el.value, el);
    lineBreak();
  };

  const walkChildren = (el, visible) => {
    if (el.localName === "slot") {
      const assigned = el.assignedNodes({ flatten: true });
      if (assigned.length) { for (const n of assigned) walk(n, visible); return; }
    }
    if (el.shadowRoot) {
      treePrefix.set(el.shadowRoot, pathOf(el) + " ::shadow ");
      for (const n of el.shadowRoot.childNodes) walk(n, visible);
      return;
    }
    for (const n of el.childNodes) walk(n, visible);
  };

  const walk = (node, visible) => {
    if (node.nodeType === Node.TEXT_NODE) {
      if (visible) addText(node.data, node.parentElement || (node.getRootNode().host ?? null));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED.has(node.localName)) return;
    const style = styleOf(node);
    if (!includeHidden && style.display === "none") return;
    // Computed visibility is inherited, and a visible child of a hidden parent is rendered.
    const shown = includeHidden || style.visibility === "visible";
    const block = !style.display.startsWith("inline") && style.display !== "contents";
    if (block) lineBreak();
    if (node.localName === "iframe" || node.localName === "frame") walkFrame(node);
    else if (node.localName === "input" || node.localName === "textarea") walkField(node, shown);
    else walkChildren(node, shown);
    if (block) lineBreak();
  };

  const root = document.body || document.documentElement;
  if (root) walk(root, true);
  window.__hegaiElements = elements;
  return { url: location.href, title: document.title, pieces, paths };
}
