// Hegai's elements on a web page, made so the page's own scripts cannot read what Hegai
// concluded (SPEC "Security model": no marks, events or attributes reveal a verdict):
// - every element we add to a page is a host with a *closed* shadow root; the verdict (finding
//   type, reasons, level, the banner's words) lives only inside that root, which page scripts
//   cannot open (Element.shadowRoot is null for them);
// - the host's tag name is neutral and random per page load, so it neither names Hegai nor is a
//   fixed fingerprint, and cannot collide with a custom element the page defines;
// - the host carries no attributes; its look comes from a :host rule inside the root;
// - which nodes are ours is kept here, in a WeakSet of this isolated world, not in the DOM.
// The page can still see that an unnamed element wraps some text or covers a picture (a
// highlight has to exist to be seen); it cannot read why.
(function () {
  const Hegai = globalThis.Hegai || (globalThis.Hegai = {});
  if (Hegai.opaque) return; // loaded by more than one content-script entry

  const own = new WeakSet();
  const tags = new Map();

  function randomTag() {
    const bytes = crypto.getRandomValues(new Uint8Array(5));
    const letters = [...bytes].map((b) => String.fromCharCode(97 + (b % 26))).join("");
    return `${letters.slice(0, 2)}-${letters.slice(2)}`;
  }

  // One tag per kind of element (mark, banner, shield…) for this page load.
  function tagFor(kind) {
    if (!tags.has(kind)) {
      let tag = randomTag();
      // (customElements is null in a content script's world; the page's registry is not ours to read)
      while ([...tags.values()].includes(tag)) tag = randomTag();
      tags.set(kind, tag);
    }
    return tags.get(kind);
  }

  // While the tab is captured as evidence for a report (background/report.js), nothing Hegai
  // draws may show: the screenshot is the page as its author left it. Each root adopts one
  // constructed sheet for its look during capture, disabled the rest of the time; a capture
  // switches every sheet at once, so a banner re-rendered mid-capture stays hidden too (adopted
  // sheets survive replaceChildren). The default look is "not there"; a mark passes its own
  // (the page's text, unstyled: hiding the host would hide the text too).
  const HIDDEN = ":host { display: none !important; }";
  const captureSheets = new Map();   // css → CSSStyleSheet
  let capturing = false;
  let captureTimer = null;
  const CAPTURE_MAX_MS = 10000;      // a capture whose end never came (worker stopped) ends anyway

  function captureSheet(css) {
    if (!captureSheets.has(css)) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheet.disabled = !capturing;
      captureSheets.set(css, sheet);
    }
    return captureSheets.get(css);
  }

  function capture(on) {
    capturing = Boolean(on);
    for (const sheet of captureSheets.values()) sheet.disabled = !capturing;
    clearTimeout(captureTimer);
    if (capturing) captureTimer = setTimeout(() => capture(false), CAPTURE_MAX_MS);
  }

  // A new attribute-less host and its closed shadow root; `css` styles the root (and, with
  // :host rules, the host itself: !important there beats the page's own !important rules);
  // `captureCss` is its look while the tab is captured as evidence (default: hidden).
  function create(kind, css, captureCss = HIDDEN) {
    const host = document.createElement(tagFor(kind));
    const root = host.attachShadow({ mode: "closed" });
    root.adoptedStyleSheets = [captureSheet(captureCss)];
    if (css) {
      const style = document.createElement("style");
      style.textContent = css;
      root.append(style);
    }
    own.add(host);
    return { host, root };
  }

  // Is this node one of ours, or inside one (crossing shadow roots)?
  function contains(node) {
    for (let n = node; n; n = n.parentNode || (n.host !== undefined ? n.host : null)) {
      if (own.has(n)) return true;
    }
    return false;
  }

  // Every frame hides its part (a guard hint in a framed composer too); the top frame's
  // content/report.js also brings the reported post into view and answers when it is painted.
  chrome.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== chrome.runtime.id || !message) return false;
    if (message.type === "capture-hide") capture(true);
    if (message.type === "capture-end") capture(false);
    return false;
  });

  Hegai.opaque = { create, contains, capture, isOwn: (el) => own.has(el), isCapturing: () => capturing };
})();
