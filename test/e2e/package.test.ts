import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { ROOT } from "../helpers/cli-process.ts";

/** The real install path: npm pack, install the tarball into an empty project offline, run it. */
const MAX_TARBALL_BYTES = 300 * 1024;
let dir: string;
let tarball: string;
let emulator: Emulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dagster-cloud-pack-"));
  const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" })) as [{ filename: string }];
  tarball = join(dir, filename);
  const project = join(dir, "project");
  execFileSync("mkdir", [project]);
  writeFileSync(join(project, "package.json"), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  // --offline: with no runtime dependencies there is nothing to fetch.
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: project, stdio: "ignore" });
  emulator = await startEmulator({ tokens: ["pack-token-123456"] });
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const installed = () => join(dir, "project/node_modules/.bin/dagster-cloud");
const env = () => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir });

describe("the published package", () => {
  it(`is one tarball of at most ${MAX_TARBALL_BYTES / 1024} KiB`, () => {
    expect(statSync(tarball).size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
  });

  it("has no runtime dependencies: the libraries are bundled", () => {
    const manifest = JSON.parse(readFileSync(join(dir, "project/node_modules/dagster-cloud-ts/package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ "dagster-cloud": "bin/dagster-cloud.js" });
    expect(readFileSync(join(dir, "project/package-lock.json"), "utf8")).not.toMatch(/"node_modules\/(?!dagster-cloud-ts")/);
  });

  it("the installed dagster-cloud prints its version", () => {
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
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
