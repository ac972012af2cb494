// Cooperative time slicing: our work runs in slices of a few milliseconds and yields to the
// page between slices, so no task we cause comes near the 50 ms long-task line.
(function () {
  const SLICE_MS = 8;

  function yieldToMain() {
    if (globalThis.scheduler && typeof globalThis.scheduler.yield === "function") {
      return globalThis.scheduler.yield();
    }
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  class Budget {
    constructor(ms = SLICE_MS) {
      this.ms = ms;
      this.reset();
    }
    reset() {
      this.startedAt = performance.now();
    }
    spent() {
      return performance.now() - this.startedAt > this.ms;
    }
  }

  // Drain a work queue: step() does one small unit and returns false when nothing is left.
  async function drain(step) {
    const budget = new Budget();
    while (step()) {
      if (budget.spent()) {
        await yieldToMain();
        budget.reset();
      }
    }
  }

  Hegai.scheduler = { SLICE_MS, Budget, yieldToMain, drain };
})();
