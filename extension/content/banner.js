// The page risk banner. It lives in a closed shadow root: the page's CSS cannot restyle it and
// the page's scripts cannot read it (it may name the user's own saved info, masked).
//
// It is a compact card — the level, the gist, 打码隐藏 / 举报 / 详情 — that folds into a pill keeping
// the level (the user's "收起", or when there is no room), and never sits on what it warns about:
// it goes to the corner of the viewport that overlaps neither the post it is about nor a composer
// (the first post is often the 开盒 post itself, and a composer is where the user types), and
// moves when the page scrolls or resizes. Only the card and the pill take clicks.
(function () {
  const MARGIN = 8;               // px from the viewport's edges
  const COMPOSERS_TTL_MS = 1000;  // composers looked up again at most this often while scrolling
  const HOST_STYLE = [
    "all: initial", "position: fixed", "inset: 0", "z-index: 2147483647", "display: block", "pointer-events: none",
  ].map((rule) => `${rule} !important`).join("; ");
  const COMPOSERS = 'textarea, input[type="text"], input:not([type]), [contenteditable=""], [contenteditable="true"], '
    + '[contenteditable="plaintext-only"], [role="textbox"]';

  // The service writes its reasons about "someone else's" information; when the post they are
  // about holds the user's own saved info, that is the user's (issue 17). These are the
  // service's words (server/hegai/risk/data/reasons.json; tests/e2e/test_own_info.py fails when
  // the two drift apart).
  const OWN_WORDING = {
    zh_CN: [["求扒/人肉他人信息", "求扒/人肉你的信息"], ["包含他人", "包含你的"], ["他人信息与", "你的信息与"]],
    en: [["dig up someone's personal information", "dig up your personal information"],
      ["someone else's", "your"], ["Someone's personal information", "Your personal information"]],
  };

  const CSS = `
    .wrap { font: 14px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111827; }
    .medium { --accent: #d97706; } .high { --accent: #dc2626; } .critical { --accent: #7f1d1d; }
    .low, .none { --accent: #2563eb; }
    .card, .pill { position: absolute; pointer-events: auto; box-sizing: border-box; }
    .wrap[data-state=collapsed] .card, .wrap[data-state=open] .pill { display: none; }
    .card { width: min(440px, calc(100vw - ${2 * MARGIN}px)); padding: 8px 36px 8px 12px; border-radius: 10px;
      border-left: 5px solid var(--accent); background: #fff; box-shadow: 0 6px 20px rgba(0,0,0,.2); }
    .pill { border: none; border-radius: 999px; padding: 6px 14px; background: var(--accent); color: #fff;
      font-family: inherit; font-size: 13px; font-weight: 700; line-height: 1.4; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
    .vault { background: #fee2e2; color: #7f1d1d; border-radius: 6px; padding: 4px 8px; margin-bottom: 6px;
      font-weight: 700; }
    .vault ul { margin: 2px 0 0; padding-left: 18px; font-weight: 600; }
    .head { display: flex; gap: 8px; align-items: baseline; min-width: 0; }
    .level { font-weight: 700; font-size: 15px; color: var(--accent); white-space: nowrap; }
    .gist { flex: 1; min-width: 0; color: #374151; font-size: 13px; white-space: nowrap; overflow: hidden;
      text-overflow: ellipsis; }
    .details { max-height: 45vh; overflow-y: auto; margin-top: 4px; }
    .details[hidden] { display: none; }
    .details p { margin: 4px 0; font-size: 13px; color: #374151; }
    .reasons { margin: 2px 0 6px; padding-left: 20px; }
    .quote { margin: 0 0 6px; }
    .quote figcaption { font-size: 12px; color: #4b5563; }
    .quote blockquote { margin: 2px 0 0; padding: 6px 10px; border-left: 3px solid var(--accent); border-radius: 4px;
      background: #f3f4f6; color: #1f2937; font-size: 13px; white-space: pre-line; overflow-wrap: anywhere;
      max-height: 7.5em; overflow-y: auto; }
    .actions { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
    button { font: inherit; border-radius: 6px; border: 1px solid #d1d5db; background: #f9fafb; color: #111827;
      padding: 2px 10px; cursor: pointer; }
    button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
    button:focus-visible, .pill:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
    .collapse { position: absolute; top: 4px; right: 4px; border: none; background: none; font-size: 18px;
      line-height: 1; padding: 4px 8px; color: #374151; }
    .status { margin: 6px 0 0; font-size: 13px; color: #374151; }
    .status:empty { display: none; }
    .guide { margin: 4px 0 0; font-size: 13px; color: #374151; max-height: 30vh; overflow-y: auto; }
    .guide ol, .guide ul { margin: 2px 0 0; padding-left: 20px; }
    .unverified { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 4px; font-size: 12px;
      background: #fef3c7; color: #92400e; }
  `;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }

  const overlap = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left))
    * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  const rectAt = (left, top, { width, height }) => ({ left, top, right: left + width, bottom: top + height, width, height });

  // The four corners of the viewport for a box of `size`, the bottom ones first: a page's top holds
  // its header, its composer and its first post.
  function corners(size) {
    const right = window.innerWidth - size.width - MARGIN;
    const bottom = window.innerHeight - size.height - MARGIN;
    const spots = [[right, bottom], [MARGIN, bottom], [right, MARGIN], [MARGIN, MARGIN]];
    return spots.map(([left, top]) => rectAt(Math.max(MARGIN, left), Math.max(MARGIN, top), size));
  }

  // The first spot overlapping nothing in `avoid`, else (when `fallback`) the one overlapping least.
  function bestSpot(spots, avoid, fallback) {
    const cost = (spot) => avoid.reduce((sum, r) => sum + overlap(spot, r), 0);
    const free = spots.find((spot) => cost(spot) === 0);
    if (free || !fallback) return free || null;
    return spots.reduce((best, spot) => (cost(spot) < cost(best) ? spot : best));
  }

  function onScreen(rect) {
    return rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < window.innerHeight && rect.left < window.innerWidth;
  }

  class Banner {
    // actions: {blur(on), report(), learnMore()}; layout: {warned() → the elements the banner is
    // about (the quoted posts, the post holding the user's own info), own() → whether those hold
    // the user's own saved info}.
    constructor({ catalog, actions, layout }) {
      this.catalog = catalog;
      this.actions = actions;
      this.layout = layout || { warned: () => [], own: () => false };
      this.userState = null;    // null: as there is room; "collapsed" / "open": what the user chose
      this.detailsOpen = false;
      this.blurred = false;
      this.host = null;
      this.root = null;
      this.composers = { at: -Infinity, list: [] };
      this.frame = 0;
      this.onViewport = () => this.schedulePlace();
      this.onFocus = () => { this.composers.at = -Infinity; this.schedulePlace(); };
    }

    static shouldShow(page) {
      return (page.vault && page.vault.length > 0) || Hegai.levelRank(page.level) >= Hegai.levelRank("medium");
    }

    t(key, subs) {
      return this.catalog.t(key, subs);
    }

    render(page) {
      // The page-level assessment can be lower than a batch's: then the banner goes.
      if (!Banner.shouldShow(page)) return this.remove();
      this.ensureHost();
      const level = Hegai.levelRank(page.level) >= Hegai.levelRank("medium") ? page.level : "high";
      const reasons = this.wording(page.reasons || []);
      const wrap = el("div", { class: `wrap ${level}`, "data-role": "banner", "data-level": page.level, "data-state": "open" });
      const card = el("section", { class: "card", id: "card", "data-role": "card", role: "alert" });
      if (page.vault && page.vault.length) card.append(this.vaultSection(page.vault));
      card.append(el("div", { class: "head" },
        el("span", { class: "level", "data-role": "level" }, this.t("banner_level", this.catalog.levelLabel(page.level))),
        el("span", { class: "gist", "data-role": "gist" }, reasons[0] || "")));
      card.append(this.detailsSection(page, reasons), this.actionRow(),
        el("p", { class: "status", "data-role": "status", "aria-live": "polite" }), this.collapseButton());
      card.addEventListener("keydown", (e) => { if (e.key === "Escape") this.collapse(); });
      wrap.append(this.pill(page.level), card);
      this.root.replaceChildren(el("style", {}, `:host { ${HOST_STYLE}; }\n${CSS}`), wrap);
      if (this.lastReport) this.showReport(this.lastReport);   // a re-render keeps what the report said
      this.place();
    }

    // The service's reasons, said as the user's own when the post holds their saved info.
    wording(reasons) {
      if (!this.layout.own()) return reasons;
      const pairs = OWN_WORDING[this.catalog.language] || [];
      return reasons.map((r) => pairs.reduce((text, [from, to]) => text.split(from).join(to), r));
    }

    vaultSection(vault) {
      const list = el("ul", {});
      for (const entry of vault) {
        const kind = this.t(`vault_kind_${entry.kind}`);
        const en = this.catalog.language === "en";
        const named = entry.label ? (en ? `${kind} (${entry.label})` : `${kind}（${entry.label}）`) : kind;
        list.append(el("li", {}, en ? `${named}: ${entry.masked}` : `${named}：${entry.masked}`));
      }
      return el("div", { class: "vault", "data-role": "vault" }, `⚠ ${this.t("banner_vault_title")}`, list);
    }

    // Everything past the gist: all the reasons, the post's own words, advice, 了解更多.
    detailsSection(page, reasons) {
      const box = el("div", { class: "details", id: "details", "data-role": "details" });
      box.hidden = !this.detailsOpen;
      const list = el("ul", { class: "reasons", "data-role": "reasons" });
      for (const reason of reasons) list.append(el("li", {}, reason));
      box.append(list);
      // The worst post's own words (values masked by the service, "…" where trimmed): which post
      // the reasons are about, and never words of another post.
      if (page.quote) {
        box.append(el("figure", { class: "quote" }, el("figcaption", {}, this.t("banner_quote")),
          el("blockquote", { "data-role": "quote" }, page.quote)));
      }
      if (page.vault && page.vault.length) box.append(el("p", {}, this.t("banner_vault_advice")));
      const learn = el("button", { "data-action": "learn" }, this.t("banner_learn_more"));
      learn.addEventListener("click", () => this.actions.learnMore());
      box.append(learn);
      return box;
    }

    actionRow() {
      const blur = el("button", { class: "primary", "data-action": "blur" }, this.t(this.blurred ? "banner_unblur" : "banner_blur"));
      blur.addEventListener("click", () => {
        this.blurred = !this.blurred;
        this.actions.blur(this.blurred);
        blur.textContent = this.t(this.blurred ? "banner_unblur" : "banner_blur");
      });
      const report = el("button", { "data-action": "report" }, this.t("banner_report"));
      // Once the user has asked for something here, the card stays open where it is (its report
      // status and steps are what they are waiting for), even if that is over a post.
      report.addEventListener("click", async () => {
        this.userState = "open";
        this.showReport(await this.actions.report());
      });
      const details = el("button", { "data-action": "details", "aria-controls": "details",
        "aria-expanded": String(this.detailsOpen) }, this.t(this.detailsOpen ? "banner_details_hide" : "banner_details"));
      details.addEventListener("click", () => this.toggleDetails());
      return el("div", { class: "actions" }, blur, report, details);
    }

    collapseButton() {
      const button = el("button", { class: "collapse", "data-action": "collapse", "aria-controls": "card",
        "aria-expanded": "true", "aria-label": this.t("banner_collapse") }, "–");
      button.addEventListener("click", () => this.collapse());
      return button;
    }

    // The folded banner: the level stays in view, one click (or Enter) opens the card again.
    pill(level) {
      const pill = el("button", { class: "pill", "data-action": "expand", "data-role": "pill", "aria-controls": "card",
        "aria-expanded": "false", "aria-label": this.t("banner_expand", this.catalog.levelLabel(level)) },
      this.t("banner_pill", this.catalog.levelLabel(level)));
      pill.addEventListener("click", () => this.expand());
      return pill;
    }

    toggleDetails() {
      this.detailsOpen = !this.detailsOpen;
      if (this.detailsOpen) this.userState = "open";
      const box = this.root.querySelector("[data-role=details]");
      const button = this.root.querySelector("[data-action=details]");
      box.hidden = !this.detailsOpen;
      button.setAttribute("aria-expanded", String(this.detailsOpen));
      button.textContent = this.t(this.detailsOpen ? "banner_details_hide" : "banner_details");
      this.place();
    }

    collapse() {
      this.userState = "collapsed";
      this.place();
      const pill = this.root && this.root.querySelector("[data-role=pill]");
      if (pill) pill.focus();
    }

    expand() {
      this.userState = "open";
      this.place();
      const report = this.root && this.root.querySelector("[data-action=report]");
      if (report) report.focus();
    }

    showStatus(text) {
      const status = this.root && this.root.querySelector("[data-role=status]");
      if (status) status.textContent = text || "";
    }

    // After a report: what happened, then the steps to the platform's form. Only confirmed steps
    // read as plain instructions; every other one carries the "unverified" marker beside it. When
    // the user's own info is on the page, the platform's protection switch too.
    showReport(result) {
      this.lastReport = result;
      this.showStatus(result.message);
      const status = this.root && this.root.querySelector("[data-role=status]");
      const guide = result.guide;
      const previous = this.root && this.root.querySelector("[data-role=report-guide]");
      if (previous) previous.remove();
      if (!status || !guide) return this.place();
      const marked = (text, confirmed) => el("li", { "data-confirmed": String(confirmed) }, text,
        ...(confirmed ? [] : [el("span", { class: "unverified", "data-role": "unverified" }, this.t("unverified_step"))]));
      const box = el("div", { class: "guide", "data-role": "report-guide" }, this.t("banner_report_steps"),
        el("ol", {}, ...guide.steps.map((s) => marked(s.text, s.confirmed))));
      const own = this.root.querySelector("[data-role=vault]");
      if (own && guide.protection && guide.protection.length) {
        box.append(el("ul", { "data-role": "protection" }, ...guide.protection.map((p) =>
          marked(this.t("banner_protect", [p.name, p.where || this.t("protect_where_unknown")]), p.confirmed))));
      }
      status.after(box);
      return this.place();
    }

    // -- where it goes -------------------------------------------------------------------------
    // What the banner must not cover, in viewport coordinates: the posts it is about and every
    // composer on screen.
    avoided() {
      const now = performance.now();
      if (now - this.composers.at > COMPOSERS_TTL_MS) {
        this.composers = { at: now, list: [...document.querySelectorAll(COMPOSERS)].filter((c) => !Hegai.opaque.contains(c)) };
      }
      const elements = [...this.layout.warned(), ...this.composers.list, document.activeElement]
        .filter((e) => e && e.isConnected && e !== document.body && e !== document.documentElement
          && !Hegai.opaque.contains(e));
      return elements.map((e) => e.getBoundingClientRect()).filter(onScreen);
    }

    // Open in a free corner; folded into the pill when no corner is free (unless the user opened
    // it: then where it covers least); the pill in a free corner too.
    place() {
      const wrap = this.root && this.root.querySelector("[data-role=banner]");
      if (!wrap) return;
      const avoid = this.avoided();
      if (this.userState !== "collapsed" && this.put(wrap, "open", "[data-role=card]", avoid, this.userState === "open")) return;
      this.put(wrap, "collapsed", "[data-role=pill]", avoid, true);
    }

    put(wrap, state, selector, avoid, fallback) {
      wrap.dataset.state = state;
      const box = wrap.querySelector(selector);
      const spot = bestSpot(corners(box.getBoundingClientRect()), avoid, fallback);
      if (!spot) return false;
      box.style.left = `${Math.round(spot.left)}px`;
      box.style.top = `${Math.round(spot.top)}px`;
      return true;
    }

    schedulePlace() {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.place();
      });
    }

    ensureHost() {
      if (this.host && this.host.isConnected) return;
      // Opaque to the page (content/opaque.js): no tag name, attribute or text of it says Hegai,
      // the level or the reasons; its look is the :host rule rendered with the rest.
      ({ host: this.host, root: this.root } = Hegai.opaque.create("banner"));
      document.documentElement.append(this.host);
      window.addEventListener("scroll", this.onViewport, { capture: true, passive: true });
      window.addEventListener("resize", this.onViewport, { passive: true });
      document.addEventListener("focusin", this.onFocus, true);
      this.resized = new ResizeObserver(this.onViewport);   // content loaded above moves the posts
      this.resized.observe(document.body || document.documentElement);
    }

    remove() {
      if (this.host) this.host.remove();
      this.host = null;
      this.root = null;
      window.removeEventListener("scroll", this.onViewport, { capture: true });
      window.removeEventListener("resize", this.onViewport);
      document.removeEventListener("focusin", this.onFocus, true);
      if (this.resized) this.resized.disconnect();
      this.resized = null;
    }
  }

  Hegai.Banner = Banner;
})();
