// Pictures on the page (issues 10, 21): visible pictures big enough to hold text (not icons or
// avatars) are checked lazily, as they scroll into view, through the service worker: <img>
// elements (<picture> and srcset included: the source the browser chose) and elements whose CSS
// background-image is a picture. Where the service finds personal info or a QR code into the
// 开盒 trade, blur boxes are drawn over exactly those regions of the picture as it is shown
// (object-fit / background-size crop and scale it: content/image-geometry.js), following it on
// scroll, resize and a change of source; the findings count in the page summary.
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
  const BG_SCAN_SLICE = 400;  // elements looked at per idle slice when searching for background pictures
  const BG_ATTRIBUTES = ["style", "class"];
  const { ofImage, ofBackground, backgroundLayer } = Hegai.imageGeometry;

  // The host (content/opaque.js) is an empty, attribute-less 0×0 anchor at the document's origin;
  // the shield and its boxes, with the finding types and hover text, are inside its closed root.
  const HOST_CSS = ":host { all: initial !important; position: absolute !important; left: 0 !important; top: 0 !important;"
    + " width: 0 !important; height: 0 !important; overflow: visible !important; pointer-events: none !important;"
    + " z-index: 2147483640 !important; display: block !important; }";
  // The shield is the picture's clip (content box, or background painting area): a cropped
  // picture's boxes are cut where the picture is.
  const SHIELD_STYLE = "position: absolute; pointer-events: none; display: block; overflow: hidden;";
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

  // What a watched element shows: an <img>, or a CSS background picture (its first url() layer).
  function pictureOf(el) {
    if (el instanceof HTMLImageElement) return { src: el.currentSrc || el.src, background: null };
    const layer = backgroundLayer(getComputedStyle(el));
    return layer ? { src: layer.url, background: layer } : null;
  }

  function looksLikeIcon(el, rect, src) {
    if (Math.max(rect.width, rect.height) >= SMALL_AVATAR) return false;
    const hints = `${typeof el.className === "string" ? el.className : ""} ${el.getAttribute("alt") || ""} ${el.getAttribute("aria-label") || ""} ${src}`;
    return ICON_HINT.test(hints) || parseFloat(getComputedStyle(el).borderRadius) >= rect.width / 2 - 1;
  }

  function bigEnough(el, src) {
    const rect = el.getBoundingClientRect();
    if (rect.width < MIN_WIDTH || rect.height < MIN_HEIGHT) return false;
    if (el instanceof HTMLImageElement && (el.naturalWidth < MIN_WIDTH || el.naturalHeight < MIN_HEIGHT)) return false;
    return !looksLikeIcon(el, rect, src);
  }

  // Where the picture is drawn, in document coordinates: the clip and each copy (tile), with the
  // scale from the picture's pixels (width × height, as the service read them).
  function placement(el, background, width, height) {
    const at = background ? ofBackground(el, background.index, width, height) : ofImage(el);
    const { clip } = at;
    return { left: clip.left + window.scrollX, top: clip.top + window.scrollY, w: clip.w, h: clip.h,
      tiles: at.tiles.map((t) => ({ ...t, sx: t.w / width, sy: t.h / height })),
      visible: el.isConnected && clip.w > 0 && clip.h > 0 };
  }

  // The regions to cover, in the picture's pixels: every finding's boxes, and each QR code that
  // leads into the 开盒 trade (it has no text finding, but the banner names it).
  function regions(image) {
    const out = [];
    for (const finding of image.findings) {
      for (const box of finding.boxes) out.push({ box, type: finding.type, title: `${finding.label || finding.type} · ${finding.masked}` });
    }
    for (const code of image.qr_codes || []) {
      if (code.trade) out.push({ box: code.box, type: "QR_TRADE", title: code.reasons[0] || "QR" });
    }
    return out;
  }

  class Shield {
    constructor(el, image, picture) {
      this.el = el;
      this.image = image;
      this.src = picture.src;
      this.background = picture.background;
      const { host, root } = Hegai.opaque.create("shield", HOST_CSS);
      this.host = host;
      this.shield = document.createElement("div");
      this.shield.dataset.hegaiShield = "";
      this.shield.style.cssText = SHIELD_STYLE;
      root.append(this.shield);
      this.regions = regions(image);
      this.boxes = [];
      document.documentElement.append(this.host);
      this.place();
    }

    // One box element per region and tile (a repeated background shows the picture many times).
    boxesFor(count) {
      while (this.boxes.length < count) {
        const region = this.regions[this.boxes.length % this.regions.length];
        const el = document.createElement("div");
        el.style.cssText = BOX_STYLE;
        el.setAttribute("data-type", region.type);
        el.setAttribute("title", region.title);
        this.shield.append(el);
        this.boxes.push(el);
      }
      while (this.boxes.length > count) this.boxes.pop().remove();
      return this.boxes;
    }

    place() {
      const at = placement(this.el, this.background, this.image.width, this.image.height);
      this.shield.style.display = at.visible ? "block" : "none";
      if (!at.visible) return;
      this.shield.style.left = `${at.left}px`;
      this.shield.style.top = `${at.top}px`;
      this.shield.style.width = `${at.w}px`;
      this.shield.style.height = `${at.h}px`;
      const els = this.boxesFor(at.tiles.length * this.regions.length);
      at.tiles.forEach((tile, t) => {
        this.regions.forEach(({ box }, r) => {
          // Whole CSS pixels outwards: a box never stops inside a glyph's anti-aliased edge.
          const x0 = Math.floor(tile.x + box[0] * tile.sx), y0 = Math.floor(tile.y + box[1] * tile.sy);
          const x1 = Math.ceil(tile.x + box[2] * tile.sx), y1 = Math.ceil(tile.y + box[3] * tile.sy);
          const style = els[t * this.regions.length + r].style;
          style.left = `${x0}px`;
          style.top = `${y0}px`;
          style.width = `${x1 - x0}px`;
          style.height = `${y1 - y0}px`;
        });
      });
    }

    // The element now shows another picture (srcset/<picture> chose another source, or its
    // background changed): these boxes belong to the old one.
    stale() {
      const now = pictureOf(this.el);
      return !now || now.src !== this.src;
    }

    remove() { this.host.remove(); }
  }

  class ImageWatcher {
    constructor({ send, onPage }) {
      this.send = send;
      this.onPage = onPage;
      this.seen = new WeakSet();     // elements observed for visibility (until their picture changes)
      this.results = new Map();     // src → Promise<reply>: a picture used twice is checked once
      this.shields = new Map();     // element → Shield
      this.queue = [];
      this.busy = false;
      this.framePending = false;
      this.checkedSrc = new WeakMap();  // element → the picture it showed when last considered
      this.backgroundRoots = [];    // tree walkers over subtrees still to search for background pictures
      this.restyled = new Set();    // elements whose style or class changed: a background may have come
      this.backgroundTimer = null;
      this.intersection = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: "200px" });
      this.mutations = new MutationObserver((records) => this.onMutations(records));
      this.resize = new ResizeObserver(() => this.schedulePlace());
      this.onScroll = () => this.schedulePlace();
      // A srcset or <picture> source switched (the viewport changed): the <img> loads the new one.
      this.onLoad = (event) => {
        const img = event.target;
        if (img instanceof HTMLImageElement && this.checkedSrc.has(img)) this.recheck(img);
      };
    }

    start() {
      for (const img of document.images) this.watch(img);
      this.findBackgrounds(document.body || document.documentElement);
      this.mutations.observe(document.documentElement, { childList: true, subtree: true, attributes: true,
        attributeFilter: ["src", "srcset", "sizes", "media", ...BG_ATTRIBUTES] });
      window.addEventListener("scroll", this.onScroll, { capture: true, passive: true });
      window.addEventListener("resize", this.onScroll, { passive: true });
      document.addEventListener("load", this.onLoad, { capture: true, passive: true });
    }

    stop() {
      this.intersection.disconnect();
      this.mutations.disconnect();
      this.resize.disconnect();
      window.removeEventListener("scroll", this.onScroll, { capture: true });
      window.removeEventListener("resize", this.onScroll);
      document.removeEventListener("load", this.onLoad, { capture: true });
      clearInterval(this.ticker);
      this.ticker = null;
      clearTimeout(this.backgroundTimer);
      this.backgroundRoots = [];
      this.restyled.clear();
      for (const shield of this.shields.values()) shield.remove();
      this.shields.clear();
      this.queue = [];
    }

    watch(el) {
      if (this.seen.has(el)) return;
      this.seen.add(el);
      this.intersection.observe(el);
    }

    // Background pictures: found by each element's computed style, a slice at a time when the
    // page is idle (a long page has many elements; most are too small to look at).
    findBackgrounds(root) {
      if (!root || root.nodeType !== Node.ELEMENT_NODE) return;
      this.backgroundRoots.push({ walker: document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT), first: true });
      this.searchSoon();
    }

    searchSoon() {
      if (!this.backgroundTimer) this.backgroundTimer = setTimeout(() => this.searchBackgrounds(), 50);
    }

    searchBackgrounds() {
      this.backgroundTimer = null;
      for (const el of this.restyled) this.recheck(el);
      this.restyled.clear();
      let budget = BG_SCAN_SLICE;
      while (this.backgroundRoots.length && budget > 0) {
        const job = this.backgroundRoots[this.backgroundRoots.length - 1];
        const el = job.first ? job.walker.currentNode : job.walker.nextNode();
        job.first = false;
        if (!el) { this.backgroundRoots.pop(); continue; }
        this.considerBackground(el);
        budget -= 1;
      }
      if (this.backgroundRoots.length) this.searchSoon();
    }

    considerBackground(el) {
      if (!(el instanceof HTMLElement) || el instanceof HTMLImageElement || this.seen.has(el)) return;
      if (Hegai.opaque.contains(el) || el.offsetWidth < MIN_WIDTH || el.offsetHeight < MIN_HEIGHT) return;
      if (pictureOf(el)) this.watch(el);
    }

    onMutations(records) {
      for (const record of records) {
        const target = record.target;
        if (record.type === "attributes") {
          if (Hegai.opaque.contains(target)) continue;
          if (target instanceof HTMLImageElement) this.recheck(target);
          else if (target.localName === "source" && target.parentElement instanceof HTMLPictureElement) {
            const img = target.parentElement.querySelector("img");
            if (img) this.recheck(img);
          } else if (BG_ATTRIBUTES.includes(record.attributeName)) {
            this.restyled.add(target);
            this.searchSoon();
          }
          continue;
        }
        for (const node of record.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE || Hegai.opaque.contains(node)) continue;
          if (node instanceof HTMLImageElement) this.watch(node);
          else for (const img of node.querySelectorAll("img")) this.watch(img);
          this.findBackgrounds(node);
        }
      }
      this.schedulePlace();   // the page moved things around
    }

    // The element may show another picture now: forget the old boxes, look again.
    recheck(el) {
      const now = pictureOf(el);
      if (now && this.checkedSrc.get(el) === now.src) return;
      if (!now && !this.seen.has(el)) return;
      this.checkedSrc.delete(el);
      this.forget(el);
      if (el instanceof HTMLImageElement) this.watch(el);
      else this.considerBackground(el);
    }

    forget(el) {
      this.seen.delete(el);
      this.intersection.unobserve(el);
      const shield = this.shields.get(el);
      if (shield) shield.remove();
      this.shields.delete(el);
    }

    onVisible(entries) {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const el = entry.target;
        this.intersection.unobserve(el);
        if (!(el instanceof HTMLImageElement) || el.complete) this.consider(el);
        else el.addEventListener("load", () => this.consider(el), { once: true });
      }
    }

    consider(el) {
      const picture = pictureOf(el);
      if (!picture || !picture.src || !bigEnough(el, picture.src)) return;
      this.checkedSrc.set(el, picture.src);
      this.queue.push({ el, picture });
      this.pump();
    }

    async pump() {
      if (this.busy) return;
      this.busy = true;
      try {
        while (this.queue.length) {
          const { el, picture } = this.queue.shift();
          const reply = await this.check(picture.src);
          this.show(el, picture, reply);
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

    show(el, picture, reply) {
      const { src } = picture;
      const image = reply && reply.ok ? reply.image : null;
      const count = image ? image.findings.length : 0;
      const covered = image ? regions(image).length : 0;
      // Told to the service worker, never to the page (tests and benchmarks read it there).
      Hegai.progress.note("image", { src: src.slice(0, 300), ok: Boolean(image), findings: count,
        qr_trade: image ? image.qr_codes.filter((q) => q.trade).length : 0, background: Boolean(picture.background) });
      if (!image) {
        if (reply && (reply.status === "offline" || reply.status === "unpaired")) this.results.delete(src);
        return;
      }
      if (reply.page) this.onPage(reply.page);
      if (!covered || this.shields.has(el) || !el.isConnected) return;
      const now = pictureOf(el);
      if (!now || now.src !== src) { this.recheck(el); return; }   // it changed while being read
      this.shields.set(el, new Shield(el, image, picture));
      this.resize.observe(el);
      // Layout can move a picture without a resize or a DOM change we watch (a class toggled
      // elsewhere): a cheap re-check of the few shielded pictures twice a second.
      if (!this.ticker) this.ticker = setInterval(() => this.schedulePlace(), RECHECK_MS);
    }

    schedulePlace() {
      if (this.framePending || !this.shields.size) return;
      this.framePending = true;
      requestAnimationFrame(() => {
        this.framePending = false;
        for (const [el, shield] of [...this.shields]) {
          if (!el.isConnected) { shield.remove(); this.shields.delete(el); } else if (shield.stale()) this.recheck(el);
          else shield.place();
        }
      });
    }
  }

  Hegai.ImageWatcher = ImageWatcher;
})();
