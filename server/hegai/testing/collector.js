// Collects the rendered text of a page for Hegai's scanners (pytest plugin and `hegai audit`).
//
// Walks the DOM once, in rendering order, including open shadow roots (slotted light-DOM nodes
// at their slot) and same-origin iframes (cross-origin ones are unreachable by design). Returns
// text pieces tagged with the element that holds them, so a finding can be traced back to a
// CSS path. Text users see outside the body text counts too: the document title, alt,
// aria-label, placeholder and the values of text inputs, each located as `path [attribute]`.
// Element references are kept in window.__hegaiElements for later marking (blurring before a
// screenshot).
//
// Linear in the size of the DOM (issue 22: a 5 MB page took 144 s when every element's CSS
// path rescanned its siblings and its ancestors' ids): sibling positions are computed once per
// parent, id counts once per tree, and a path extends its parent's (memoised) path.
// `work` counts the DOM nodes this collector touched, for tests that check linearity.
//
// Called as page.evaluate(source, {includeHidden}); returns
//   {url, title, titleIndex, pieces: [[text, elementIndex]], paths: [cssPath], work, nodes}
//   (elementIndex -1 = a break; titleIndex: the title's element index, -1 without a title)
(options) => {
  const includeHidden = Boolean(options && options.includeHidden);
  const SKIPPED = new Set(["script", "style", "noscript", "template", "head", "meta", "link",
                           "title", "object", "embed", "canvas", "audio", "video"]);
  const VALUE_INPUTS = new Set(["text", "email", "tel", "search", "url", "number", ""]);
  const PLACEHOLDER_FIELDS = new Set(["input", "textarea"]);
  const elements = [];
  const paths = [];
  const pieces = [];
  const indexOf = new Map();         // element → {suffix → index}
  const treePrefix = new Map([[document, ""]]);   // tree → the path that leads into it
  const siblingInfo = new Map();     // parent → Map(child → [nth-of-type, same-type count])
  const idCounts = new Map();        // tree → Map(id → count)
  const pathMemo = new Map();        // element → path inside its tree
  let work = 0;
  let nodes = 0;

  const styleOf = (el) => el.ownerDocument.defaultView.getComputedStyle(el);

  const positionIn = (parent, el) => {
    let info = siblingInfo.get(parent);
    if (!info) {
      info = new Map();
      const seen = new Map();
      for (const child of parent.children || []) {
        work++;
        const n = (seen.get(child.localName) || 0) + 1;
        seen.set(child.localName, n);
        info.set(child, [n, 0]);
      }
      for (const [child, pos] of info) pos[1] = seen.get(child.localName);
      siblingInfo.set(parent, info);
    }
    return info.get(el);
  };

  const segment = (el) => {
    let sel = el.localName + Array.from(el.classList).slice(0, 2).map((c) => "." + CSS.escape(c)).join("");
    const parent = el.parentNode;
    if (parent) {   // read parent.children once per parent (positionIn), never once per child
      const pos = positionIn(parent, el);
      if (pos && pos[1] > 1) sel += `:nth-of-type(${pos[0]})`;
    }
    return sel;
  };

  const hasUniqueId = (el) => {
    if (!el.id) return false;
    const root = el.getRootNode();
    let counts = idCounts.get(root);
    if (!counts) {
      counts = new Map();
      if (root.querySelectorAll) {
        for (const holder of root.querySelectorAll("[id]")) {
          work++;
          counts.set(holder.id, (counts.get(holder.id) || 0) + 1);
        }
      }
      idCounts.set(root, counts);
    }
    return counts.get(el.id) === 1;
  };

  const localPath = (el) => {
    if (pathMemo.has(el)) return pathMemo.get(el);
    let path;
    if (hasUniqueId(el)) path = "#" + CSS.escape(el.id);
    else if (el.localName === "body" || el.localName === "html") path = el.localName;
    else {
      const parent = el.parentElement;
      path = parent ? localPath(parent) + " > " + segment(el) : segment(el);
    }
    pathMemo.set(el, path);
    return path;
  };

  const pathOf = (el) => (treePrefix.get(el.getRootNode()) || "") + localPath(el);

  const register = (el, suffix = "") => {
    let bySuffix = indexOf.get(el);
    if (!bySuffix) { bySuffix = new Map(); indexOf.set(el, bySuffix); }
    if (!bySuffix.has(suffix)) {
      bySuffix.set(suffix, elements.length);
      elements.push(el);
      paths.push(pathOf(el) + suffix);
    }
    return bySuffix.get(suffix);
  };

  const lineBreak = () => {
    if (pieces.length && pieces[pieces.length - 1][0] !== "\n") pieces.push(["\n", -1]);
  };

  const addText = (text, owner, suffix = "") => {
    const collapsed = text.replace(/\s+/g, " ");
    if (!collapsed.trim()) {
      const last = pieces.length ? pieces[pieces.length - 1][0] : "\n";
      if (!/\s$/.test(last)) pieces.push([" ", -1]);
      return;
    }
    pieces.push([collapsed, owner ? register(owner, suffix) : -1]);
  };

  // Text a user reads outside the body text (a tooltip, a field hint, a broken image): one line each.
  const addLine = (text, owner, suffix) => {
    if (!text || !text.trim()) return;
    lineBreak();
    addText(text, owner, suffix);
    lineBreak();
  };

  const walkAttributes = (el) => {
    if (el.localName === "img" || (el.localName === "input" && el.type === "image")) {
      addLine(el.getAttribute("alt"), el, " [alt]");
    }
    addLine(el.getAttribute("aria-label"), el, " [aria-label]");
    if (PLACEHOLDER_FIELDS.has(el.localName)) addLine(el.getAttribute("placeholder"), el, " [placeholder]");
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
    addLine(el.value, el, " [value]");
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
    work++;
    nodes++;
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
    if (shown) walkAttributes(node);
    if (node.localName === "iframe" || node.localName === "frame") walkFrame(node);
    else if (node.localName === "input" || node.localName === "textarea") walkField(node, shown);
    else walkChildren(node, shown);
    if (block) lineBreak();
  };

  // The title is shown in the tab, the window list and the history: it counts like body text.
  const titleElement = document.querySelector("title");
  let titleIndex = -1;
  if (titleElement && document.title.trim()) {
    addLine(document.title, titleElement, "");
    titleIndex = register(titleElement, "");
  }
  const root = document.body || document.documentElement;
  if (root) walk(root, true);
  window.__hegaiElements = elements;
  return { url: location.href, title: document.title, titleIndex, pieces, paths, work, nodes };
}
