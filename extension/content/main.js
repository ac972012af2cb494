// Content script entry: asks the service worker for this site's settings, then scans the page
// (unless the user switched Hegai off for this site) and shows the banner when warranted.
(function () {
  if (window.top !== window || globalThis.__hegaiStarted) return;
  globalThis.__hegaiStarted = true;

  const send = Hegai.messaging.send;
  let app = null;

  class PageApp {
    constructor(config) {
      this.catalog = new Hegai.i18n.Catalog(config.language, config.messages);
      this.site = config.site;
      this.page = { level: "none", reasons: [], vault: [] };
      this.highlighter = new Hegai.Highlighter({
        catalog: this.catalog,
        mode: this.site.style,
        markScanned: (node) => this.scanner && this.scanner.markScanned(node),
      });
      this.banner = new Hegai.Banner({
        catalog: this.catalog,
        actions: {
          blur: (on) => this.highlighter.setMode(on ? "blur" : this.site.style),
          report: async () => (await send({ type: "report-page", url: location.href })) || {}, // {message, guide}
          learnMore: () => send({ type: "open-learn-more" }),
        },
        layout: { warned: () => this.warnedPosts(), own: () => this.ownInWarned() },
      });
      this.scanner = null;
    }

    start() {
      if (!this.site.enabled || this.scanner) return;
      this.startText();
      this.images = new Hegai.ImageWatcher({ send, onPage: (page) => this.onPage(page) }); // content/images.js
      this.images.start();
    }

    startText() {
      // The page as posts (content/page-assessor.js): its assessment replaces the batches'.
      const adapter = Hegai.adapters.forHost(location.hostname);
      this.assessor = new Hegai.PageAssessor({ send, adapter, onPage: (page) => this.onPage(page) });
      this.scanner = new Hegai.PageScanner({
        adapter,
        highlighter: this.highlighter,
        send,
        onPage: (page) => this.onPage(page),
        onScanned: (chunks) => this.assessor.add(chunks),
        onOwn: (chunk, matches) => this.assessor.addOwn(chunk, matches),
        onIdle: () => this.assessor.onIdle(),
      });
      this.scanner.start();
    }

    stopText() {
      if (this.scanner) this.scanner.stop();
      this.scanner = null;
      if (this.assessor) this.assessor.stop();
      this.assessor = null;
    }

    stop() {
      this.stopText();
      if (this.images) this.images.stop();
      this.images = null;
      this.banner.remove();
    }

    // The posts the banner is about: those the assessment quotes and those holding the user's own
    // saved info; before any assessment, the posts holding marks.
    warnedPosts() {
      if (!this.assessor) return [];
      const ids = [...(this.page.posts || []), ...this.assessor.ownPosts];
      const found = this.assessor.elementsOf(ids);
      if (found.length) return found;
      const index = this.assessor.index;
      return [...new Set(Hegai.Highlighter.connectedMarks().map((mark) => index.elementOf(index.locate(mark).id)))].filter(Boolean);
    }

    ownInWarned() {
      return Boolean(this.assessor) && this.assessor.holdsOwn(this.page.posts || []);
    }

    onPage(page) {
      this.page = page;
      this.banner.render(page);
    }

    applyConfig(config) {
      const wasEnabled = this.site.enabled;
      const languageChanged = config.language !== this.catalog.language;
      this.site = config.site;
      this.catalog.language = config.language;
      this.catalog.messages = config.messages;
      this.highlighter.setMode(this.banner.blurred ? "blur" : this.site.style);
      if (wasEnabled && !this.site.enabled) this.stop();
      if (!wasEnabled && this.site.enabled) this.start();
      if (this.site.enabled && wasEnabled && languageChanged && this.scanner) {
        // The reasons on the marks and in the banner come from the service in one language:
        // scan the text again to have them in the new one (images keep theirs until reload).
        this.stopText();
        this.startText();
      }
      if (this.site.enabled) this.banner.render(this.page);
    }
  }

  Hegai.messaging.onMessage((message) => {
    if (!app) return;
    if (message.type === "service-online" && app.scanner) app.scanner.onServiceOnline();
    if (message.type === "service-online" && app.assessor) app.assessor.onServiceOnline();
    if (message.type === "config-changed") app.applyConfig(message);
  });

  (async () => {
    const config = await send({ type: "page-start", url: location.href, host: location.hostname });
    if (!config || !config.ok) return;
    await Hegai.adapters.ready;
    app = new PageApp(config);
    app.start();
  })();
})();
