// The page's risk as a whole. The service assesses each scan batch on its own, which splits a
// dossier across batches and repeats reasons; so this keeps the text of every chunk scanned on
// the page and, once scanning goes idle (and again, debounced, after more content is scanned),
// asks the service worker for the risk engine's assessment of all of it (`assess-page`). The
// reply replaces the batches' level and reasons in the banner, popup and badge.
(function () {
  const MAX_CHARS = 500000;    // newest text kept: ≤ 1.5 MB of UTF-8, under the service's 2 MB body limit
  const DEBOUNCE_MS = 1000;    // after later content is scanned
  const MAX_WAIT_MS = 5000;    // a page that never stays quiet is still re-assessed
  const SEPARATOR = "\n";      // as the service joins a scan's chunks

  class PageAssessor {
    constructor({ send, onPage }) {
      this.send = send;
      this.onPage = onPage;
      this.texts = [];
      this.chars = 0;
      this.changed = false;       // text scanned since the last assessment was sent
      this.assessedOnce = false;
      this.pendingSince = null;
      this.timer = null;
      this.inFlight = false;
      this.stopped = false;
    }

    // Chunk texts the service has scanned (in the order they were sent).
    add(texts) {
      for (const text of texts) {
        this.texts.push(text);
        this.chars += text.length + SEPARATOR.length;
      }
      while (this.chars > MAX_CHARS && this.texts.length > 1) this.chars -= this.texts.shift().length + SEPARATOR.length;
      if (texts.length) this.changed = true;
      if (this.assessedOnce) this.request();
    }

    // Everything queued is scanned: the first time, assess at once; later, after a quiet second.
    onIdle() {
      if (!this.assessedOnce && !this.inFlight) this.request(0);
      else if (this.changed) this.request();
      else if (!this.inFlight && this.pendingSince === null) this.markCurrent(this.lastLevel);
    }

    // The page's assessment covers everything scanned so far: tests and benchmarks wait on it.
    markCurrent(level) {
      this.lastLevel = level;
      performance.mark("hegai:assessed", { detail: { level, chars: this.chars } });
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
      const text = this.pageText();
      const reply = await this.send({ type: "assess-page", url: location.href, host: location.hostname, text });
      this.inFlight = false;
      if (this.stopped) return;
      if (reply && reply.ok) {
        this.assessedOnce = true;
        this.onPage(reply.page);
        if (!this.changed) this.markCurrent(reply.page.level);
      } else {
        this.changed = true;   // offline or unpaired: asked again when scanning resumes and goes idle
      }
      if (this.rerun) {
        this.rerun = false;
        this.request();
      }
    }

    pageText() {
      let text = this.texts.join(SEPARATOR);
      if (text.length <= MAX_CHARS) return text;
      text = text.slice(text.length - MAX_CHARS);
      // Do not start on the second half of a surrogate pair.
      const first = text.charCodeAt(0);
      return first >= 0xdc00 && first <= 0xdfff ? text.slice(1) : text;
    }

    onServiceOnline() {
      if (this.changed) this.request(0);
    }

    stop() {
      this.stopped = true;
      clearTimeout(this.timer);
    }
  }

  Hegai.PageAssessor = PageAssessor;
})();
