// Platform adapters: one file per platform under content/adapters/, each calling
// Hegai.adapters.register({...}); adding a platform is adding one file (and listing it in
// manifest.json). The adapter for a page is chosen by hostname; the generic adapter (hosts: [])
// serves every other site. Test fixture pages may pick one by name with ?hegai-platform=NAME in
// the page URL or <meta name="hegai-platform" content="NAME">, but only on the hosts the tests list
// in chrome.storage.local `testFixtureHosts`: only extension code can write that (a test through
// the service worker), so no real page can choose how it is read. Unset, the request is ignored.
//
// Adapter fields used by the page scanner (content/page-scanner.js):
//   id                 short name ("weibo")
//   hosts              hostname suffixes it serves (["weibo.com", "weibo.cn"])
//   ignoreSelector     CSS selector of page parts never scanned (site chrome, ads), or ""
// Field used by the page assessor (content/posts.js), optional:
//   posts              {post, comment, reply, thread}: CSS selector lists of the containers of one
//                      post (answer, floor, note…), one comment, one reply; and of a thread (what
//                      a post and its comments and replies share: a Tieba thread's floor list, a
//                      video's comment thread). Without `thread`, a container's thread is the
//                      outermost container holding it (an answer holds its comments). Text in no
//                      container falls back to the generic blocks.
// Fields used by the pre-post guard (content/guard/), all optional:
//   composers          CSS selectors of composers (extra to every textarea/input/contenteditable)
//   ignore             CSS selectors of editables that are not composers (search boxes, …)
//   sendButtons        CSS selectors of send/post/comment/reply buttons
//   sendTexts          extra button texts meaning "send" here (the generic adapter's list always counts)
//   enterSends         true when plain Enter sends (chat-style boxes); Ctrl/Cmd+Enter always does
(function () {
  const Hegai = globalThis.Hegai || (globalThis.Hegai = {});
  if (Hegai.adapters) return; // more than one content-script entry may load this file

  const GENERIC = "generic";
  const adapters = [];

  function register(adapter) {
    const id = adapter.id || adapter.name;
    const full = Object.freeze({ hosts: [], ignoreSelector: "", posts: null, composers: [], ignore: [], sendButtons: [],
      sendTexts: [], enterSends: false, ...adapter, id, name: id });
    const existing = adapters.findIndex((a) => a.id === id);
    if (existing >= 0) adapters[existing] = full;
    else adapters.push(full);
  }

  function servesHost(adapter, hostname) {
    return adapter.hosts.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`));
  }

  function get(id) {
    return adapters.find((a) => a.id === id) || null;
  }

  // Hosts whose pages may request an adapter (tests only; see the top of this file).
  let fixtureHosts = [];
  const storage = globalThis.chrome && chrome.storage && chrome.storage.local;
  const ready = storage
    ? storage.get({ testFixtureHosts: [] })
      .then(({ testFixtureHosts }) => { fixtureHosts = Array.isArray(testFixtureHosts) ? testFixtureHosts : []; })
      .catch(() => {})
    : Promise.resolve();

  function requested(search, doc, hostname) {
    if (!fixtureHosts.includes(hostname)) return null;
    const fromQuery = new URLSearchParams(search || "").get("hegai-platform");
    const meta = doc && doc.querySelector ? doc.querySelector('meta[name="hegai-platform"]') : null;
    const id = fromQuery || (meta && meta.content);
    return id ? get(id) : null;
  }

  function byHostname(hostname) {
    const host = (hostname || "").toLowerCase();
    return adapters.find((a) => a.hosts.length && servesHost(a, host)) || get(GENERIC);
  }

  // The page's adapter: an explicit request (fixture pages) wins, then the hostname.
  function pick(loc = globalThis.location, doc = globalThis.document) {
    return requested(loc.search, doc, loc.hostname) || byHostname(loc.hostname);
  }

  function forHost(hostname) {
    const here = globalThis.location;
    return (here && here.hostname === hostname && requested(here.search, globalThis.document, hostname))
      || byHostname(hostname);
  }

  Hegai.adapters = { register, forHost, pick, get, all: () => [...adapters], GENERIC, ready };
})();
