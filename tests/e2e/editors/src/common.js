// Shared fixture plumbing: every editor page records what its OWN submit handler received,
// read from the editor's model (not the DOM), so a test proves the model saw the masked text.
export function installSubmit(readModelText, { clear } = {}) {
  window.__received = [];
  window.__editorText = readModelText;
  window.__submit = (via) => submit(via);
  const submit = (via) => {
    window.__received.push({ text: readModelText(), via });
    if (clear) clear();
  };
  document.getElementById("send").addEventListener("click", () => submit("click"));
  return submit;
}

export function isModEnter(event) {
  return event.key === "Enter" && (event.ctrlKey || event.metaKey);
}

// Ctrl/Cmd+Enter always sends; plain Enter too on chat-style pages (<body data-enter-sends="true">).
export function isSendKey(event) {
  if (isModEnter(event)) return true;
  return event.key === "Enter" && !event.shiftKey && !event.altKey && document.body.dataset.enterSends === "true";
}
