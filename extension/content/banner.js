// The page risk banner. It lives in a closed shadow root: the page's CSS cannot restyle it and
// the page's scripts cannot read it (it may name the user's own saved info, masked).
(function () {
  const HOST_STYLE = [
    "all: initial", "position: fixed", "top: 0", "left: 0", "right: 0", "z-index: 2147483647",
    // The host spans the width of the viewport; only the card itself takes clicks, so the page's
    // own controls beside it (a site's top navigation) stay usable.
    "display: block", "pointer-events: none",
  ].map((rule) => `${rule} !important`).join("; ");

  const CSS = `
    .banner { box-sizing: border-box; margin: 8px auto; max-width: 760px; padding: 12px 44px 12px 16px;
      border-radius: 10px; border-left: 6px solid var(--accent); background: #fff; color: #111827;
      font: 14px/1.55 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
      box-shadow: 0 8px 24px rgba(0,0,0,.18); position: relative; pointer-events: auto; }
    .medium { --accent: #d97706; } .high { --accent: #dc2626; } .critical { --accent: #7f1d1d; }
    .low, .none { --accent: #2563eb; }
    .vault { background: #fee2e2; color: #7f1d1d; border-radius: 6px; padding: 8px 10px; margin-bottom: 8px;
      font-size: 16px; font-weight: 700; }
    .vault ul { margin: 4px 0 0 0; padding-left: 20px; font-weight: 600; }
    .vault p { margin: 4px 0 0; font-size: 13px; font-weight: 400; }
    .level { font-weight: 700; font-size: 15px; color: var(--accent); }
    .reasons { margin: 4px 0 8px; padding-left: 20px; }
    .quote { margin: -2px 0 10px; }
    .quote figcaption { font-size: 12px; color: #4b5563; }
    .quote blockquote { margin: 2px 0 0; padding: 6px 10px; border-left: 3px solid var(--accent); border-radius: 4px;
      background: #f3f4f6; color: #1f2937; font-size: 13px; white-space: pre-line; overflow-wrap: anywhere;
      max-height: 9em; overflow-y: auto; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
    button { font: inherit; border-radius: 6px; border: 1px solid #d1d5db; background: #f9fafb; color: #111827;
      padding: 4px 12px; cursor: pointer; }
    button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
    button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
    .close { position: absolute; top: 6px; right: 8px; border: none; background: none; font-size: 20px;
      line-height: 1; padding: 4px 8px; }
    .status { margin: 6px 0 0; font-size: 13px; color: #374151; }
    .status:empty { display: none; }
    .guide { margin: 4px 0 0; font-size: 13px; color: #374151; }
    .guide ol { margin: 2px 0 0; padding-left: 20px; }
    .unverified { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 4px; font-size: 12px;
      background: #fef3c7; color: #92400e; }
  `;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }

  class Banner {
    constructor({ catalog, actions }) {
      this.catalog = catalog;
      this.actions = actions; // {blur(on), report(), learnMore()}
      this.dismissed = false;
      this.blurred = false;
      this.host = null;
      this.root = null;
    }

    static shouldShow(page) {
      return (page.vault && page.vault.length > 0) || Hegai.levelRank(page.level) >= Hegai.levelRank("medium");
    }

    render(page) {
      if (this.dismissed) return;
      // The page-level assessment can be lower than a batch's: then the banner goes.
      if (!Banner.shouldShow(page)) return this.remove();
      this.ensureHost();
      const t = (key, subs) => this.catalog.t(key, subs);
      const level = Hegai.levelRank(page.level) >= Hegai.levelRank("medium") ? page.level : "high";
      const box = el("div", { class: `banner ${level}`, role: "alert", "data-role": "banner", "data-level": page.level });
      if (page.vault && page.vault.length) box.append(this.vaultSection(page.vault));
      box.append(el("div", { class: "level", "data-role": "level" }, t("banner_level", this.catalog.levelLabel(page.level))));
      const reasons = el("ul", { class: "reasons", "data-role": "reasons" });
      for (const reason of page.reasons || []) reasons.append(el("li", {}, reason));
      box.append(reasons);
      if (page.quote) box.append(this.quoteSection(page.quote));
      box.append(this.actionRow(t));
      box.append(el("p", { class: "status", "data-role": "status", "aria-live": "polite" }));
      const close = el("button", { class: "close", "data-action": "close", "aria-label": t("banner_close") }, "×");
      close.addEventListener("click", () => this.dismiss());
      box.append(close);
      this.root.replaceChildren(el("style", {}, `:host { ${HOST_STYLE}; }\n${CSS}`), box);
      if (this.lastReport) this.showReport(this.lastReport);   // a re-render keeps what the report said
    }

    vaultSection(vault) {
      const list = el("ul", {});
      for (const entry of vault) {
        const kind = this.catalog.t(`vault_kind_${entry.kind}`);
        const named = entry.label ? `${kind}（${entry.label}）` : kind;
        list.append(el("li", {}, `${named}：${entry.masked}`));
      }
      return el("div", { class: "vault", "data-role": "vault" },
        `⚠ ${this.catalog.t("banner_vault_title")}`, list, el("p", {}, this.catalog.t("banner_vault_advice")));
    }

    // The worst post's own words (values masked by the service, "…" where trimmed): which post
    // the reasons are about, and never words of another post.
    quoteSection(quote) {
      return el("figure", { class: "quote" }, el("figcaption", {}, this.catalog.t("banner_quote")),
        el("blockquote", { "data-role": "quote" }, quote));
    }

    actionRow(t) {
      const blur = el("button", { class: "primary", "data-action": "blur" }, t(this.blurred ? "banner_unblur" : "banner_blur"));
      blur.addEventListener("click", () => {
        this.blurred = !this.blurred;
        this.actions.blur(this.blurred);
        blur.textContent = t(this.blurred ? "banner_unblur" : "banner_blur");
      });
      const report = el("button", { "data-action": "report" }, t("banner_report"));
      report.addEventListener("click", async () => this.showReport(await this.actions.report()));
      const learn = el("button", { "data-action": "learn" }, t("banner_learn_more"));
      learn.addEventListener("click", () => this.actions.learnMore());
      return el("div", { class: "actions" }, blur, report, learn);
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
      if (!status || !guide) return;
      const t = (key, subs) => this.catalog.t(key, subs);
      const marked = (text, confirmed) => el("li", { "data-confirmed": String(confirmed) }, text,
        ...(confirmed ? [] : [el("span", { class: "unverified", "data-role": "unverified" }, t("unverified_step"))]));
      const box = el("div", { class: "guide", "data-role": "report-guide" }, t("banner_report_steps"),
        el("ol", {}, ...guide.steps.map((s) => marked(s.text, s.confirmed))));
      const own = this.root.querySelector("[data-role=vault]");
      if (own && guide.protection && guide.protection.length) {
        box.append(el("ul", { "data-role": "protection" }, ...guide.protection.map((p) =>
          marked(t("banner_protect", [p.name, p.where || t("protect_where_unknown")]), p.confirmed))));
      }
      status.after(box);
    }

    ensureHost() {
      if (this.host && this.host.isConnected) return;
      // Opaque to the page (content/opaque.js): no tag name, attribute or text of it says Hegai,
      // the level or the reasons; its look is the :host rule rendered with the rest.
      ({ host: this.host, root: this.root } = Hegai.opaque.create("banner"));
      document.documentElement.append(this.host);
    }

    dismiss() {
      this.dismissed = true;
      this.remove();
    }

    remove() {
      if (this.host) this.host.remove();
      this.host = null;
    }
  }

  Hegai.Banner = Banner;
})();
