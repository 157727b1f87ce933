import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { ROOT } from "../helpers/cli-process.ts";

/**
 * The real install path, as a user or the release workflow meets it: a fresh clone of HEAD with no
 * dist/, `npm pack` (its prepack script must build), the tarball installed offline into an empty
 * global prefix, the installed `dagster-cloud` run.
 *
 * The clone borrows this checkout's node_modules through a symlink: `npm ci --offline` in the clone
 * took 10 s of the two cores against 3 s for the whole pack, and the same lockfile install is what
 * .ci/run itself does on its clean clone before this test runs.
 */
/**
 * A ceiling that catches an accidental dependency or a vendor source map: 327 KiB today, of which
 * undici (loaded only behind a proxy) is ~100 KiB packed and our source maps ~70 KiB.
 */
const MAX_TARBALL_BYTES = 360 * 1024;
const ALLOWED = /^(bin\/|dist\/cli\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/;
const REQUIRED = ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "bin/dagster-cloud.js", "dist/cli/entry.js"];

let dir: string;
let clone: string;
let prefix: string;
let tarball: string;
let files: string[];
let builtBeforePack: boolean;
let emulator: Emulator;

/** npm without the outer `npm test`'s npm_* settings, which would leak into the nested runs. */
const npmEnv = (): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => !/^npm_/i.test(e[0]) && e[1] !== undefined)),
  npm_config_update_notifier: "false",
  npm_config_audit: "false",
  npm_config_fund: "false",
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dagster-cloud-pack-"));
  clone = join(dir, "clone");
  prefix = join(dir, "prefix");
  execFileSync("git", ["clone", "-q", ROOT, clone], { stdio: "pipe" });
  symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"));
  builtBeforePack = existsSync(join(clone, "dist"));

  // Lifecycle banners go to stderr (kept for the error message); stdout is the JSON report alone.
  const report = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: clone, env: npmEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [pack] = JSON.parse(report) as [{ filename: string; files: { path: string }[] }];
  tarball = join(dir, pack.filename);
  files = pack.files.map((file) => file.path);

  mkdirSync(prefix);
  // --offline: with no runtime dependencies there is nothing to fetch.
  execFileSync("npm", ["install", "--global", "--prefix", prefix, "--offline", tarball], { cwd: dir, env: npmEnv(), stdio: "pipe" });
  emulator = await startEmulator({ tokens: ["pack-token-123456"] });
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const installedPackage = () => join(prefix, "lib/node_modules/dagster-cloud-ts");
const installed = () => join(prefix, "bin/dagster-cloud");
const env = () => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir });

describe("the package packed from a fresh clone", () => {
  it("is built by npm pack itself (prepack): the clone had no dist/", () => {
    expect(builtBeforePack).toBe(false);
    expect(files).toContain("dist/cli/entry.js");
  });

  it(`is one tarball of at most ${MAX_TARBALL_BYTES / 1024} KiB`, () => {
    expect(statSync(tarball).size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
  });

  it("holds the launcher, the CLI bundle and the docs, and no sources, tests or emulator", () => {
    expect(files.filter((path) => !ALLOWED.test(path))).toEqual([]);
    expect(REQUIRED.filter((path) => !files.includes(path))).toEqual([]);
  });

  it("has no runtime dependencies: the libraries are bundled", () => {
    const manifest = JSON.parse(readFileSync(join(installedPackage(), "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ "dagster-cloud": "bin/dagster-cloud.js" });
    expect(existsSync(join(installedPackage(), "node_modules"))).toBe(false);
  });

  it("the installed dagster-cloud prints its version", () => {
    const version = JSON.parse(readFileSync(join(clone, "package.json"), "utf8")).version as string;
    expect(execFileSync(installed(), ["--version"], { env: env(), encoding: "utf8" })).toBe(`Dagster Cloud version: ${version} (TypeScript CLI)\n`);
  });

  it("the installed dagster-cloud creates a branch deployment against the emulator", async () => {
    // Asynchronously: the emulator answers from this process's event loop.
    const { stdout } = await promisify(execFile)(
      installed(),
      ["branch-deployment", "create-or-update", "--url", emulator.url, "--git-repo-name", "acme/app", "--branch-name", "b", "--commit-hash", "abc", "--timestamp", "1"],
      { env: { ...env(), DAGSTER_CLOUD_API_TOKEN: "pack-token-123456" }, encoding: "utf8", cwd: dir },
    );
    expect(stdout).toBe(`${createHash("sha1").update("acme/app..b").digest("hex")}\n`);
  });
});
