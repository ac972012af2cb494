// Pure decisions: which warnings the user wants, whether a draft is held, and a small result cache
// so that the decision at click time needs no round trip to the service.
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardPolicy) return;

  const SEVERITY_RANK = { high: 0, medium: 1, low: 2 };

  // The service already applies warn_types, only_own and sensitivity (GET/PUT /api/v1/settings);
  // the guard only makes sure the user's own info comes first, then the most severe.
  function orderWarnings(warnings) {
    return (warnings || [])
      .map((w, index) => ({ w, index }))
      .sort((a, b) => (Number(Boolean(b.w.own)) - Number(Boolean(a.w.own)))
        || ((SEVERITY_RANK[a.w.severity] ?? 3) - (SEVERITY_RANK[b.w.severity] ?? 3))
        || (a.index - b.index))
      .map(({ w }) => w);
  }

  // What to do when a send is attempted with this cached entry (or none).
  //   "pass"    let it go        "hold"    show what was found
  //   "check"   no result yet: block, check, then decide
  //   "offline" the service could not be asked: say so (once per page)
  function decide(entry, { approved, offlineNoticeShown }) {
    if (approved) return "pass";
    if (!entry) return "check";
    if (entry.status === "offline" || entry.status === "unpaired") return offlineNoticeShown ? "pass" : "offline";
    if (entry.status !== "ok") return "check";
    return (entry.warnings || []).length ? "hold" : "pass";
  }

  class DraftCache {
    constructor(limit = 100, offlineTtlMs = 5000) {
      this.limit = limit;
      this.offlineTtlMs = offlineTtlMs;
      this.entries = new Map();
    }

    get(text) {
      const entry = this.entries.get(text);
      if (!entry) return null;
      if (entry.status !== "ok" && Date.now() - entry.at > this.offlineTtlMs) {
        this.entries.delete(text);
        return null;
      }
      return entry;
    }

    set(text, entry) {
      this.entries.delete(text);
      this.entries.set(text, { ...entry, at: Date.now() });
      while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value);
    }
  }

  Hegai.guardPolicy = { orderWarnings, decide, DraftCache };
})();
