// Which post, comment or reply each piece of scanned text belongs to, and which thread that is
// (a reply belongs to the thread of its post). The page assessor sends the page to the service
// as posts, so a 开盒 comment is judged by its own words — a hotline or a lawyer's explainer
// elsewhere on the page can neither lower its level nor lend words to its reasons.
//
// Platform adapters name their containers (`posts: {post, comment, reply, thread}`, CSS selector
// lists; see adapters/registry.js). Text in none of them — any page without an adapter, and a
// platform's own chrome — falls back to generic blocks: an article, list item, quote… else the
// block element holding the text; those share the thread of their outermost article or main
// element, else one thread for the whole page. Only text the scanner read is ever placed, and the
// scanner never reads Hegai's own UI (content/collect.js).
(function () {
  const MAX_DEPTH = 64;   // ancestors looked at per text node: bounded on pathological DOMs
  const GENERIC_POST = "article, [role=article], [role=comment], [itemprop=comment], [itemtype*=Comment], li, blockquote, dd";
  const GENERIC_THREAD = "article, [role=article], main, [role=main]";
  const BLOCK = "p, div, section, aside, header, footer, nav, main, td, th, dt, dd, li, pre, address, " +
    "h1, h2, h3, h4, h5, h6, figcaption, summary, details, form, fieldset, table, body";
  const PAGE_THREAD = "page";

  // The parent in the rendered tree: through shadow roots to their host, and out of a same-origin
  // frame to its <iframe> (a quoted card inside an answer belongs to the answer).
  function composedParent(node) {
    const parent = node.parentNode;
    if (!parent) return null;
    if (parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return parent.host || null;
    if (parent.nodeType !== Node.DOCUMENT_NODE) return parent;
    try {
      return parent.defaultView ? parent.defaultView.frameElement : null;
    } catch (err) {
      return null;
    }
  }

  function ancestors(node) {
    const chain = [];
    for (let el = composedParent(node); el && chain.length < MAX_DEPTH; el = composedParent(el)) {
      if (el.nodeType === Node.ELEMENT_NODE) chain.push(el);
    }
    return chain;
  }

  function isBlock(el) {
    return el.tagName.includes("-") || el.matches(BLOCK);
  }

  // The outermost element of `chain` from `from` upward that matches `selector`.
  function outermost(chain, selector, from = 0) {
    let found = null;
    for (let i = from; i < chain.length; i++) if (chain[i].matches(selector)) found = chain[i];
    return found;
  }

  function unitSelector(spec) {
    return spec ? [spec.post, spec.comment, spec.reply].filter(Boolean).join(", ") : "";
  }

  class PostIndex {
    constructor(adapter) {
      this.spec = (adapter && adapter.posts) || null;
      this.units = unitSelector(this.spec);
      this.ids = new WeakMap();       // element → "p12" / "t3"
      this.elements = new Map();      // "p12" → WeakRef(element): the posts an assessment names
      this.places = new WeakMap();    // a text node's parent → {id, thread}
      this.next = 1;
    }

    idOf(el, prefix) {
      if (!this.ids.has(el)) {
        const id = `${prefix}${this.next++}`;
        this.ids.set(el, id);
        this.elements.set(id, new WeakRef(el));
      }
      return this.ids.get(el);
    }

    // The element of a post id this index gave out, if it is still in the page.
    elementOf(id) {
      const ref = this.elements.get(id);
      const el = ref && ref.deref();
      return el && el.isConnected ? el : null;
    }

    // {id, thread} of the post holding `textNode`.
    locate(textNode) {
      const parent = textNode.parentNode;
      if (parent && this.places.has(parent)) return this.places.get(parent);
      const chain = ancestors(textNode);
      const place = this.fromAdapter(chain) || this.generic(chain, textNode);
      if (parent) this.places.set(parent, place);
      return place;
    }

    // The innermost post/comment/reply container; its thread is the nearest thread container
    // at or above it, else the outermost container holding it (an answer holds its comments).
    fromAdapter(chain) {
      if (!this.units) return null;
      const at = chain.findIndex((el) => el.matches(this.units));
      if (at < 0) return null;
      const thread = (this.spec.thread && chain.slice(at).find((el) => el.matches(this.spec.thread)))
        || outermost(chain, this.units, at);
      return { id: this.idOf(chain[at], "p"), thread: this.idOf(thread, "t") };
    }

    generic(chain, textNode) {
      const post = chain.find((el) => el.matches(GENERIC_POST)) || chain.find(isBlock) || chain[0] || textNode;
      const thread = outermost(chain, GENERIC_THREAD);
      return { id: this.idOf(post, "p"), thread: thread ? this.idOf(thread, "t") : PAGE_THREAD };
    }

    // A scanned chunk ({text, segments:[{node, start, data}]}) cut where its text nodes change
    // post: [{id, thread, text}], so no piece carries text of two posts.
    pieces(chunk) {
      const out = [];
      let run = null;
      for (const seg of chunk.segments) {
        const place = this.locate(seg.node);
        if (!run || run.id !== place.id) {
          run = { ...place, start: seg.start, end: seg.start };
          out.push(run);
        }
        run.end = seg.start + seg.data.length;
      }
      return out.map(({ id, thread, start, end }) => ({ id, thread, text: chunk.text.slice(start, end) }));
    }
  }

  Hegai.posts = { PostIndex, ancestors, PAGE_THREAD };
})();
