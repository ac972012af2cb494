// Bundle each real editor package into one fixture script (dist/<kind>.js) for the guard e2e pages.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const kinds = ["prosemirror", "lexical", "draftjs", "quill"];
await build({
  entryPoints: kinds.map((kind) => path.join(here, "src", `${kind}.js`)),
  outdir: path.join(here, "dist"),
  bundle: true,
  format: "iife",
  target: "chrome110",
  define: { "process.env.NODE_ENV": '"production"', global: "window" },
  logLevel: "warning",
});
console.log(`hegai editors: bundled ${kinds.join(", ")} into dist/`);
