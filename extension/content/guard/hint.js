// The small inline note beside the composer: what the draft contains, as the user types.
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardHint) return;

  let host = null;
  let box = null;

  function ensure() {
    if (host && host.isConnected) return;
    // Opaque to the page (content/opaque.js): what the draft holds is the user's business.
    let root;
    ({ host, root } = Hegai.opaque.create("hint", Hegai.guardStyle.HINT));
    box = document.createElement("div");
    box.className = "hint";
    box.dataset.hegaiGuard = "hint";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    root.append(box);
    document.documentElement.append(host);
  }

  function place(composer) {
    const rect = composer.getBoundingClientRect();
    box.style.left = `${Math.max(4, rect.left)}px`;
    box.style.top = `${Math.min(window.innerHeight - 28, rect.bottom + 4)}px`;
  }

  function labelsOf(warnings, catalog) {
    const labels = [...new Set(warnings.map((w) => catalog.typeLabel(w.type)))];
    return labels.join(catalog.t("guard_list_separator"));
  }

  // entry: a draft cache entry; hides the note when there is nothing to say.
  function show(composer, entry, catalog) {
    let text = "";
    let kind = "";
    if (entry && entry.status === "ok" && entry.warnings.length) {
      const own = entry.warnings.filter((w) => w.own);
      text = own.length ? catalog.t("guard_hint_own", labelsOf(own, catalog))
        : catalog.t("guard_hint_found", labelsOf(entry.warnings, catalog));
      kind = own.length ? "own" : "";
    } else if (entry && (entry.status === "offline" || entry.status === "unpaired")) {
      text = catalog.t(entry.status === "offline" ? "guard_hint_offline" : "guard_hint_unpaired");
      kind = "offline";
    }
    if (!text) return hide();
    ensure();
    box.className = `hint ${kind}`.trim();
    box.dataset.state = kind || "found";
    box.textContent = text;
    box.style.display = "block";
    place(composer);
  }

  function hide() {
    if (box) box.style.display = "none";
  }

  Hegai.guardHint = { show, hide };
})();
