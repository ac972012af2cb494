// Content-script side of reporting: tells the service worker what the offending post is (its
// text, the page URL and title, the post id when the page carries one) and shows the result
// of a context-menu report. The post is the one holding the most marked findings.
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

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !message) return false;
    if (message.type === "report-collect") {
      sendResponse(collect(message));
      return false;
    }
    if (message.type === "report-done" && message.message) notify(message.message);
    return false;
  });
})();
