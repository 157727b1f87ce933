// Bundles the CLI into dist/cli/ (one entry plus lazily loaded chunks, no runtime dependencies)
// and the local Dagster+ emulator into dist/emulator/.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { builtinModules } from "node:module";
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

/**
 * `import ... from "node:x"` in an ES module makes Node build the built-in's module namespace, which
 * reads every export, lazy getters included: node:http's WebSocket getter loads Node's own undici
 * (with tls, crypto, http2, zlib, worker_threads: create-or-update took 170 -> 147 ms on Node 22 and
 * 185 -> 142 ms on Node 24 without it), and node:fs's `promises` and `ReadStream` load the stream
 * machinery. require() returns the module as it is. So our imports of built-ins become require() calls (through the createRequire banner);
 * default and named imports read the same module object, which is also what msw patches.
 */
const builtinsViaRequire = {
  name: "builtins-via-require",
  setup(build) {
    const names = new Set(builtinModules);
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
      args.kind === "import-statement" && (args.path.startsWith("node:") || names.has(args.path)) ? { path: args.path, namespace: "builtin" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
  },
};

const cli = {
  ...common,
  entryPoints: { entry: "src/entry.ts" },
  outdir: `${staging}/cli`,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
};
const cliPlugins = [deferChildProcess, builtinsViaRequire];
await Promise.all([
  esbuild.build({ ...cli, plugins: [...cliPlugins, await fewerChunks(cli, cliPlugins)] }),
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
 * Fewer, larger chunks. esbuild puts each set of modules with the same importers into its own
 * chunk: --help loaded eleven ES modules and create-or-update nineteen (now 3 and 8), and each costs
 * Node a resolve, a read and a link (~0.3 ms; more on Node 20, whose ESM loader reads files
 * asynchronously). Measured on Node 20: --help 106 -> 88 ms (one start-up chunk), create-or-update
 * 143 -> 132 ms (one shared run chunk). Two kinds of import are added, at the start of line 1 (so
 * that source maps keep their lines):
 * - each lazily imported module imports the roots of the start-up graph, which is always loaded
 *   before it anyway: the whole start-up graph then has the same importers and is one chunk;
 * - each command's run step (the modules src/cli.ts imports lazily) imports every module of ours
 *   that two or more run steps share: they become one chunk (plus what each step has alone),
 *   at the cost of a few KB a step may not need. Third-party code (undici, yaml, simple-git) is
 *   imported lazily by those modules and stays in its own chunks.
 * Nothing runs in another order than before: an added import is of a module already evaluated, or
 * of one without effects at load (never of one that imports the step back).
 * The imports are read from a first build that writes nothing.
 */
async function fewerChunks(options, plugins) {
  const { metafile } = await esbuild.build({ ...options, plugins, write: false, metafile: true, logLevel: "silent" });
  const inputs = metafile.inputs;
  const staticImports = (path) => (inputs[path]?.imports ?? []).filter((i) => i.kind === "import-statement" && !i.external).map((i) => i.path);
  const dynamicImports = (path) => (inputs[path]?.imports ?? []).filter((i) => i.kind === "dynamic-import" && !i.external).map((i) => i.path);
  const reach = (root, skip = new Set()) => {
    const seen = new Set();
    for (const stack = [root]; stack.length > 0; ) {
      const path = stack.pop();
      if (seen.has(path) || skip.has(path) || !inputs[path]) continue;
      seen.add(path);
      stack.push(...staticImports(path));
    }
    return seen;
  };
  const startup = reach("src/entry.ts");
  const roots = staticImports("src/entry.ts").filter((path) => path.startsWith("src/"));
  const runs = dynamicImports("src/cli.ts").filter((path) => !startup.has(path));
  const users = new Map();
  for (const run of runs) for (const path of reach(run, startup)) users.set(path, (users.get(path) ?? 0) + 1);
  const shared = [...users].filter(([path, count]) => count >= 2 && path.startsWith("src/")).map(([path]) => path);

  const added = new Map();
  for (const input of Object.keys(inputs)) for (const path of dynamicImports(input)) if (!startup.has(path)) added.set(path, [...roots]);
  for (const run of runs) added.set(run, [...roots, ...shared.filter((path) => path !== run && !reach(path).has(run))]);
  const prelude = new Map([...added].map(([path, imports]) => [resolve(path), imports.map((i) => `import ${JSON.stringify(resolve(i))};`).join("")]));
  return {
    name: "fewer-chunks",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) =>
        prelude.has(args.path) ? { contents: prelude.get(args.path) + readFileSync(args.path, "utf8"), loader: "ts" } : undefined,
      );
    },
  };
}

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
    // The plugins' virtual modules (builtin:node:fs, defer:...) are one-line shims, not our code.
    const ours = sources.filter(
      (source) => !source.includes("node_modules/") && !/^(builtin|defer):/.test(source) && ![...reExports].some((s) => source.endsWith(s)),
    );
    if (ours.length > 0) continue;
    rmSync(mapPath);
    const jsPath = mapPath.slice(0, -".map".length);
    writeFileSync(jsPath, readFileSync(jsPath, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
  }
}
