// Hegai's one page collector (issue 22). The extension loads this file as a content script
// (manifest.json); `hegai audit` and the pytest plugin evaluate the very same file in the page
// (hegai/testing/page_text.py reads it from the extension's directory, shipped in the package).
// One copy, so both read a page alike:
// - one linear walk in rendering order, on an explicit stack (no recursion limit on deep pages;
//   the extension stops after any node and resumes later, for time slicing);
// - open shadow roots (slotted light-DOM nodes at their slot) and same-origin iframes
//   (cross-origin ones are unreachable by design);
// - what a user sees: hidden elements ([hidden], display:none, closed <details>,
//   content-visibility) are skipped and reported (onHidden: they may be revealed later); text
//   under visibility:hidden is not read; scripts, styles, svg and media never are;
// - blocks (block tags, custom elements, shadow hosts, any non-inline display) and <br> break the
//   text; whitespace between inline elements is a space ("1380013 <b>8000</b>" is not one number)
//   while "138<b>0013</b>8000" is;
// - Hegai's own elements (content/opaque.js) are never read.
// What each caller needs is an option of the same walk, never a second copy:
// - fields: form fields and editable text (input/textarea values and placeholders, select
//   options, contenteditable). The audit reads them (a page may prefill a phone); the extension
//   does not (a draft is the user's own, checked by content/guard; no mark can go in a field).
// - attributes: alt, aria-label (and, in collectPage, the title): text users see outside the
//   body text, one line each, located as `path [attribute]`. Audit only: the extension marks
//   text where it stands, and these have no place to mark.
// - includeHidden: hidden elements too (assert_no_exposed_pii(include_hidden=True)).
// Locations (Locator): a CSS path per element, with ` ::shadow ` / ` ::frame ` where the path
// enters a shadow root or a frame; memoised so that the cost stays linear (issue 22: a path
// that rescanned siblings made a 5 MB page take 144 s).
(function () {
  const ELEMENT = 1;
  const TEXT = 3;
  const DOCUMENT = 9;
  const FRAGMENT = 11;
  const SKIP_TAGS = new Set([
    "script", "style", "noscript", "template", "head", "meta", "link", "title", "object", "embed",
    "canvas", "video", "audio", "svg", "math",
  ]);
  const FIELD_TAGS = new Set(["input", "textarea", "select", "option", "optgroup"]);
  const BLOCK_TAGS = new Set([
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button", "label",
  ]);
  const VALUE_INPUTS = new Set(["text", "email", "tel", "search", "url", "number", ""]);
  const MAX_CHUNK_CHARS = 4000;
  const BREAK = { kind: "break" };           // between blocks
  const SEPARATOR = { kind: "separator" };   // <br>
  const SPACE = { kind: "space" };           // whitespace-only text between inline elements
  const END_OF_BLOCK = {};
  const NO_HOOKS = {
    isScanned: () => false, isIgnored: () => false, onRoot: () => {}, onFrame: () => {}, onHidden: () => {},
  };

  // Hegai's UI (marks, banner, guard, shields) are opaque hosts (content/opaque.js), known by
  // identity, not by a tag name or attribute a page could also put on its own content to keep it
  // from being read. Outside the extension (the audit) there are none.
  const isOwn = (el) => Boolean(Hegai.opaque && Hegai.opaque.isOwn(el));

  const VISIBLE = 2;     // rendered and its text seen
  const INVISIBLE = 1;   // rendered under visibility:hidden: its text is not seen, a child's may be
  const HIDDEN = 0;      // not rendered ([hidden], display:none here or above, closed <details>…)
  const SEEN = { visibilityProperty: true, checkVisibilityCSS: true };   // (the option's two names)

  const styleOf = (el) => getComputedStyle(el);

  // One checkVisibility call for the common case; the style only when it says no.
  function visibilityOf(el) {
    if (el.hidden) return HIDDEN;
    if (!el.checkVisibility) return styleOf(el).visibility === "visible" ? VISIBLE : INVISIBLE;
    if (el.checkVisibility(SEEN)) return VISIBLE;
    if (el.checkVisibility()) return INVISIBLE;
    const style = styleOf(el);   // display:contents has no box of its own, its children do
    if (style.display !== "contents") return HIDDEN;
    return style.visibility === "visible" ? VISIBLE : INVISIBLE;
  }

  // Rendered and not visibility:hidden: what rechecks after a click look for.
  function isVisible(el) {
    return visibilityOf(el) === VISIBLE;
  }

  // Block tags need no style lookup; any other element breaks the text unless displayed inline.
  function isBlock(el) {
    const name = el.localName;
    if (BLOCK_TAGS.has(name) || name.includes("-") || el.shadowRoot) return true;
    const display = styleOf(el).display;
    return !display.startsWith("inline") && display !== "contents";
  }

  function sameOriginDocument(frame) {
    try {
      const doc = frame.contentDocument;
      return doc && doc.body ? doc : null;
    } catch (err) {
      return null;   // cross-origin: not ours to read
    }
  }

  // Depth-first walk that can stop after any event and resume later. Events: {kind:"text", node},
  // {kind:"line", el, suffix, text} (attributes, fields), BREAK, SEPARATOR, SPACE; null at the end.
  class Walker {
    constructor(root, hooks = {}, options = {}) {
      this.hooks = { ...NO_HOOKS, ...hooks };
      this.fields = Boolean(options.fields);
      this.attributes = Boolean(options.attributes);
      this.includeHidden = Boolean(options.includeHidden);
      this.stack = [root];
      this.shown = [this.rootShown(root)];   // per entry: is its text seen (visibility)?
      this.queue = [];                      // events of the element just visited
      this.nodes = 0;                       // nodes visited (work counted by tests and benches)
    }

    rootShown(root) {
      if (this.includeHidden || !root || root.nodeType !== FRAGMENT || !root.host) return true;
      return styleOf(root.host).visibility === "visible";
    }

    push(node, shown) {
      this.stack.push(node);
      this.shown.push(shown);
    }

    pushChildren(parent, shown) {
      for (let child = parent.lastChild; child; child = child.previousSibling) this.push(child, shown);
    }

    next() {
      for (;;) {
        if (this.queue.length) return this.queue.shift();
        if (!this.stack.length) return null;
        const node = this.stack.pop();
        const shown = this.shown.pop();
        if (node === END_OF_BLOCK) return BREAK;
        this.nodes++;
        if (node.nodeType === TEXT) {
          if (!shown || this.hooks.isScanned(node)) continue;
          return node.data.trim() ? { kind: "text", node } : SPACE;
        }
        if (node.nodeType === FRAGMENT || node.nodeType === DOCUMENT) {
          this.hooks.onRoot(node);
          this.push(END_OF_BLOCK, shown);
          this.pushChildren(node.body || node, shown);
          return BREAK;
        }
        if (node.nodeType === ELEMENT) this.visit(node, shown);
      }
    }

    skipped(el) {
      const name = el.localName;
      if (SKIP_TAGS.has(name) || isOwn(el) || this.hooks.isIgnored(el)) return true;
      return !this.fields && (FIELD_TAGS.has(name) || el.isContentEditable);
    }

    visit(el, inherited) {
      if (this.skipped(el)) return;
      const visibility = this.includeHidden ? VISIBLE : visibilityOf(el);
      if (visibility === HIDDEN) {
        this.hooks.onHidden(el);   // may be revealed later ("展开", "查看更多回复")
        return;
      }
      const name = el.localName;
      if (name === "br") {
        this.queue.push(SEPARATOR);
        return;
      }
      // Computed visibility is inherited, and a visible child of a hidden parent is rendered.
      const shown = visibility === VISIBLE;
      if (!shown && inherited) this.hooks.onHidden(el);
      const block = isBlock(el);
      if (block) {
        this.queue.push(BREAK);
        this.push(END_OF_BLOCK, shown);
      }
      if (shown && this.attributes) this.attributeLines(el, name);
      if (name === "iframe" || name === "frame") this.enterFrame(el, shown);
      else if (name === "input" || name === "textarea") this.fieldLines(el, name, shown);
      else if (name === "select") this.optionLines(el, shown);
      else this.enterChildren(el, name, shown);
    }

    line(el, suffix, text) {
      if (text && text.trim()) this.queue.push({ kind: "line", el, suffix, text });
    }

    attributeLines(el, name) {
      if (name === "img" || (name === "input" && el.type === "image")) this.line(el, " [alt]", el.getAttribute("alt"));
      this.line(el, " [aria-label]", el.getAttribute("aria-label"));
    }

    fieldLines(el, name, shown) {
      if (!shown) return;
      if (this.attributes) this.line(el, " [placeholder]", el.getAttribute("placeholder"));
      const type = (el.getAttribute("type") || "").toLowerCase();
      if (name === "textarea" || VALUE_INPUTS.has(type)) this.line(el, " [value]", el.value);
    }

    optionLines(select, shown) {
      if (shown) for (const option of select.options) this.line(option, "", option.text);
    }

    enterFrame(frame, shown) {
      const doc = sameOriginDocument(frame);
      this.hooks.onFrame(frame, doc);
      if (doc) this.push(doc, shown);
    }

    enterChildren(el, name, shown) {
      if (name === "slot") {
        // Inside a shadow root, a slot renders the host's light-DOM children in its place.
        const assigned = el.assignedNodes({ flatten: true });
        if (assigned.length) {
          for (let i = assigned.length - 1; i >= 0; i--) this.push(assigned[i], shown);
          return;
        }
      }
      if (el.shadowRoot) this.push(el.shadowRoot, shown);
      else this.pushChildren(el, shown);
    }
  }

  // The extension's use: text events into chunks {text, segments:[{node, start, data}]}, one per
  // block, so that a number split across inline elements reaches the service as one string and
  // each finding maps back to its text nodes (UTF-16 offsets).
  class ChunkBuilder {
    constructor(onChunk) {
      this.onChunk = onChunk;
      this.reset();
    }
    reset() {
      this.text = "";
      this.segments = [];
      this.pending = "";
    }
    add(event) {
      if (event === BREAK) return this.flush();
      if (event === SEPARATOR) {
        if (this.text) this.pending = "\n";
        return;
      }
      if (event === SPACE) {
        if (this.text && !this.pending) this.pending = " ";
        return;
      }
      if (event.kind !== "text") return;   // lines are the audit's (options.attributes/fields)
      const data = event.node.data;
      if (this.text.length + data.length > MAX_CHUNK_CHARS) this.flush();
      if (this.text) this.text += this.pending;
      this.pending = "";
      this.segments.push({ node: event.node, start: this.text.length, data });
      this.text += data;
    }
    flush() {
      if (this.segments.length) this.onChunk({ text: this.text, segments: this.segments });
      this.reset();
    }
  }

  // CSS paths, linear overall: sibling positions once per parent, id counts once per tree, and
  // a path extends its parent's memoised one. `work` counts the nodes these lookups touched.
  class Locator {
    constructor(doc) {
      this.prefixes = new Map([[doc, ""]]);   // tree → the path that leads into it
      this.siblings = new Map();              // parent → Map(child → [nth-of-type, same-type count])
      this.idCounts = new Map();              // tree → Map(id → count)
      this.paths = new Map();                 // element → path inside its tree
      this.work = 0;
    }

    position(parent, el) {
      let info = this.siblings.get(parent);
      if (!info) {
        info = new Map();
        const seen = new Map();
        for (const child of parent.children || []) {
          this.work++;
          const n = (seen.get(child.localName) || 0) + 1;
          seen.set(child.localName, n);
          info.set(child, [n, 0]);
        }
        for (const [child, pos] of info) pos[1] = seen.get(child.localName);
        this.siblings.set(parent, info);
      }
      return info.get(el);
    }

    segment(el) {
      let sel = el.localName + Array.from(el.classList).slice(0, 2).map((c) => "." + CSS.escape(c)).join("");
      const pos = el.parentNode ? this.position(el.parentNode, el) : null;
      if (pos && pos[1] > 1) sel += `:nth-of-type(${pos[0]})`;
      return sel;
    }

    hasUniqueId(el) {
      if (!el.id) return false;
      const root = el.getRootNode();
      let counts = this.idCounts.get(root);
      if (!counts) {
        counts = new Map();
        for (const holder of root.querySelectorAll ? root.querySelectorAll("[id]") : []) {
          this.work++;
          counts.set(holder.id, (counts.get(holder.id) || 0) + 1);
        }
        this.idCounts.set(root, counts);
      }
      return counts.get(el.id) === 1;
    }

    localPath(el) {
      let path = this.paths.get(el);
      if (path !== undefined) return path;
      if (this.hasUniqueId(el)) path = "#" + CSS.escape(el.id);
      else if (el.localName === "body" || el.localName === "html") path = el.localName;
      else path = el.parentElement ? this.localPath(el.parentElement) + " > " + this.segment(el) : this.segment(el);
      this.paths.set(el, path);
      return path;
    }

    prefix(tree) {
      let prefix = this.prefixes.get(tree);
      if (prefix !== undefined) return prefix;
      if (tree.nodeType === FRAGMENT && tree.host) prefix = this.pathOf(tree.host) + " ::shadow ";
      else {
        let frame = null;
        try { frame = tree.defaultView ? tree.defaultView.frameElement : null; } catch (err) { frame = null; }
        prefix = frame ? this.pathOf(frame) + " ::frame " : "";
      }
      this.prefixes.set(tree, prefix);
      return prefix;
    }

    pathOf(el) {
      return this.prefix(el.getRootNode()) + this.localPath(el);
    }
  }

  // The audit's use: the page as text pieces [text, element index] (-1: a break), whitespace
  // collapsed, each element located once.
  class PageTextBuilder {
    constructor(locator) {
      this.locator = locator;
      this.elements = [];
      this.paths = [];
      this.pieces = [];
      this.indexOf = new Map();   // element → {suffix → index}
    }

    register(el, suffix = "") {
      let bySuffix = this.indexOf.get(el);
      if (!bySuffix) this.indexOf.set(el, (bySuffix = new Map()));
      if (!bySuffix.has(suffix)) {
        bySuffix.set(suffix, this.elements.length);
        this.elements.push(el);
        this.paths.push(this.locator.pathOf(el) + suffix);
      }
      return bySuffix.get(suffix);
    }

    lineBreak() {
      const last = this.pieces[this.pieces.length - 1];
      if (last && last[0] !== "\n") this.pieces.push(["\n", -1]);
    }

    addText(text, owner, suffix = "") {
      const collapsed = text.replace(/\s+/g, " ");
      if (!collapsed.trim()) {
        const last = this.pieces.length ? this.pieces[this.pieces.length - 1][0] : "\n";
        if (!/\s$/.test(last)) this.pieces.push([" ", -1]);
        return;
      }
      this.pieces.push([collapsed, owner ? this.register(owner, suffix) : -1]);
    }

    // Text a user reads outside the body text (a tooltip, a field, a broken image): one line each.
    line(text, owner, suffix) {
      this.lineBreak();
      this.addText(text, owner, suffix);
      this.lineBreak();
    }

    add(event) {
      if (event === BREAK || event === SEPARATOR) this.lineBreak();
      else if (event === SPACE) this.addText(" ", null);
      else if (event.kind === "text") {
        const node = event.node;
        this.addText(node.data, node.parentElement || node.getRootNode().host || null);
      } else if (event.kind === "line") this.line(event.text, event.el, event.suffix);
    }
  }

  // The whole document at once, as `hegai audit` and the pytest plugin read it:
  //   {url, title, titleIndex, pieces: [[text, elementIndex]], paths: [cssPath], work, nodes}
  // (titleIndex: the title's element index, -1 without one). Element references are kept in
  // window.__hegaiElements, for blurring before a screenshot.
  function collectPage(options = {}) {
    const locator = new Locator(document);
    const out = new PageTextBuilder(locator);
    // The title is shown in the tab, the window list and the history: it counts like body text.
    const titleElement = document.querySelector("title");
    let titleIndex = -1;
    if (titleElement && document.title.trim()) {
      out.line(document.title, titleElement, "");
      titleIndex = out.register(titleElement, "");
    }
    const root = document.body || document.documentElement;
    const walker = new Walker(root, {}, { fields: true, attributes: true, includeHidden: options.includeHidden });
    if (root) for (let event = walker.next(); event; event = walker.next()) out.add(event);
    window.__hegaiElements = out.elements;
    return {
      url: location.href, title: document.title, titleIndex, pieces: out.pieces, paths: out.paths,
      work: walker.nodes + locator.work, nodes: walker.nodes,
    };
  }

  Hegai.collect = {
    isVisible, isOwn, Walker, ChunkBuilder, Locator, collectPage, BREAK, SEPARATOR, SPACE, MAX_CHUNK_CHARS,
  };
})();
