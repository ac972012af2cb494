// The user's chosen language overrides chrome.i18n (which follows the browser's UI language),
// so we read the chosen locale's messages.json ourselves and format like chrome.i18n does.
(function () {
  const SUPPORTED = ["zh_CN", "en"];
  const DEFAULT_LANGUAGE = "zh_CN";

  function normalizeLanguage(lang) {
    return SUPPORTED.includes(lang) ? lang : DEFAULT_LANGUAGE;
  }

  // messages.json format: {key: {message, placeholders: {name: {content: "$1"}}}}
  function format(entry, substitutions) {
    if (!entry) return "";
    const subs = substitutions == null ? [] : [].concat(substitutions).map(String);
    let text = entry.message;
    const placeholders = entry.placeholders || {};
    text = text.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name) => {
      const ph = placeholders[name.toLowerCase()];
      return ph ? ph.content : whole;
    });
    return text.replace(/\$(\d)/g, (whole, n) => subs[Number(n) - 1] ?? "").replace(/\$\$/g, "$");
  }

  class Catalog {
    constructor(language, messages) {
      this.language = language;
      this.messages = messages || {};
    }
    t(key, substitutions) {
      const entry = this.messages[key];
      if (!entry) return key;
      return format(entry, substitutions);
    }
    has(key) {
      return key in this.messages;
    }
    typeLabel(type) {
      return this.has(`type_${type}`) ? this.t(`type_${type}`) : type;
    }
    levelLabel(level) {
      return this.t(`level_${level || "none"}`);
    }
    // A platform (the service's registry: name, name_en) as this language names it.
    platformName(platform) {
      return (this.language === "en" && platform.name_en) || platform.name || "";
    }
  }

  const cache = new Map();
  async function load(language) {
    const lang = normalizeLanguage(language);
    if (!cache.has(lang)) {
      const url = chrome.runtime.getURL(`_locales/${lang}/messages.json`);
      cache.set(lang, fetch(url).then((r) => r.json()).then((m) => new Catalog(lang, m)));
    }
    return cache.get(lang);
  }

  // Fill elements marked data-i18n="key" (text) and data-i18n-attr="attr:key;attr:key".
  function applyToDocument(root, catalog) {
    for (const el of root.querySelectorAll("[data-i18n]")) {
      el.textContent = catalog.t(el.dataset.i18n);
    }
    for (const el of root.querySelectorAll("[data-i18n-attr]")) {
      for (const pair of el.dataset.i18nAttr.split(";")) {
        const [attr, key] = pair.split(":");
        el.setAttribute(attr, catalog.t(key));
      }
    }
    if (root.documentElement) root.documentElement.lang = catalog.language === "en" ? "en" : "zh-CN";
  }

  Hegai.i18n = { SUPPORTED, DEFAULT_LANGUAGE, normalizeLanguage, format, Catalog, load, applyToDocument };
})();
