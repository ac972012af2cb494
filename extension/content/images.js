// Pictures on the page (issue 10): visible pictures big enough to hold text (not icons or
// avatars) are checked lazily, as they scroll into view, through the service worker. Where the
// service finds personal info, blur boxes are drawn over exactly those regions, positioned over
// the picture and following it on scroll and resize; the findings count in the page summary.
//
// Getting the bytes: same-origin, data: and blob: pictures are read here (the page's cache and
// cookies apply); cross-origin ones are fetched by the service worker with the extension's host
// permission (no cookies). If that fails (hotlink protection), a CORS-enabled picture is read
// here as a last try; anything else is skipped, never drawn into a tainted canvas.
(function () {
  if (window.top !== window || Hegai.ImageWatcher) return;

  const MIN_WIDTH = 120;      // CSS px: below this a picture is an icon, avatar or emoji
  const MIN_HEIGHT = 80;
  const SMALL_AVATAR = 200;   // a round or "avatar"-named picture under this size is skipped
  const ICON_HINT = /avatar|emoji|icon|logo|face|portrait|头像/i;
  const MAX_BYTES = 8 * 1024 * 1024;
  const RECHECK_MS = 500;
  const BOX_PAD = 2;          // px in the picture, so anti-aliased edges of glyphs are covered too

  // The host (content/opaque.js) is an empty, attribute-less 0×0 anchor at the document's origin;
  // the shield and its boxes, with the finding types and hover text, are inside its closed root.
  const HOST_CSS = ":host { all: initial !important; position: absolute !important; left: 0 !important; top: 0 !important;"
    + " width: 0 !important; height: 0 !important; overflow: visible !important; pointer-events: none !important;"
    + " z-index: 2147483640 !important; display: block !important; }";
  const SHIELD_STYLE = "position: absolute; pointer-events: none; display: block;";
  const BOX_STYLE = "position: absolute; display: block; backdrop-filter: blur(10px); -webkit-backdrop-filter: blur(10px);"
    + " background: rgba(120, 120, 120, .35); border-radius: 3px; outline: 1px solid rgba(220, 38, 38, .6);";

  function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let out = "";
    for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(out);
  }

  async function readHere(src, mode) {
    const res = await fetch(src, { mode, credentials: mode === "cors" ? "omit" : "same-origin", cache: "force-cache" });
    if (!res.ok) throw new Error(`picture ${res.status}`);
    const blob = await res.blob();
    if (blob.size > MAX_BYTES) throw new Error("picture too large");
    return toBase64(await blob.arrayBuffer());
  }

  function readsHere(src) {
    if (src.startsWith("data:") || src.startsWith("blob:")) return true;
    try { return new URL(src, location.href).origin === location.origin; } catch (_) { return false; }
  }

  function bigEnough(img) {
    const rect = img.getBoundingClientRect();
    if (rect.width < MIN_WIDTH || rect.height < MIN_HEIGHT) return false;
    if (img.naturalWidth < MIN_WIDTH || img.naturalHeight < MIN_HEIGHT) return false;
    if (Math.max(rect.width, rect.height) < SMALL_AVATAR) {
      const hints = `${img.className} ${img.alt} ${img.src}`;
      if (ICON_HINT.test(hints) || parseFloat(getComputedStyle(img).borderRadius) >= rect.width / 2 - 1) return false;
    }
    return true;
  }

  // The content box of the picture, in document coordinates, and the scale from its pixels.
  function placement(img, width, height) {
    const rect = img.getBoundingClientRect();
    const style = getComputedStyle(img);
    const px = (name) => parseFloat(style[name]) || 0;
    const left = rect.left + px("borderLeftWidth") + px("paddingLeft");
    const top = rect.top + px("borderTopWidth") + px("paddingTop");
    const w = rect.width - px("borderLeftWidth") - px("paddingLeft") - px("borderRightWidth") - px("paddingRight");
    const h = rect.height - px("borderTopWidth") - px("paddingTop") - px("borderBottomWidth") - px("paddingBottom");
    return { left: left + window.scrollX, top: top + window.scrollY, w, h, sx: w / width, sy: h / height,
      visible: img.isConnected && rect.width > 0 && rect.height > 0 };
  }

  class Shield {
    constructor(img, image) {
      this.img = img;
      this.image = image;
      const { host, root } = Hegai.opaque.create("shield", HOST_CSS);
      this.host = host;
      this.shield = document.createElement("div");
      this.shield.dataset.hegaiShield = "";
      this.shield.style.cssText = SHIELD_STYLE;
      root.append(this.shield);
      this.boxes = [];
      for (const finding of image.findings) {
        for (const box of finding.boxes) {
          const el = document.createElement("div");
          el.style.cssText = BOX_STYLE;
          el.setAttribute("data-type", finding.type);
          el.setAttribute("title", `${finding.label || finding.type} · ${finding.masked}`);
          this.shield.append(el);
          this.boxes.push({ el, box });
        }
      }
      document.documentElement.append(this.host);
      this.place();
    }

    place() {
      const at = placement(this.img, this.image.width, this.image.height);
      this.shield.style.display = at.visible ? "block" : "none";
      if (!at.visible) return;
      this.shield.style.left = `${at.left}px`;
      this.shield.style.top = `${at.top}px`;
      this.shield.style.width = `${at.w}px`;
      this.shield.style.height = `${at.h}px`;
      for (const { el, box } of this.boxes) {
        const x0 = Math.max(0, box[0] - BOX_PAD) * at.sx;
        const y0 = Math.max(0, box[1] - BOX_PAD) * at.sy;
        const x1 = Math.min(this.image.width, box[2] + BOX_PAD) * at.sx;
        const y1 = Math.min(this.image.height, box[3] + BOX_PAD) * at.sy;
        el.style.left = `${x0}px`;
        el.style.top = `${y0}px`;
        el.style.width = `${x1 - x0}px`;
        el.style.height = `${y1 - y0}px`;
      }
    }

    remove() { this.host.remove(); }
  }

  class ImageWatcher {
    constructor({ send, onPage }) {
      this.send = send;
      this.onPage = onPage;
      this.seen = new WeakSet();
      this.results = new Map();     // src → Promise<reply>: a picture used twice is checked once
      this.shields = new Map();     // img → Shield
      this.queue = [];
      this.busy = false;
      this.framePending = false;
      this.intersection = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: "200px" });
      this.mutations = new MutationObserver((records) => this.onMutations(records));
      this.resize = new ResizeObserver(() => this.schedulePlace());
      this.onScroll = () => this.schedulePlace();
    }

    start() {
      for (const img of document.images) this.watch(img);
      this.mutations.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["src", "srcset"] });
      window.addEventListener("scroll", this.onScroll, { capture: true, passive: true });
      window.addEventListener("resize", this.onScroll, { passive: true });
    }

    stop() {
      this.intersection.disconnect();
      this.mutations.disconnect();
      this.resize.disconnect();
      window.removeEventListener("scroll", this.onScroll, { capture: true });
      window.removeEventListener("resize", this.onScroll);
      clearInterval(this.ticker);
      this.ticker = null;
      for (const shield of this.shields.values()) shield.remove();
      this.shields.clear();
      this.queue = [];
    }

    watch(img) {
      if (!(img instanceof HTMLImageElement) || this.seen.has(img)) return;
      this.seen.add(img);
      this.intersection.observe(img);
    }

    onMutations(records) {
      for (const record of records) {
        if (record.type === "attributes") {
          const img = record.target;
          if (img instanceof HTMLImageElement && this.seen.has(img)) this.forget(img);
          this.watch(img);
          continue;
        }
        for (const node of record.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE || Hegai.opaque.contains(node)) continue;
          if (node instanceof HTMLImageElement) this.watch(node);
          else for (const img of node.querySelectorAll("img")) this.watch(img);
        }
      }
      this.schedulePlace();   // the page moved things around
    }

    forget(img) {   // its src changed: a different picture now
      this.seen.delete(img);
      this.intersection.unobserve(img);
      const shield = this.shields.get(img);
      if (shield) shield.remove();
      this.shields.delete(img);
    }

    onVisible(entries) {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const img = entry.target;
        this.intersection.unobserve(img);
        if (img.complete) this.consider(img);
        else img.addEventListener("load", () => this.consider(img), { once: true });
      }
    }

    consider(img) {
      const src = img.currentSrc || img.src;
      if (!src || !bigEnough(img)) return;
      this.queue.push({ img, src });
      this.pump();
    }

    async pump() {
      if (this.busy) return;
      this.busy = true;
      try {
        while (this.queue.length) {
          const { img, src } = this.queue.shift();
          const reply = await this.check(src);
          this.show(img, src, reply);
        }
      } finally {
        this.busy = false;
      }
    }

    check(src) {
      if (!this.results.has(src)) this.results.set(src, this.ask(src));
      return this.results.get(src);
    }

    async ask(src) {
      const base = { type: "image-scan", src, url: location.href, host: location.hostname };
      let reply;
      try {
        if (readsHere(src)) return await this.send({ ...base, bytes: await readHere(src, "same-origin") });
        reply = await this.send(base);
        if (reply && !reply.ok && reply.fetch) reply = await this.send({ ...base, bytes: await readHere(src, "cors") });
      } catch (err) {
        return { ok: false, status: "unreadable" };
      }
      return reply;
    }

    show(img, src, reply) {
      const image = reply && reply.ok ? reply.image : null;
      const count = image ? image.findings.length : 0;
      // Told to the service worker, never to the page (tests and benchmarks read it there).
      Hegai.progress.note("image", { src: src.slice(0, 300), ok: Boolean(image), findings: count,
        qr_trade: image ? image.qr_codes.filter((q) => q.trade).length : 0 });
      if (!image) {
        if (reply && (reply.status === "offline" || reply.status === "unpaired")) this.results.delete(src);
        return;
      }
      if (reply.page) this.onPage(reply.page);
      if (!count || this.shields.has(img) || !img.isConnected) return;
      this.shields.set(img, new Shield(img, image));
      this.resize.observe(img);
      // Layout can move a picture without a resize or a DOM change we watch (a class toggled
      // elsewhere): a cheap re-check of the few shielded pictures twice a second.
      if (!this.ticker) this.ticker = setInterval(() => this.schedulePlace(), RECHECK_MS);
    }

    schedulePlace() {
      if (this.framePending || !this.shields.size) return;
      this.framePending = true;
      requestAnimationFrame(() => {
        this.framePending = false;
        for (const [img, shield] of this.shields) {
          if (!img.isConnected) { shield.remove(); this.shields.delete(img); } else shield.place();
        }
      });
    }
  }

  Hegai.ImageWatcher = ImageWatcher;
})();
