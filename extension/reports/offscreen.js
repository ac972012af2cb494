// Offscreen document (reason CLIPBOARD): the service worker has no DOM and no clipboard, and
// navigator.clipboard needs a focused page, so the copy goes through a textarea here.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || message.type !== "offscreen-copy" || message.target !== "offscreen") return false;
  if (sender.id !== chrome.runtime.id) return false;
  const area = document.getElementById("clip");
  area.value = String(message.text || "");
  area.select();
  const ok = document.execCommand("copy");
  area.value = "";
  sendResponse({ ok });
  return false;
});
