// The page's risk as a whole. The service assesses each scan batch on its own, which splits a
// dossier across batches and repeats reasons; so this keeps the text of every chunk scanned on
// the page, cut into the posts, comments and replies it belongs to (content/posts.js), and once
// scanning goes idle (and again, debounced, after more content is scanned) asks the service
// worker for the assessment of the page as posts (`assess-page`): each post alone and each
// thread's posts together, the page being the worst of them, quoted. The reply replaces the
// batches' level and reasons in the banner, popup and badge.
(function () {
  const MAX_CHARS = 500000;    // newest text kept: ≤ 1.5 MB of UTF-8, under the service's 2 MB body limit
  const MAX_POSTS = 3000;      // newest posts kept (the service takes up to 5,000)
  const DEBOUNCE_MS = 1000;    // after later content is scanned
  const MAX_WAIT_MS = 5000;    // a page that never stays quiet is still re-assessed
  const SEPARATOR = "\n";      // between pieces of one post scanned apart

  class PageAssessor {
    constructor({ send, onPage, adapter }) {
      this.send = send;
      this.onPage = onPage;
      this.index = new Hegai.posts.PostIndex(adapter);
      this.posts = new Map();     // id → {id, thread, text}, in the order first seen
      this.ownPosts = new Set();  // ids of posts holding the user's own saved info (vault matches)
      this.chars = 0;
      this.changed = false;       // text scanned since the last assessment was sent
      this.assessedOnce = false;
      this.pendingSince = null;
      this.timer = null;
      this.inFlight = false;
      this.stopped = false;
    }

    // Chunks the service has scanned ({text, segments}, in the order they were sent).
    add(chunks) {
      for (const chunk of chunks) for (const piece of this.index.pieces(chunk)) this.append(piece);
      this.trim();
      if (chunks.length) this.changed = true;
      if (this.assessedOnce) this.request();
    }

    // Vault matches in a scanned chunk: the posts they are in hold the user's own info.
    addOwn(chunk, matches) {
      for (const m of matches) {
        const seg = chunk.segments.find((g) => g.start <= m.start && m.start < g.start + g.data.length);
        if (seg) this.ownPosts.add(this.index.locate(seg.node).id);
      }
    }

    // Of these post ids, whether any holds the user's own saved info; their elements.
    holdsOwn(ids) {
      return ids.some((id) => this.ownPosts.has(id));
    }

    elementsOf(ids) {
      return ids.map((id) => this.index.elementOf(id)).filter(Boolean);
    }

    append({ id, thread, text }) {
      const post = this.posts.get(id);
      if (post) {
        post.text += SEPARATOR + text;
        this.chars += SEPARATOR.length + text.length;
      } else {
        this.posts.set(id, { id, thread, text });
        this.chars += text.length;
      }
    }

    // The oldest posts go first; a single post longer than everything keeps its newest text.
    trim() {
      for (const [id, post] of this.posts) {
        if (this.posts.size <= 1 || (this.chars <= MAX_CHARS && this.posts.size <= MAX_POSTS)) break;
        this.posts.delete(id);
        this.chars -= post.text.length;
      }
      const [only] = this.posts.values();
      if (this.posts.size === 1 && this.chars > MAX_CHARS) {
        only.text = tail(only.text, MAX_CHARS);
        this.chars = only.text.length;
      }
    }

    // Everything queued is scanned: the first time, assess at once; later, after a quiet second.
    onIdle() {
      if (!this.assessedOnce && !this.inFlight) this.request(0);
      else if (this.changed) this.request();
      else if (!this.inFlight && this.pendingSince === null) this.markCurrent(this.lastLevel);
    }

    // The page's assessment covers everything scanned so far: tests and benchmarks wait on it
    // (told to the service worker only, content/messaging.js).
    markCurrent(level) {
      this.lastLevel = level;
      Hegai.progress.note("assessed", { level, chars: this.chars, posts: this.posts.size });
    }

    request(delay = DEBOUNCE_MS) {
      if (this.stopped) return;
      const now = performance.now();
      if (this.pendingSince === null) this.pendingSince = now;
      const wait = Math.max(0, Math.min(delay, this.pendingSince + MAX_WAIT_MS - now));
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), wait);
    }

    async run() {
      if (this.stopped) return;
      if (this.inFlight) {
        this.rerun = true;
        return;
      }
      this.inFlight = true;
      this.changed = false;
      this.pendingSince = null;
      const posts = [...this.posts.values()].map(({ id, thread, text }) => ({ id, thread, text }));
      const reply = await this.send({ type: "assess-page", url: location.href, host: location.hostname, posts });
      this.inFlight = false;
      if (this.stopped) return;
      if (reply && reply.ok) {
        this.assessedOnce = true;
        this.onPage(reply.page);
        if (!this.changed) this.markCurrent(reply.page.level);
      } else {
        this.changed = true;   // offline or unpaired: asked again when scanning resumes and goes idle
        // Busy (the service answered, overwhelmed): nothing else will ask again, so ask later.
        if (reply && reply.status === "busy") this.request(MAX_WAIT_MS);
      }
      if (this.rerun) {
        this.rerun = false;
        this.request();
      }
    }

    onServiceOnline() {
      if (this.changed) this.request(0);
    }

    stop() {
      this.stopped = true;
      clearTimeout(this.timer);
    }
  }

  // The last `max` characters of `text`, not starting on the second half of a surrogate pair.
  function tail(text, max) {
    const cut = text.slice(text.length - max);
    const first = cut.charCodeAt(0);
    return first >= 0xdc00 && first <= 0xdfff ? cut.slice(1) : cut;
  }

  Hegai.PageAssessor = PageAssessor;
})();
