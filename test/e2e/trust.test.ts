import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { BIN, collect, createSandbox, type Result, type Sandbox } from "../helpers/cli-process.ts";

/**
 * The token never leaks, whatever the command line looks like, and odd environments do not crash
 * the CLI. Each case here printed the token or crashed before the fix (issue: trustworthy with a
 * secret).
 */
const TOKEN = "user:trust-secret-token-5c4b3a291807";

let emulator: Emulator;
let sandbox: Sandbox;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
  sandbox = createSandbox();
  writeFileSync(join(sandbox.repo, "dagster_cloud.yaml"), "locations:\n  - location_name: app\n    code_source:\n      package_name: app\n");
});
afterAll(async () => {
  await emulator.close();
  sandbox.cleanup();
});
beforeEach(() => emulator.reset());

const explicit = ["--git-repo-name", "acme/app", "--branch-name", "main", "--commit-hash", "abc123", "--timestamp", "1700000000"];

function expectClean(result: Result): void {
  expect(result.stdout + result.stderr).not.toContain(TOKEN);
  expect(result.stdout + result.stderr).not.toContain("trust-secret");
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe("the token is never printed, whatever argv looks like", () => {
  it.each<[string, string[], Record<string, string>]>([
    ["an empty unquoted variable before --api-token", ["branch-deployment", "create-or-update", "--url", "URL", ...explicit, "--author-name", "--api-token", TOKEN], {}],
    ["the same with the token also in the environment", ["deployment", "add-location", "--url", "URL/prod", "--package-name", "app", "--no-wait", "--image", "--api-token", TOKEN], { DAGSTER_CLOUD_API_TOKEN: TOKEN }],
    ["a mistyped --api-tokn=<token>", ["branch-deployment", "create-or-update", "--url", "URL", ...explicit, `--api-tokn=${TOKEN}`], {}],
    ["a mistyped -U<token>", ["branch-deployment", "create-or-update", "--url", "URL", ...explicit, `-U${TOKEN}`], {}],
    ["a token that lost its flag (a stray argument)", ["branch-deployment", "create-or-update", "--url", "URL", ...explicit, TOKEN], { DAGSTER_CLOUD_API_TOKEN: TOKEN }],
    ["a URL with credentials", ["branch-deployment", "create-or-update", "--url", `https://ci:${TOKEN}@acme.dagster.cloud`, ...explicit], {}],
    ["a URL with the token in its query", ["branch-deployment", "create-or-update", "--url", `https://acme.dagster.cloud/?token=${TOKEN}`, ...explicit], {}],
  ])("%s: a usage error (exit 2), nothing sent", async (_name, args, env) => {
    const result = await sandbox.run(
      args.map((arg) => arg.replace(/^URL/, emulator.url)),
      { env: { ...env, NO_COLOR: "1" } },
    );
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
    expectClean(result);
    expect(result.stderr.split("\n").length).toBeLessThanOrEqual(3);
    expect(emulator.requests).toEqual([]);
  });

  it("--verbose on a usage error prints no stack trace either", async () => {
    const result = await sandbox.run(["branch-deployment", "create-or-update", "--url", emulator.url, ...explicit, "--author-name", "--api-token", TOKEN, "--verbose"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "Error: --author-name needs a value, but the next argument is the option --api-token.\n" +
        'An empty unquoted variable does this: quote it (--author-name "$VALUE"), or write --author-name=VALUE.\n',
    );
  });
});

describe("odd environments", () => {
  it("no HOME and a uid without a passwd entry: --version and a fully flagged call work", async () => {
    if (process.getuid?.() !== 0) return; // needs root to run as another uid; CI runs as root
    const dir = mkdtempSync(join(tmpdir(), "dagster-cloud-nohome-"));
    try {
      const run = (args: string[]) => collect(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "" }, uid: 48213, gid: 48213 });
      const version = await run(["--version"]);
      expect(version).toMatchObject({ code: 0, stderr: "" });
      const created = await run(["branch-deployment", "create-or-update", "--url", emulator.url, "--api-token", TOKEN, ...explicit]);
      expect(created).toMatchObject({ code: 0, stderr: "" });
      expect(created.stdout).toMatch(/^[0-9a-f]{40}\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a deleted working directory: --version and a fully flagged call work; git says what is wrong", async () => {
    const inGoneDir = (args: string) =>
      sandbox.sh(`d=$(mktemp -d) && cd "$d" && rmdir "$d" && exec "${process.execPath}" "${BIN}" ${args}`, { env: { NO_COLOR: "1" } });
    expect(await inGoneDir("--version")).toMatchObject({ code: 0, stderr: "" });
    const created = await inGoneDir(`branch-deployment create-or-update --url ${emulator.url} --api-token ${TOKEN} ${explicit.join(" ")}`);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toMatch(/^[0-9a-f]{40}\n$/);
    const git = await inGoneDir(`branch-deployment create-or-update --url ${emulator.url} --api-token ${TOKEN} --git-repo-name a/b --branch-name main --read-git-state`);
    expect({ code: git.code, stdout: git.stdout }).toEqual({ code: 1, stdout: "" });
    expect(git.stderr).toMatch(/^Error: Cannot read git state: .*\n/);
    expectClean(git);
  });

  it("a name that cannot be written to stdout (/dev/full) is a failure: exit 1, a line on stderr", async () => {
    const result = await sandbox.sh(
      `"${process.execPath}" "${BIN}" branch-deployment create-or-update --url ${emulator.url} --api-token ${TOKEN} ${explicit.join(" ")} > /dev/full`,
      { env: { NO_COLOR: "1" } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "Error: Could not write the result to stdout (ENOSPC).\nCheck where stdout goes: a full disk, a closed pipe or a read-only file.\n",
    );
  });
});

describe("signals", () => {
  it.each<[NodeJS.Signals, number]>([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ])("%s while add-location waits: exit %i, stdout empty", async (signal, code) => {
    emulator.configure({ agent: "none" });
    const child = spawn(process.execPath, [BIN, "deployment", "add-location", "app", "--location-file", "dagster_cloud.yaml", "--url", `${emulator.url}/prod`, "--api-token", TOKEN], {
      cwd: sandbox.repo,
      env: sandbox.env({ NO_COLOR: "1" }),
    });
    let stderr = "";
    let stdout = "";
    let sent = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && stderr.includes("Waiting for the agent")) sent = child.kill(signal);
    });
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exit = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ exit, stdout }).toEqual({ exit: code, stdout: "" });
    expect(stderr).toContain(`Error: Stopped waiting (${signal}).`);
  });
});
