// Content-script side of reporting: tells the service worker what the offending post is (its
// text, the page URL and title, the post id when the page carries one), readies the tab for the
// evidence screenshot, and shows the result of a context-menu report. The post is the one
// holding the most marked findings.
(function () {
  if (window.top !== window || globalThis.__hegaiReportStarted) return;
  globalThis.__hegaiReportStarted = true;

  const MAX_TEXT = 20000;
  // Elements that hold one post, and attributes that carry its id, across the platforms'
  // layouts (and our fixtures); the generic fallbacks come last.
  const POST_SELECTOR = [
    "[data-mid]", "[mid]", "[data-post-id]", "[data-pid]", "[data-note-id]", "[data-rpid]", "[data-answer-id]",
    "[data-aweme-id]", "[data-photo-id]", "[data-id]", "article", "li.comment-item", ".reply-item",
    ".l_post", ".note-item", ".post", "[class*='post']", "[class*='comment']",
  ].join(",");
  const ID_ATTRIBUTES = ["data-mid", "mid", "data-post-id", "data-pid", "data-note-id", "data-rpid",
    "data-answer-id", "data-aweme-id", "data-photo-id", "data-id"];
  const SAFE_ID = /^[A-Za-z0-9_\-:.]{1,128}$/;

  function postIdOf(element) {
    for (const name of ID_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value && SAFE_ID.test(value)) return value;
    }
    return null;
  }

  // The post container with the most marked findings (marks nest inside posts).
  function offendingPost() {
    const weight = new Map();
    for (const mark of Hegai.Highlighter.connectedMarks()) {
      const post = mark.closest(POST_SELECTOR);
      if (post) weight.set(post, (weight.get(post) || 0) + 1);
    }
    let best = null;
    for (const [post, n] of weight) if (!best || n > weight.get(best)) best = post;
    return best;
  }

  function selectionPost(selection) {
    const sel = window.getSelection();
    const node = sel && sel.rangeCount ? sel.getRangeAt(0).commonAncestorContainer : null;
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    const post = element && element.closest(POST_SELECTOR);
    return { text: selection, post_id: post ? postIdOf(post) : null };
  }

  function pageText() {
    return (document.body ? document.body.innerText : "").slice(0, MAX_TEXT * 5);
  }

  function collect(message) {
    const base = { url: location.href, title: document.title };
    if (message.whole) return { ...base, text: pageText(), post_id: null };
    const selection = (message.selection || String(window.getSelection() || "")).trim();
    if (selection) return { ...base, ...selectionPost(selection.slice(0, MAX_TEXT)) };
    const post = offendingPost();
    if (post) return { ...base, text: post.innerText.slice(0, MAX_TEXT), post_id: postIdOf(post) };
    return { ...base, text: pageText().slice(0, MAX_TEXT), post_id: null };
  }

  // A short notice for reports started from the context menu (the banner shows its own status).
  function notify(text) {
    // Opaque to the page (content/opaque.js): it says a report was made, and about what.
    const { host, root } = Hegai.opaque.create("notice", ":host { all: initial !important; position: fixed !important; " +
      "bottom: 16px !important; right: 16px !important; z-index: 2147483647 !important; display: block !important; }");
    const box = document.createElement("div");
    box.setAttribute("role", "status");
    box.style.cssText = "max-width: 420px; padding: 10px 14px; border-radius: 8px; background: #111827; color: #fff; " +
      "font: 14px/1.5 system-ui, 'Noto Sans CJK SC', sans-serif; box-shadow: 0 6px 20px rgba(0,0,0,.25);";
    box.textContent = text;
    root.append(box);
    document.documentElement.append(host);
    setTimeout(() => host.remove(), 8000);
  }

  // -- the evidence screenshot (background/report.js) ------------------------------------------
  // Before the capture: nothing Hegai draws shows (content/opaque.js, in every frame) and the
  // reported post is in view; after it, the page is scrolled back where the user left it.
  const PAINT_WAIT_MS = 1000;   // a frame that never comes (hidden tab) does not hold the report
  let scrolled = null;          // [[element or window, x, y]] to restore

  function reportedPost(selection) {
    if (selection) {
      const sel = window.getSelection();
      const node = sel && sel.rangeCount ? sel.getRangeAt(0).commonAncestorContainer : null;
      const element = node && (node.nodeType === 1 ? node : node.parentElement);
      return (element && element.closest(POST_SELECTOR)) || element;
    }
    return offendingPost();
  }

  // Everything scrollIntoView may move: the window and each scrollable ancestor.
  function scrollPositions(element) {
    const out = [[window, window.scrollX, window.scrollY]];
    for (let el = element.parentElement; el; el = el.parentElement) {
      if (el.scrollTop || el.scrollLeft || el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth) {
        out.push([el, el.scrollLeft, el.scrollTop]);
      }
    }
    return out;
  }

  function painted() {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, PAINT_WAIT_MS);
      requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(timer); resolve(); }));
    });
  }

  async function captureBegin(message) {
    Hegai.opaque.capture(true);
    const post = reportedPost(String(message.selection || "").trim());
    if (post && post.isConnected) {
      scrolled = scrollPositions(post);
      const tall = post.getBoundingClientRect().height > window.innerHeight;
      post.scrollIntoView({ block: tall ? "start" : "center", inline: "nearest", behavior: "instant" });
    }
    await painted();
    return { ok: true, post: Boolean(post) };
  }

  function captureEnd() {
    Hegai.opaque.capture(false);
    for (const [target, x, y] of scrolled || []) {
      if (target === window) window.scrollTo({ left: x, top: y, behavior: "instant" });
      else target.scrollTo({ left: x, top: y, behavior: "instant" });
    }
    scrolled = null;
  }

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !message) return false;
    if (message.type === "report-collect") {
      sendResponse(collect(message));
      return false;
    }
    if (message.type === "capture-begin") {
      captureBegin(message).then(sendResponse);
      return true;
    }
    if (message.type === "capture-end") captureEnd();
    if (message.type === "report-done" && message.message) notify(message.message);
    return false;
  });
})();
