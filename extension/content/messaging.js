// The content script's only way out: a message to our service worker.
(function () {
  async function send(message) {
    try {
      return await chrome.runtime.sendMessage(message);
    } catch (err) {
      // The extension was reloaded or updated under this page: stay quiet.
      return null;
    }
  }

  function onMessage(handler) {
    chrome.runtime.onMessage.addListener((message, sender) => {
      if (sender.id === chrome.runtime.id) handler(message);
    });
  }

  // How far the page's scan has got (idle, assessed, a batch or picture done), for tests and
  // benchmarks. It goes to our service worker only: a performance mark, DOM event or console line
  // would let the page read it (SPEC "Security model").
  function note(event, detail) {
    send({ type: "scan-progress", event, detail: detail || {} });
  }

  Hegai.messaging = { send, onMessage };
  Hegai.progress = { note };
})();
