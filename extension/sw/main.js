// Service worker: the only part of the extension that talks to the local service.
// Listeners are registered synchronously at top level, as MV3 requires, so a restarted
// worker handles the event that woke it.
importScripts(
  "../shared/namespace.js",
  "../shared/i18n.js",
  "store.js",
  "api.js",
  "settings.js",
  "connection.js",
  "tab-state.js",
  "badge.js",
  "pairing.js",
  "handlers.js",
  "../background/guard.js",
  "../background/report.js",
  "../background/alerts.js",
  "../background/images.js",
);

chrome.runtime.onMessage.addListener(Hegai.handlers.onMessage);
chrome.tabs.onRemoved.addListener((tabId) => Hegai.tabState.forget(tabId));
chrome.storage.onChanged.addListener(Hegai.handlers.onStorageChanged);
chrome.runtime.onInstalled.addListener(() => Hegai.connection.check());
chrome.runtime.onStartup.addListener(() => Hegai.connection.check());

Hegai.connection.onChange(() => Hegai.badge.renderAll());
Hegai.connection.check();
