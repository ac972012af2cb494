// Scans a page: walks it in time-sliced steps, sends chunks to the service worker in batches,
// marks what comes back, and watches for content added later (infinite scroll, SPA views,
// expanded comments). Every text node is sent once.
(function () {
  const BATCH_MAX_CHUNKS = 200;
  const BATCH_MAX_CHARS = 48000;
  const MAX_IN_FLIGHT = 2;
  const OBSERVED = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["hidden", "open"] };
  const MAX_HIDDEN_TRACKED = 2000;
  const RECHECK_AFTER_CLICK_MS = 250;
  const BUSY_FIRST_MS = 2000;     // the service answered "busy": first retry, doubling up to…
  const BUSY_MAX_MS = 30000;

  class PageScanner {
    constructor({ adapter, highlighter, onPage, send, onScanned = () => {}, onIdle = () => {}, onOwn = () => {} }) {
      this.adapter = adapter;
      this.highlighter = highlighter;
      this.onPage = onPage;
      this.onScanned = onScanned;   // (chunks: [{text, segments}]) for each batch the service has scanned
      this.onIdle = onIdle;         // everything queued is scanned and marked
      this.onOwn = onOwn;           // (chunk, [vault match]) where the user's own saved info is
      this.send = send;
      // Text node → its text as we last knew it: when scanned, or right after the highlighter
      // split it (that edit is ours; any other change of its text is new text).
      this.scanned = new WeakMap();
      this.observedRoots = new WeakSet();
      this.watchedFrames = new WeakSet();
      this.roots = [];
      this.hidden = new Set();
      this.walker = null;
      this.outbox = [];
      this.records = new Map();
      this.unsent = [];
      this.highlightQueue = [];
      this.inFlight = 0;
      this.nextChunkId = 1;
      this.pumping = false;
      this.stopped = false;
      this.builder = new Hegai.collect.ChunkBuilder((chunk) => this.outbox.push(chunk));
      this.observer = new MutationObserver((mutations) => this.onMutations(mutations));
      this.stats = { maxSliceMs: 0, chunksSent: 0, marked: 0 };
      this.hooks = {
        isScanned: (node) => this.scanned.has(node),
        isIgnored: (el) => Boolean(this.adapter.ignoreSelector) && el.matches(this.adapter.ignoreSelector),
        onRoot: (root) => this.observe(root),
        onFrame: (iframe, doc) => this.watchFrame(iframe, doc),
        onHidden: (el) => { if (this.hidden.size < MAX_HIDDEN_TRACKED) this.hidden.add(el); },
      };
      this.onClick = () => {
        clearTimeout(this.recheckTimer);
        this.recheckTimer = setTimeout(() => this.recheckHidden(), RECHECK_AFTER_CLICK_MS);
      };
    }

    start() {
      this.observe(document);
      document.addEventListener("click", this.onClick, { capture: true, passive: true });
      this.enqueue(document.body || document.documentElement);
    }

    stop() {
      this.stopped = true;
      clearTimeout(this.retryTimer);
      this.observer.disconnect();
      document.removeEventListener("click", this.onClick, { capture: true });
      this.highlighter.removeAll();
    }

    observe(root) {
      if (this.observedRoots.has(root)) return;
      this.observedRoots.add(root);
      this.observer.observe(root, OBSERVED);
    }

    watchFrame(iframe, doc) {
      if (this.watchedFrames.has(iframe)) return;
      this.watchedFrames.add(iframe);
      // A same-origin frame that loads (or navigates) later is scanned when it does.
      iframe.addEventListener("load", () => {
        try {
          if (iframe.contentDocument && iframe.contentDocument.body) this.enqueue(iframe.contentDocument);
        } catch (err) { /* cross-origin: not ours to read */ }
      });
    }

    enqueue(root) {
      if (this.stopped || !root) return;
      this.roots.push(root);
      this.pump();
    }

    // Content hidden by a class or style change is not a DOM mutation we watch; a click is
    // what usually reveals it ("展开全文", "查看更多回复"), so look again after clicks.
    recheckHidden() {
      for (const el of this.hidden) {
        if (!el.isConnected) this.hidden.delete(el);
        else if (Hegai.collect.isVisible(el)) {
          this.hidden.delete(el);
          this.enqueue(el);
        }
      }
    }

    // A text node whose current text we know: scanned, or split by the highlighter.
    markScanned(node) {
      this.scanned.set(node, node.data);
    }

    isOwnNode(node) {
      const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
      return Boolean(el && Hegai.opaque.contains(el));
    }

    onMutations(mutations) {
      for (const m of mutations) {
        if (m.type === "attributes") {
          if (!this.isOwnNode(m.target) && Hegai.collect.isVisible(m.target)) {
            this.hidden.delete(m.target);
            this.enqueue(m.target);
          }
          continue;
        }
        if (m.type === "characterData") {
          if (this.isOwnNode(m.target) || !this.scanned.has(m.target)) continue;
          if (this.scanned.get(m.target) === m.target.data) continue;   // known text (our own split)
          this.scanned.delete(m.target); // edited text is new text
          this.enqueue(m.target.parentNode);
          continue;
        }
        for (const node of m.addedNodes) {
          if (this.isOwnNode(node)) continue;
          if (node.nodeType === Node.TEXT_NODE) {
            if (!this.scanned.has(node)) this.enqueue(node.parentNode);
          } else if (node.nodeType === Node.ELEMENT_NODE) {
            this.enqueue(node);
          }
        }
      }
    }

    // One unit of walking: returns false when there is nothing left to walk.
    walkStep() {
      if (!this.walker) {
        const root = this.roots.shift();
        if (!root) return false;
        this.walker = new Hegai.collect.Walker(root, this.hooks);
      }
      const event = this.walker.next();
      if (event === null) {
        this.builder.flush();
        this.walker = null;
        return true;
      }
      if (event.kind === "text") this.markScanned(event.node);
      this.builder.add(event);
      return true;
    }

    highlightStep() {
      const job = this.highlightQueue.shift();
      if (!job) return false;
      this.stats.marked += this.highlighter.apply(job.record, job.findings);
      return true;
    }

    async pump() {
      if (this.pumping) return;
      this.pumping = true;
      try {
        const budget = new Hegai.scheduler.Budget();
        while (!this.stopped && (this.highlightQueue.length || this.walker || this.roots.length)) {
          // Highlights first: they are what the user is waiting for.
          if (!this.highlightStep()) this.walkStep();
          if (this.outbox.length >= BATCH_MAX_CHUNKS) this.sendOutbox();
          if (budget.spent()) {
            this.noteSlice(budget);
            await Hegai.scheduler.yieldToMain();
            budget.reset();
          }
        }
        this.noteSlice(budget);
        this.sendOutbox();
      } finally {
        this.pumping = false;
      }
      this.maybeIdle();
    }

    noteSlice(budget) {
      this.stats.maxSliceMs = Math.max(this.stats.maxSliceMs, performance.now() - budget.startedAt);
    }

    sendOutbox() {
      while (this.outbox.length) {
        const batch = [];
        let chars = 0;
        while (this.outbox.length && batch.length < BATCH_MAX_CHUNKS && chars < BATCH_MAX_CHARS) {
          const chunk = this.outbox.shift();
          const id = `c${this.nextChunkId++}`;
          this.records.set(id, chunk);
          batch.push({ id, text: chunk.text });
          chars += chunk.text.length;
        }
        this.unsent.push(batch);
      }
      this.flushUnsent();
    }

    flushUnsent() {
      while (this.unsent.length && this.inFlight < MAX_IN_FLIGHT && !this.stopped) {
        this.deliver(this.unsent.shift());
      }
    }

    async deliver(batch) {
      this.inFlight += 1;
      const sentAt = performance.now();
      const reply = await this.send({ type: "scan-chunks", url: location.href, host: location.hostname, chunks: batch });
      this.inFlight -= 1;
      // One note per round trip (service worker + local service): benchmarks read them.
      Hegai.progress.note("batch", { chunks: batch.length, ms: performance.now() - sentAt, ok: Boolean(reply && reply.ok) });
      if (!reply || !reply.ok) {
        // Service offline or not paired: keep the batch until the service worker says it is back.
        // Busy (it answered, overwhelmed): nobody will say so; try again later, backing off.
        this.unsent.unshift(batch);
        this.waiting = true;
        if (reply && reply.status === "busy") this.retryLater();
        return;
      }
      this.busyDelay = 0;
      this.stats.chunksSent += batch.length;
      const scanned = batch.map((chunk) => this.records.get(chunk.id)).filter(Boolean);
      const own = byChunk(reply.vault_matches);
      for (const result of reply.chunks) {
        const record = this.records.get(result.id);
        this.records.delete(result.id);
        const mine = own.get(result.id) || [];
        if (record && mine.length) this.onOwn(record, mine);
        if (record && result.findings.length) this.highlightQueue.push({ record, findings: withOwn(result.findings, mine) });
      }
      for (const chunk of batch) this.records.delete(chunk.id);
      this.onScanned(scanned);
      this.onPage(reply.page);
      this.flushUnsent();
      this.pump();
    }

    retryLater() {
      if (this.retryTimer) return;
      this.busyDelay = Math.min(BUSY_MAX_MS, (this.busyDelay || BUSY_FIRST_MS / 2) * 2);
      this.retryTimer = setTimeout(() => { this.retryTimer = null; this.onServiceOnline(); }, this.busyDelay);
    }

    onServiceOnline() {
      this.waiting = false;
      this.flushUnsent();
    }

    isIdle() {
      return !this.pumping && !this.inFlight && !this.unsent.length && !this.highlightQueue.length
        && !this.roots.length && !this.walker && !this.outbox.length;
    }

    // Everything queued is marked: benchmarks and tests wait for this note (content/messaging.js).
    maybeIdle() {
      if (!this.isIdle()) return;
      Hegai.progress.note("idle", { ...this.stats, at: performance.now(), adapter: this.adapter.id });
      this.onIdle();
    }
  }

  // Vault matches (the user's own saved info, masked) by the chunk they are in.
  function byChunk(matches) {
    const out = new Map();
    for (const m of matches || []) {
      if (!out.has(m.chunk_id)) out.set(m.chunk_id, []);
      out.get(m.chunk_id).push(m);
    }
    return out;
  }

  // A finding over the user's own saved info says so (its mark's popover, content/highlight.js).
  function withOwn(findings, mine) {
    if (!mine.length) return findings;
    return findings.map((f) => {
      const match = mine.find((m) => m.start < f.end && f.start < m.end);
      return match ? { ...f, own: { kind: match.kind, label: match.label || "" } } : f;
    });
  }

  Hegai.PageScanner = PageScanner;
})();
