// HTTP client for the local service (docs/CONTRACTS.md, API v1).
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

  async function call(method, path, body) {
    const { token } = await Hegai.store.readLocal(["token"]);
    if (!token) throw new Unauthorized("not paired");
    const init = { method, headers: { Authorization: `Bearer ${token}` } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetchWithTimeout(`${await baseUrl()}/api/v1${path}`, init, TIMEOUT_MS.default);
    if (res.status === 401) throw new Unauthorized("token refused");
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      const error = (data && data.error) || {};
      throw new ApiError(res.status, error.code || "http_error", error.message);
    }
    return data;
  }

  Hegai.api = {
    HOST, ServiceUnavailable, Unauthorized, ApiError, baseUrl, health, call,
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
