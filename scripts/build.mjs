// Bundles the CLI into dist/cli/ (one entry plus lazily loaded chunks, no runtime dependencies)
// and the local Dagster+ emulator into dist/emulator/.
import { readFileSync, rmSync } from "node:fs";
import * as esbuild from "esbuild";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });

const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20.18",
  minify: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "linked",
  logLevel: "warning",
  define: { __VERSION__: JSON.stringify(version) },
  // Bundled CommonJS (undici, simple-git) calls require() for Node built-ins.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { entry: "src/entry.ts" },
    outdir: "dist/cli",
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
  }),
  esbuild.build({ ...common, entryPoints: { main: "emulator/main.ts" }, outdir: "dist/emulator" }),
]);
