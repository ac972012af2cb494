// HTTP client for the local service (docs/CONTRACTS.md, API v1): the only code in the extension
// that talks to it. Everything else (reports, pictures, settings, pages through messages) goes
// through `call`, `raw` or `send` here, so the token, timeouts and error classes are in one place.
(function () {
  const HOST = "127.0.0.1";
  const TIMEOUT_MS = { health: 3000, default: 20000 };

  class ServiceUnavailable extends Error {}
  class Unauthorized extends Error {}
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message || code);
      this.status = status;
      this.code = code;
    }
  }

  async function baseUrl() {
    const { servicePort } = await Hegai.store.readLocal(["servicePort"]);
    return `http://${HOST}:${servicePort}`;
  }

  async function fetchWithTimeout(url, init, timeoutMs) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      return await fetch(url, { ...init, signal: abort.signal, credentials: "omit", cache: "no-store" });
    } catch (err) {
      throw new ServiceUnavailable(err && err.name === "AbortError" ? "timeout" : "unreachable");
    } finally {
      clearTimeout(timer);
    }
  }

  async function health() {
    const res = await fetchWithTimeout(`${await baseUrl()}/api/v1/health`, {}, TIMEOUT_MS.health);
    if (!res.ok) throw new ServiceUnavailable(`health ${res.status}`);
    return res.json();
  }

  // One authorised request; the Response, whatever its status (but 401). `body` is sent as JSON
  // unless `contentType` is given (then as is: bytes).
  async function send(method, path, { body, contentType, timeoutMs = TIMEOUT_MS.default } = {}) {
    const { token } = await Hegai.store.readLocal(["token"]);
    if (!token) throw new Unauthorized("not paired");
    const init = { method, headers: { Authorization: `Bearer ${token}` } };
    if (body !== undefined) {
      init.headers["Content-Type"] = contentType || "application/json";
      init.body = contentType ? body : JSON.stringify(body);
    }
    const res = await fetchWithTimeout(`${await baseUrl()}/api/v1${path}`, init, timeoutMs);
    if (res.status === 401) throw new Unauthorized("token refused");
    return res;
  }

  function errorFrom(status, data) {
    const error = (data && data.error) || {};
    const err = new ApiError(status, error.code || "http_error", error.message);
    err.data = data;     // e.g. 409 already_reported names the earlier report
    return err;
  }

  // A JSON answer, or an ApiError for a 4xx/5xx.
  async function call(method, path, body) {
    const res = await send(method, path, { body });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw errorFrom(res.status, data);
    return data;
  }

  // A binary answer (the evidence zip) as its Response, or an ApiError.
  async function raw(path) {
    const res = await send("GET", path);
    if (!res.ok) throw errorFrom(res.status, await res.json().catch(() => null));
    return res;
  }

  Hegai.api = {
    HOST, ServiceUnavailable, Unauthorized, ApiError, baseUrl, health, call, raw, send,
    scan: (url, chunks) => call("POST", "/scan", { url, chunks }),
    // `page`: {posts:[{id, text, thread}]} (content/page-assessor.js), or {text} as older callers sent.
    assessPage: (url, page) => call("POST", "/assess", { url, ...page }),
    check: (text, url) => call("POST", "/check", { text, url }),
    vaultList: () => call("GET", "/vault"),
    vaultAdd: (entry) => call("POST", "/vault", entry),
    vaultDelete: (id) => call("DELETE", `/vault/${encodeURIComponent(id)}`),
    getSettings: () => call("GET", "/settings"),
    putSettings: (partial) => call("PUT", "/settings", partial),
  };
})();
