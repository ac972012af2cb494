// Service-worker side of pictures (issue 10). Content scripts send a picture's URL (cross-origin:
// fetched here, with the extension's host permission, no cookies) or its bytes (same-origin, data:
// and blob: pictures, which the page's own context reads best), and get back what the service
// found, with boxes in the picture's pixels. Page pictures count in the tab's summary and badge.
// Loaded by sw/main.js with importScripts; its own onMessage listener keeps sw/handlers.js untouched.
(function () {
  const MAX_BYTES = 8 * 1024 * 1024;
  const MAX_ATTEMPTS = 4;               // a full queue (429) or a timeout (503) is retried, then given up
  const RESULTS_BY_URL = 300;
  const TIMEOUT_MS = 60000;

  const byUrl = new Map();              // picture URL → service result (the service caches by hash too)
  let chain = Promise.resolve();        // one picture at a time from this browser

  const handlers = {
    "image-scan": scanPageImage,
    "image-check": checkUpload,
  };

  function remember(url, result) {
    byUrl.set(url, result);
    if (byUrl.size > RESULTS_BY_URL) byUrl.delete(byUrl.keys().next().value);
  }

  function fromBase64(text) {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  async function fetchPicture(src) {
    const res = await fetch(src, { credentials: "omit", cache: "force-cache", referrerPolicy: "no-referrer" });
    if (!res.ok) throw new Error(`picture ${res.status}`);
    const blob = await res.blob();
    if (blob.size > MAX_BYTES) throw new Error("picture too large");
    return new Uint8Array(await blob.arrayBuffer());
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Through sw/api.js like every call (token, timeout, errors); the status is ours to read here.
  async function postOnce(bytes) {
    const res = await Hegai.api.send("POST", "/image",
      { body: bytes, contentType: "application/octet-stream", timeoutMs: TIMEOUT_MS });
    const data = await res.json().catch(() => null);
    return { status: res.status, data, retryAfter: Number(res.headers.get("Retry-After")) || 1 };
  }

  // The service answers 429/503 with {dropped:true} when its queue is full or a picture took too
  // long: wait as told and try again, a few times.
  async function postPicture(bytes) {
    for (let attempt = 1; ; attempt += 1) {
      const reply = await postOnce(bytes);
      if (reply.status === 200) return reply.data;
      const error = (reply.data && reply.data.error) || {};
      const retriable = reply.data && reply.data.dropped && error.code !== "ocr_unavailable";
      if (!retriable || attempt >= MAX_ATTEMPTS) throw new Hegai.api.ApiError(reply.status, error.code || "http_error", error.message);
      await sleep(Math.min(reply.retryAfter, 10) * 1000);
    }
  }

  function serially(task) {
    const run = chain.then(task, task);
    chain = run.catch(() => {});
    return run;
  }

  async function readPicture(msg) {
    await Hegai.connection.ensureFresh();
    const bytes = msg.bytes ? fromBase64(msg.bytes) : await fetchPicture(msg.src);
    return serially(() => postPicture(bytes));
  }

  async function failure(err) {
    if (err instanceof Hegai.api.ApiError || String(err && err.message).startsWith("picture")) {
      return { ok: false, status: "error", error: err.code || err.message };
    }
    const status = await Hegai.connection.noteFailure(err);
    return { ok: false, status: status === "online" ? "error" : status, error: err.code || err.message };
  }

  function pictureReply(result) {
    return { width: result.width, height: result.height, findings: result.findings, counts: result.counts,
      qr_codes: result.qr_codes, assessment: result.assessment, masked_text: result.masked_text, cached: result.cached };
  }

  // {type:"image-scan", src, url, host, bytes?} → {ok, image:{…}, page} | {ok:false, status, error, fetch?}
  async function scanPageImage(msg, sender) {
    const tabId = sender.tab && sender.tab.id;
    let result = msg.src && byUrl.get(msg.src);
    if (!result) {
      try {
        result = await readPicture(msg);
      } catch (err) {
        const reply = await failure(err);
        // The content script may read it itself (same-origin/CORS) and send the bytes.
        return { ...reply, fetch: !msg.bytes && String(err && err.message).startsWith("picture") };
      }
      if (msg.src && !msg.src.startsWith("blob:")) remember(msg.src, result);
    }
    let page = null;
    if (tabId != null && result.findings.length + result.qr_codes.filter((q) => q.trade).length > 0) {
      const state = await Hegai.tabState.merge(tabId, msg.url, msg.host,
        { counts: result.counts, assessment: result.assessment, vault_matches: [], chunks: [] });
      Hegai.badge.renderTab(tabId);
      page = { level: state.level, reasons: state.reasons, categories: state.categories, vault: state.vault, total: state.total };
    }
    return { ok: true, image: pictureReply(result), page };
  }

  function hostOf(url) {
    try { return new URL(url).hostname.toLowerCase(); } catch (_) { return ""; }
  }

  // {type:"image-check", bytes, url} → {ok, status:"ok", image} | {ok:true, status:"disabled"} | {ok:false, status}
  async function checkUpload(msg, sender) {
    const url = msg.url || (sender.tab && sender.tab.url) || "";
    const settings = await Hegai.settings.get();
    if (!Hegai.settings.siteConfig(settings, hostOf(url)).enabled) return { ok: true, status: "disabled" };
    try {
      return { ok: true, status: "ok", image: pictureReply(await readPicture({ bytes: msg.bytes })) };
    } catch (err) {
      const reply = await failure(err);
      const { servicePort } = await Hegai.store.readLocal(["servicePort"]);
      return { ...reply, port: servicePort };
    }
  }

  Hegai.handlers.register({ fromContent: handlers });

  Hegai.images = { scanPageImage, checkUpload };
})();
