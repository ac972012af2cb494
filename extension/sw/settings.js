// Settings live in the service (GET/PUT /api/v1/settings); a local copy keeps the extension
// usable while the service is offline. Always read with defaults.
(function () {
  const DEFAULTS = {
    language: "zh_CN",
    highlight_style: "mark",
    sensitivity: "normal",
    sites: {},
    warn_types: [],
    only_own: false,
  };

  function withDefaults(settings) {
    return { ...DEFAULTS, ...(settings || {}), sites: { ...((settings && settings.sites) || {}) } };
  }

  async function get() {
    const { settingsCache } = await Hegai.store.readLocal(["settingsCache"]);
    return withDefaults(settingsCache);
  }

  async function remember(settings) {
    const merged = withDefaults(settings);
    await Hegai.store.writeLocal({ settingsCache: merged });
    return merged;
  }

  async function refresh() {
    return remember(await Hegai.api.getSettings());
  }

  async function update(partial) {
    return remember(await Hegai.api.putSettings(partial));
  }

  function siteConfig(settings, host) {
    const site = settings.sites[host] || {};
    return {
      host,
      enabled: site.enabled !== false,
      style: site.style || settings.highlight_style || DEFAULTS.highlight_style,
      siteStyle: site.style || null,
    };
  }

  async function catalog() {
    return Hegai.i18n.load((await get()).language);
  }

  Hegai.settings = { DEFAULTS, withDefaults, get, refresh, update, siteConfig, catalog };
})();
