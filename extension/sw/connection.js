// Is the service reachable and are we paired? Retries with exponential backoff, logs only
// when the state changes (no error spam), and tells the tabs when the service comes back.
(function () {
  const BASE_DELAY_MS = 1000;
  const MAX_DELAY_MS = 10000;
  const RECHECK_ON_ACTIVITY_MS = 2000;

  const state = { status: "unknown", version: null, attempt: 0, lastCheckAt: 0, retryAt: 0 };
  const listeners = [];
  let inFlight = null;
  let retryTimer = null;
  // Bumped when the port or token changes: a probe started before that speaks for the old
  // settings, and its answer (often "offline": nothing listens on the old port) is dropped.
  let generation = 0;
  // Bumped when a real request fails: a probe that started earlier knows less (its "online" may
  // predate the service stopping), so its answer is dropped too; the retry it scheduled decides.
  let failures = 0;

  function snapshot() {
    return { status: state.status, version: state.version, retryAt: state.retryAt, lastCheckAt: state.lastCheckAt };
  }

  function setStatus(status) {
    if (status === state.status) return;
    const previous = state.status;
    state.status = status;
    console.info(`hegai: service ${previous} -> ${status}`);
    for (const fn of listeners) fn(status, previous);
  }

  function scheduleRetry() {
    cancelRetry();
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** state.attempt) * (0.8 + Math.random() * 0.4);
    state.attempt += 1;
    state.retryAt = Date.now() + delay;
    retryTimer = setTimeout(() => { retryTimer = null; check(); }, delay);
  }

  function cancelRetry() {
    clearTimeout(retryTimer);
    retryTimer = null;
  }

  // An outdated probe drops its answer, but while offline some retry must still be pending:
  // when the failure that outdated it found the status offline already, it scheduled none.
  function keepRetrying() {
    if (state.status === "offline" && retryTimer === null) scheduleRetry();
    return snapshot();
  }

  async function probe(asked) {
    state.lastCheckAt = Date.now();
    const failuresBefore = failures;
    const outdated = () => asked !== generation || failuresBefore !== failures;
    try {
      const answer = Hegai.api.health();   // asked first: a failure noted from now on outdates it
      answer.catch(() => {});               // (awaited below; no unhandled rejection meanwhile)
      // No token: ask the native host too (it needs no service: a store install whose id the
      // service does not know yet still learns what to run).
      if (!(await Hegai.store.readLocal(["token"])).token) await Hegai.pairing.ensure();
      const health = await answer;
      const { token } = await Hegai.store.readLocal(["token"]);
      if (outdated()) return keepRetrying();
      state.version = health.version || null;
      state.attempt = 0;
      state.retryAt = 0;
      cancelRetry();
      setStatus(token ? "online" : "unpaired");
    } catch (err) {
      if (outdated()) return keepRetrying();
      setStatus("offline");
      scheduleRetry();
    }
    return snapshot();
  }

  function check() {
    if (!inFlight || inFlight.generation !== generation) {
      const asked = generation;
      const running = probe(asked).finally(() => { if (inFlight === running) inFlight = null; });
      running.generation = asked;
      inFlight = running;
    }
    return inFlight;
  }

  // The port or token changed: forget what the old settings answered and ask again.
  function settingsChanged() {
    generation += 1;
    cancelRetry();
    state.attempt = 0;
    return check();
  }

  // Called before work on behalf of a tab or page: a user action is a good moment to retry.
  async function ensureFresh() {
    const stale = Date.now() - state.lastCheckAt > RECHECK_ON_ACTIVITY_MS;
    if (state.status === "unknown" || (state.status === "offline" && stale)) await check();
    return snapshot();
  }

  // Classify an API failure; returns the status the caller should report.
  async function noteFailure(err) {
    if (err instanceof Hegai.api.ServiceUnavailable || err instanceof Hegai.api.Unauthorized) failures += 1;
    if (err instanceof Hegai.api.ServiceUnavailable) {
      if (state.status !== "offline") {
        setStatus("offline");
        scheduleRetry();
      }
      return "offline";
    }
    if (err instanceof Hegai.api.Unauthorized) {
      await Hegai.store.writeLocal({ token: null });   // revoked or expired: pair again
      setStatus("unpaired");
      Hegai.pairing.ensure();
      return "unpaired";
    }
    return state.status;
  }

  Hegai.connection = {
    state: snapshot,
    check,
    settingsChanged,
    ensureFresh,
    noteFailure,
    onChange: (fn) => listeners.push(fn),
  };
})();
