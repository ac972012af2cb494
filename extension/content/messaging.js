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

  Hegai.messaging = { send, onMessage };
})();
