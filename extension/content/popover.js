// The small popover that says why a piece of text is marked (content/highlight.js). Native
// `title` tooltips come late, look like nothing, and neither touch nor the keyboard reach them;
// this one opens on mouse hover, on keyboard focus (Tab; Enter pins it, Esc closes it) and on a
// tap. It lives in the mark's closed shadow root (content/opaque.js), so the page cannot read it,
// and is shown in the browser's top layer (the Popover API), so no transform, overflow or
// z-index of the page clips or covers it. It sits above the marked words (below them when there
// is no room), never on them, and is as small as its words.
(function () {
  const GAP = 6;            // px between the marked words and the popover
  const EDGE = 4;           // px kept from the viewport's edges
  const HOVER_OPEN_MS = 80; // a pointer passing over a mark does not flash it open
  const HOVER_CLOSE_MS = 150;

  const CSS = `
    .tip { position: fixed; inset: auto; margin: 0; box-sizing: border-box; max-width: min(320px, calc(100vw - 8px));
      padding: 5px 9px; border: none; border-radius: 6px; background: #111827; color: #f9fafb;
      font: 13px/1.45 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
      box-shadow: 0 4px 14px rgba(0,0,0,.25); overflow-wrap: anywhere; pointer-events: none; }
    .tip.own { background: #7f1d1d; }
    .tip .kind { font-weight: 700; }
  `;

  let open = null;          // the one popover shown at a time

  // Where the popover goes: above the first line of the marked words, else below the last one;
  // left-aligned with them, inside the viewport.
  function place(tip, target) {
    const lines = target.getClientRects();
    const first = lines[0] || target.getBoundingClientRect();
    const last = lines[lines.length - 1] || first;
    const { width, height } = tip.getBoundingClientRect();
    const above = first.top - GAP - height;
    const top = above >= EDGE ? above : Math.min(last.bottom + GAP, window.innerHeight - height - EDGE);
    const anchor = above >= EDGE ? first : last;
    const left = Math.max(EDGE, Math.min(anchor.left, window.innerWidth - width - EDGE));
    tip.style.top = `${Math.round(top)}px`;
    tip.style.left = `${Math.round(left)}px`;
  }

  class Popover {
    // `host`: the mark in the page; `target`: the focusable element inside its root that is
    // described; `text`: {kind, detail, own}.
    constructor(root, host, target, text) {
      this.host = host;
      this.target = target;
      this.pinned = false;
      this.timer = null;
      this.tip = document.createElement("span");
      this.tip.id = "why";
      this.tip.className = text.own ? "tip own" : "tip";
      this.tip.setAttribute("role", "tooltip");
      this.tip.setAttribute("popover", "manual");
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = text.kind;
      this.tip.append(kind);
      if (text.detail) this.tip.append(` · ${text.detail}`);
      target.setAttribute("aria-describedby", "why");
      root.append(this.tip);
      this.listen();
    }

    static get CSS() {
      return CSS;
    }

    get text() {
      return this.tip.textContent;
    }

    listen() {
      const t = this.target;
      t.addEventListener("pointerenter", (e) => { if (e.pointerType === "mouse") this.later(() => this.show(), HOVER_OPEN_MS); });
      t.addEventListener("pointerleave", (e) => { if (e.pointerType === "mouse" && !this.pinned) this.later(() => this.hide(), HOVER_CLOSE_MS); });
      t.addEventListener("focus", () => this.show());
      t.addEventListener("blur", () => this.hide());
      // A tap (or a click) pins it open; a second one closes it.
      t.addEventListener("click", () => (this.pinned ? this.hide() : this.show(true)));
      t.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          if (this.isOpen() && this.pinned) this.hide(); else this.show(true);
        }
      });
    }

    later(fn, ms) {
      clearTimeout(this.timer);
      this.timer = setTimeout(fn, ms);
    }

    isOpen() {
      return open === this;
    }

    show(pin = false) {
      clearTimeout(this.timer);
      if (!this.target.isConnected) return;
      if (open && open !== this) open.hide();
      this.pinned = this.pinned || pin;
      if (!this.isOpen()) {
        open = this;
        try {
          this.tip.showPopover();
        } catch (err) {
          return; // not connected, or the page is in a state that refuses popovers: no tooltip
        }
        document.addEventListener("keydown", onDocumentKey, true);
        document.addEventListener("pointerdown", onDocumentPointer, true);
        window.addEventListener("scroll", onViewportChange, { capture: true, passive: true });
        window.addEventListener("resize", onViewportChange, { passive: true });
      }
      place(this.tip, this.target);
    }

    hide() {
      clearTimeout(this.timer);
      this.pinned = false;
      if (!this.isOpen()) return;
      open = null;
      if (this.tip.matches(":popover-open")) this.tip.hidePopover();
      document.removeEventListener("keydown", onDocumentKey, true);
      document.removeEventListener("pointerdown", onDocumentPointer, true);
      window.removeEventListener("scroll", onViewportChange, { capture: true });
      window.removeEventListener("resize", onViewportChange);
    }
  }

  // Esc closes the open popover wherever the focus is (it may have opened on hover).
  function onDocumentKey(e) {
    if (e.key === "Escape" && open) open.hide();
  }

  // A tap or click anywhere else closes it (how touch users dismiss it). The path seen from the
  // document stops at the mark's host (its root is closed).
  function onDocumentPointer(e) {
    if (open && !e.composedPath().includes(open.host)) open.hide();
  }

  function onViewportChange() {
    if (open) place(open.tip, open.target);
  }

  Hegai.Popover = Popover;
})();
