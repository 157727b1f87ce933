// Bundles the CLI into dist/cli/ (one entry plus lazily loaded chunks, no runtime dependencies)
// and the local Dagster+ emulator into dist/emulator/.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";

process.chdir(new URL("..", import.meta.url).pathname);
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
// Build beside dist/ and swap it in, so that a CLI running from dist/ (a test in another
// process) never sees it half-written or missing.
const staging = `dist.staging-${process.pid}`;

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

// commander requires node:child_process at load time only to run executable subcommands, which this
// CLI does not have; loading it costs every start ~5 ms (net, dgram, streams). Defer it to first use.
const deferChildProcess = {
  name: "defer-child-process",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/") ? { path: "deferred-child-process", namespace: "defer" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "defer" }, () => ({
      contents: 'let real; module.exports = { spawn: (...args) => (real ??= require("node:child_process")).spawn(...args) };',
      loader: "js",
    }));
  },
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { entry: "src/entry.ts" },
    outdir: `${staging}/cli`,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    plugins: [deferChildProcess],
  }),
  esbuild.build({ ...common, entryPoints: { main: "emulator/main.ts" }, outdir: `${staging}/emulator` }),
]);
dropVendorSourceMaps(`${staging}/cli`);
const old = `dist.old-${process.pid}`;
try {
  renameSync("dist", old);
} catch (error) {
  if (error.code !== "ENOENT") throw error;
}
renameSync(staging, "dist");
rmSync(old, { recursive: true, force: true });

/**
 * Source maps exist so that --verbose stack traces point at our TypeScript. Chunks that hold only
 * third-party code (undici, yaml, simple-git, chalk), plus the one-line modules that re-export it,
 * gain nothing from them and would double the package's size: their maps are dropped.
 */
function dropVendorSourceMaps(dir) {
  const reExports = new Set(["src/api/undici.ts", "src/settings/parsers.ts", "src/color.ts"]);
  for (const entry of readdirSync(dir, { recursive: true })) {
    if (!entry.endsWith(".js.map")) continue;
    const mapPath = join(dir, entry);
    const { sources } = JSON.parse(readFileSync(mapPath, "utf8"));
    const ours = sources.filter((source) => !source.includes("node_modules/") && ![...reExports].some((s) => source.endsWith(s)));
    if (ours.length > 0) continue;
    rmSync(mapPath);
    const jsPath = mapPath.slice(0, -".map".length);
    writeFileSync(jsPath, readFileSync(jsPath, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
  }
}
