// The pre-post dialog, in a closed shadow root (content/opaque.js: the page cannot read what the
// draft was found to hold): what the draft contains (own info first) and the three choices. Keyboard: focus starts on the first action, Tab stays inside, Esc means "go back and edit".
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardModal) return;

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text != null) node.textContent = text;
    return node;
  }

  class GuardModal {
    constructor(catalog) {
      this.catalog = catalog;
      ({ host: this.host, root: this.root } = Hegai.opaque.create("modal", Hegai.guardStyle.MODAL));
      this.dialog = el("div", { class: "dialog", "data-hegai-guard": "modal", role: "dialog", "aria-modal": "true",
        "aria-labelledby": "hegai-guard-title", "aria-describedby": "hegai-guard-body" });
      const backdrop = el("div", { class: "backdrop" });
      backdrop.append(this.dialog);
      this.root.append(backdrop);
      this.resolve = null;
      this.root.addEventListener("keydown", (event) => this.onKeyDown(event));
      this.previousFocus = document.activeElement;
      document.documentElement.append(this.host);
    }

    t(key, subs) { return this.catalog.t(key, subs); }

    render(title, bodyNodes, actions) {
      const body = el("div", { id: "hegai-guard-body" });
      body.append(...bodyNodes);
      const bar = el("div", { class: "actions" });
      for (const { action, label, primary } of actions) {
        const button = el("button", { type: "button", "data-action": action, class: primary ? "primary" : "" }, label);
        button.addEventListener("click", () => this.choose(action));
        bar.append(button);
      }
      this.dialog.replaceChildren(el("h2", { id: "hegai-guard-title" }, title), body, bar);
      const first = bar.querySelector("button");
      if (first) first.focus();
      this.dialog.dataset.view = this.view;
      // Tests count what the dialog showed through the service worker, never through the page.
      chrome.runtime.sendMessage({ type: "scan-progress", event: "modal", detail: { view: this.view } }).catch(() => {});
      return new Promise((resolve) => { this.resolve = resolve; });
    }

    showChecking() {
      this.view = "checking";
      return this.render(this.t("guard_checking_title"), [el("p", {}, this.t("guard_checking_body"))],
        [{ action: "edit", label: this.t("guard_action_edit") }]);
    }

    warningItem(w) {
      const label = this.catalog.typeLabel(w.type);
      const item = el("li", { "data-type": w.type, "data-own": String(Boolean(w.own)), class: w.own ? "own" : "" });
      if (w.own) item.append(el("span", { class: "own-badge" }, this.t("guard_own_info", label)));
      item.append(el("span", { class: "what" }, label === w.type ? w.message : label),
        el("span", { class: "masked" }, w.masked));
      return item;
    }

    showFindings(warnings, note) {
      this.view = "findings";
      const list = el("ul", { "aria-label": this.t("guard_found_list") });
      list.append(...warnings.map((w) => this.warningItem(w)));
      const own = warnings.some((w) => w.own);
      const body = [el("p", {}, this.t(own ? "guard_intro_own" : "guard_intro")), list];
      if (note) body.push(el("p", { class: "error", role: "alert" }, note));
      return this.render(this.t(own ? "guard_title_own" : "guard_title"), body, [
        { action: "mask", label: this.t("guard_action_mask"), primary: true },
        { action: "edit", label: this.t("guard_action_edit") },
        { action: "post", label: this.t("guard_action_post") },
      ]);
    }

    showOffline(status, port) {
      this.view = status === "unpaired" ? "unpaired" : "offline";
      const body = status === "unpaired"
        ? [el("p", {}, this.t("guard_unpaired_body"))]
        : [el("p", {}, this.t("guard_offline_body")), el("p", {}, this.t("guard_offline_howto", String(port || Hegai.DEFAULT_PORT)))];
      return this.render(this.t(status === "unpaired" ? "guard_unpaired_title" : "guard_offline_title"), body, [
        { action: "edit", label: this.t("guard_action_edit"), primary: true },
        { action: "post", label: this.t("guard_action_post") },
      ]);
    }

    choose(action) {
      const resolve = this.resolve;
      this.resolve = null;
      if (resolve) resolve(action);
    }

    onKeyDown(event) {
      event.stopPropagation(); // the page must not react to keys typed in our dialog
      if (event.key === "Escape") {
        event.preventDefault();
        this.choose("edit");
      } else if (event.key === "Tab") {
        this.trapFocus(event);
      }
    }

    trapFocus(event) {
      const buttons = [...this.root.querySelectorAll("button")];
      if (!buttons.length) return;
      const index = buttons.indexOf(this.root.activeElement);
      const next = event.shiftKey ? (index <= 0 ? buttons.length - 1 : index - 1)
        : (index === buttons.length - 1 ? 0 : index + 1);
      event.preventDefault();
      buttons[next].focus();
    }

    close() {
      this.choose("edit");
      this.host.remove();
    }
  }

  Hegai.guardModal = { GuardModal };
})();
