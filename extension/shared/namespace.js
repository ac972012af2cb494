// One global namespace for every Hegai script (service worker, pages, content scripts).
// Classic scripts, so the same files load via importScripts, <script> and content_scripts.
var Hegai = globalThis.Hegai || (globalThis.Hegai = {});
Hegai.LEVELS = ["none", "low", "medium", "high", "critical"];
Hegai.DEFAULT_PORT = 8765;
Hegai.levelRank = (level) => Math.max(0, Hegai.LEVELS.indexOf(level));
