// Pictures about to be uploaded (issue 10): a file chosen in a file input, dropped, or pasted
// into a composer is checked through the service worker before the page sees it. When it shows
// personal info, the guard's modal lists what, with 打码后上传 (a copy with those regions
// blurred is handed to the page instead — through the same file input, or as the dropped/pasted
// file), 返回修改 (the page gets nothing) and 仍然上传 (the page gets the original).
// The page's own listeners see the event only after the decision (we stop it in the capture phase
// on window and dispatch it again).
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardUpload) return;
  const { guardDom: dom, guardModal, guardBlur } = Hegai;

  const PICTURE_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp"]);
  const MAX_BYTES = 8 * 1024 * 1024;
  const CHECKING_VIEW_AFTER_MS = 400;   // a clean picture passes without a flash of the dialog

  const state = { replaying: false, held: new WeakMap(), modal: null };

  const guardState = () => (Hegai.guard && Hegai.guard.state) || { enabled: true, catalog: new Hegai.i18n.Catalog("zh_CN", {}) };
  const t = (key, subs) => guardState().catalog.t(key, subs);

  function pictures(files) {
    return [...(files || [])].filter((f) => PICTURE_TYPES.has(f.type) && f.size > 0 && f.size <= MAX_BYTES);
  }

  function hold(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let out = "";
    for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(out);
  }

  async function checkPicture(file) {
    try {
      const reply = await chrome.runtime.sendMessage({ type: "image-check", url: location.href,
        bytes: toBase64(await file.arrayBuffer()) });
      return reply || { ok: false, status: "offline" };
    } catch (_) {
      return { ok: false, status: "offline" };
    }
  }

  function exposes(image) {
    return image.findings.length > 0 || image.qr_codes.some((q) => q.trade);
  }

  // ---- the decision ---------------------------------------------------------------------------

  // → {choice: "post"|"mask"|"edit", files} where files are what the page should receive.
  async function review(files) {
    const checked = pictures(files);
    if (!checked.length || !guardState().enabled) return { choice: "post", files };
    if (state.modal) return { choice: "edit", files: [] };   // one dialog at a time
    state.modal = new guardModal.GuardModal(guardState().catalog);
    state.modal.host.style.display = "none";
    const timer = setTimeout(() => { if (state.modal) state.modal.host.style.display = ""; }, CHECKING_VIEW_AFTER_MS);
    try {
      const cancelled = showChecking();
      const outcome = await Promise.race([Promise.all(checked.map(checkPicture)), cancelled]);
      clearTimeout(timer);
      if (outcome === "edit") return { choice: "edit", files: [] };
      const results = new Map(checked.map((file, i) => [file, outcome[i]]));
      return await decide(files, results);
    } finally {
      clearTimeout(timer);
      if (state.modal) state.modal.close();
      state.modal = null;
    }
  }

  function showChecking() {
    state.modal.view = "image-checking";
    return state.modal.render(t("image_guard_checking_title"), [paragraph(t("image_guard_checking_body"))],
      [{ action: "edit", label: t("guard_action_edit") }]);
  }

  function paragraph(text, cls) {
    const p = document.createElement("p");
    if (cls) { p.className = cls; p.setAttribute("role", "alert"); }
    p.textContent = text;
    return p;
  }

  async function decide(files, results) {
    const replies = [...results.values()];
    const failed = replies.find((r) => !r.ok);
    const flagged = [...results].filter(([, r]) => r.ok && r.status === "ok" && exposes(r.image));
    state.modal.host.style.display = "";
    if (failed && !flagged.length) {
      state.modal.view = "image-offline";
      const choice = await state.modal.render(t("image_guard_offline_title"), [paragraph(t("image_guard_offline_body"))], [
        { action: "edit", label: t("guard_action_edit"), primary: true },
        { action: "post", label: t("image_action_upload_anyway") },
      ]);
      return { choice, files: choice === "post" ? files : [] };
    }
    if (!flagged.length) return { choice: "post", files };
    let note = null;
    for (;;) {
      const choice = await showFindings(flagged, note);
      if (choice !== "mask") return { choice, files: choice === "post" ? files : [] };
      try {
        return { choice, files: await blurred(files, new Map(flagged)) };
      } catch (err) {
        note = t("image_guard_blur_failed");
      }
    }
  }

  function showFindings(flagged, note) {
    state.modal.view = "image-findings";
    const list = document.createElement("ul");
    list.setAttribute("aria-label", t("guard_found_list"));
    for (const [, reply] of flagged) {
      for (const f of reply.image.findings) {
        list.append(state.modal.warningItem({ type: f.type, masked: f.masked, own: false, message: f.label || f.type }));
      }
      for (const q of reply.image.qr_codes.filter((code) => code.trade)) {
        const item = document.createElement("li");
        item.setAttribute("data-type", "QR_TRADE");
        item.textContent = t("image_guard_qr", q.reasons[0] || q.data);
        list.append(item);
      }
    }
    // Only a QR code into the 开盒 trade, no personal info read: say what it is.
    const qrOnly = flagged.every(([, reply]) => !reply.image.findings.length);
    const body = [paragraph(t(qrOnly ? "image_guard_qr_intro" : "image_guard_intro")), list];
    if (note) body.push(paragraph(note, "error"));
    return state.modal.render(t(qrOnly ? "image_guard_qr_title" : "image_guard_title"), body, [
      { action: "mask", label: t("image_action_blur_upload"), primary: true },
      { action: "edit", label: t("guard_action_edit") },
      { action: "post", label: t("image_action_upload_anyway") },
    ]);
  }

  async function blurred(files, flagged) {
    const out = [];
    for (const file of files) {
      const reply = flagged.get(file);
      if (!reply) { out.push(file); continue; }
      const image = reply.image;
      const boxes = image.findings.flatMap((f) => f.boxes).concat(image.qr_codes.filter((q) => q.trade).map((q) => q.box));
      out.push(await guardBlur.blurFile(file, boxes, image.width, image.height));
    }
    return out;
  }

  function transfer(files, original) {
    const dt = new DataTransfer();
    if (original) {
      for (const type of original.types) if (type !== "Files") dt.setData(type, original.getData(type));
    }
    for (const file of files) dt.items.add(file);
    return dt;
  }

  function replay(fn) {
    state.replaying = true;
    try { fn(); } finally { state.replaying = false; }
  }

  // ---- file inputs ------------------------------------------------------------------------------

  function deliverToInput(input, decision, original) {
    if (decision.choice === "edit") {
      input.value = "";
      return;
    }
    if (decision.files !== original) input.files = transfer(decision.files).files;
    replay(() => {
      input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function onFileInput(event) {
    if (state.replaying) return;
    const input = dom.originOf(event);
    if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
    if (state.held.has(input)) {   // the "change" after the "input" we hold, or a pick while deciding
      event.stopImmediatePropagation();
      return;
    }
    const original = [...(input.files || [])];
    if (!pictures(original).length || !guardState().enabled) return;
    event.stopImmediatePropagation();
    state.held.set(input, true);
    review(original).then((decision) => {
      state.held.delete(input);
      deliverToInput(input, decision, original);
    });
  }

  // ---- drop and paste ---------------------------------------------------------------------------

  function onDrop(event) {
    if (state.replaying || !event.dataTransfer) return;
    const files = [...event.dataTransfer.files];
    if (!pictures(files).length || !guardState().enabled) return;
    const target = dom.originOf(event) || document.body;
    const original = event.dataTransfer;
    const at = { clientX: event.clientX, clientY: event.clientY, screenX: event.screenX, screenY: event.screenY };
    hold(event);
    review(files).then((decision) => {
      if (decision.choice === "edit") return;
      const dt = transfer(decision.files, original);
      if (target instanceof HTMLInputElement && target.type === "file") {
        deliverToInput(target, decision, files);
        return;
      }
      replay(() => target.dispatchEvent(new DragEvent("drop", { ...at, bubbles: true, cancelable: true, composed: true, dataTransfer: dt })));
    });
  }

  function onPaste(event) {
    if (state.replaying || !event.clipboardData) return;
    const files = [...event.clipboardData.files];
    if (!pictures(files).length || !guardState().enabled) return;
    const target = dom.originOf(event) || document.activeElement || document.body;
    const original = event.clipboardData;
    hold(event);
    review(files).then((decision) => {
      if (decision.choice === "edit") return;
      const dt = transfer(decision.files, original);
      replay(() => {
        if (target.isConnected && target.focus) target.focus();
        target.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, composed: true, clipboardData: dt }));
      });
    });
  }

  window.addEventListener("input", onFileInput, { capture: true });
  window.addEventListener("change", onFileInput, { capture: true });
  window.addEventListener("drop", onDrop, { capture: true });
  window.addEventListener("paste", onPaste, { capture: true });

  Hegai.guardUpload = { review, state };
})();
