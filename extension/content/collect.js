// Collects the visible text of a subtree as chunks: runs of text nodes inside one block
// (paragraph, list item, shadow root...), joined so that a number split across several inline
// elements (138<b>0013</b>8000) reaches the service as one string. Each chunk remembers which
// text node starts at which UTF-16 offset, so findings map back to the DOM.
(function () {
  const SKIP_TAGS = new Set([
    "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT", "OPTION",
    "CANVAS", "VIDEO", "AUDIO", "OBJECT", "EMBED", "HEAD", "svg", "math",
  ]);
  const BLOCK_TAGS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "DD", "DETAILS", "DIALOG", "DIV", "DL", "DT",
    "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6",
    "HEADER", "HGROUP", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY",
    "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL", "BUTTON", "LABEL",
  ]);
  // Hegai's own UI is never page text: marks, the banner, the guard's hint and dialog, picture
  // shields, notices. They are opaque hosts (content/opaque.js), known by identity, not by a tag
  // name or attribute a page could also put on its own content to keep it from being read.
  const isOwn = (el) => Hegai.opaque.isOwn(el);
  const MAX_CHUNK_CHARS = 4000;
  const BREAK = { kind: "break" };
  const SEPARATOR = { kind: "separator" };
  const END_OF_BLOCK = {};

  function isBlock(el) {
    return BLOCK_TAGS.has(el.tagName) || el.tagName.includes("-");
  }

  function isVisible(el) {
    if (el.hidden) return false;
    if (!el.checkVisibility || el.checkVisibility()) return true;
    return getComputedStyle(el).display === "contents";
  }

  function sameOriginDocument(iframe) {
    try {
      const doc = iframe.contentDocument;
      return doc && doc.body ? doc : null;
    } catch (err) {
      return null;
    }
  }

  // Depth-first walk that can stop after any node and resume later (for time slicing).
  class Walker {
    constructor(root, hooks) {
      this.stack = [root];
      this.hooks = hooks;
    }

    skip(el) {
      if (SKIP_TAGS.has(el.tagName) || isOwn(el) || el.isContentEditable || this.hooks.isIgnored(el)) {
        return true;
      }
      if (isVisible(el)) return false;
      this.hooks.onHidden(el); // may be revealed later ("展开", "查看更多回复")
      return true;
    }

    pushChildren(parent) {
      for (let child = parent.lastChild; child; child = child.previousSibling) this.stack.push(child);
    }

    // Next event: {kind:"text", node}, BREAK between blocks, SEPARATOR for <br>; null at the end.
    next() {
      while (this.stack.length) {
        const node = this.stack.pop();
        if (node === END_OF_BLOCK) return BREAK;
        if (node.nodeType === Node.TEXT_NODE) {
          if (!this.hooks.isScanned(node) && node.data.trim()) return { kind: "text", node };
          continue;
        }
        if (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE || node.nodeType === Node.DOCUMENT_NODE) {
          this.hooks.onRoot(node);
          this.stack.push(END_OF_BLOCK);
          this.pushChildren(node.body || node);
          return BREAK;
        }
        if (node.nodeType !== Node.ELEMENT_NODE || this.skip(node)) continue;
        if (node.tagName === "BR") return SEPARATOR;
        if (node.tagName === "SLOT") {
          // Inside a shadow root, a slot renders the host's light-DOM children in its place.
          const assigned = node.assignedNodes({ flatten: true });
          if (assigned.length) for (let i = assigned.length - 1; i >= 0; i--) this.stack.push(assigned[i]);
          else this.pushChildren(node);
          continue;
        }
        if (node.tagName === "IFRAME") {
          const doc = sameOriginDocument(node);
          this.hooks.onFrame(node, doc);
          if (doc) this.stack.push(doc);
          continue;
        }
        const block = isBlock(node) || node.shadowRoot;
        if (block) this.stack.push(END_OF_BLOCK);
        if (node.shadowRoot) this.stack.push(node.shadowRoot);
        else this.pushChildren(node);
        if (block) return BREAK;
      }
      return null;
    }
  }

  // Accumulates text events into chunks {text, segments:[{node, start, data}]}.
  class ChunkBuilder {
    constructor(onChunk) {
      this.onChunk = onChunk;
      this.reset();
    }
    reset() {
      this.text = "";
      this.segments = [];
      this.pendingSeparator = false;
    }
    add(event) {
      if (event === BREAK) return this.flush();
      if (event === SEPARATOR) {
        this.pendingSeparator = this.text.length > 0;
        return;
      }
      const data = event.node.data;
      if (this.text.length + data.length > MAX_CHUNK_CHARS) this.flush();
      if (this.pendingSeparator) this.text += "\n";
      this.pendingSeparator = false;
      this.segments.push({ node: event.node, start: this.text.length, data });
      this.text += data;
    }
    flush() {
      if (this.segments.length) this.onChunk({ text: this.text, segments: this.segments });
      this.reset();
    }
  }

  Hegai.collect = { isVisible, isOwn, Walker, ChunkBuilder, BREAK, SEPARATOR, MAX_CHUNK_CHARS };
})();
