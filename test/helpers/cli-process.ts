import { execFileSync, spawn, type SpawnOptions } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = join(ROOT, "bin/dagster-cloud.js");

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A sandbox per test file: a temporary HOME, a PATH with `dagster-cloud` on it, a git repository. */
export interface Sandbox {
  home: string;
  repo: string;
  binDir: string;
  /** A clean environment: no inherited DAGSTER_CLOUD_*, proxies, colours or git config. */
  env(extra?: Record<string, string | undefined>): Record<string, string>;
  /** Runs the built bin/ as a subprocess; `nodeArgs` go to node before the script. */
  run(args: string[], options?: { env?: Record<string, string | undefined>; cwd?: string; nodeArgs?: string[] }): Promise<Result>;
  /** Runs a shell script (as CI does), with `dagster-cloud` on PATH. */
  sh(script: string, options?: { env?: Record<string, string | undefined>; cwd?: string }): Promise<Result>;
  git(...args: string[]): string;
  cleanup(): void;
}

/** Runs a process to its end, stdin closed, and collects its exit code and output. */
export function collect(command: string, args: readonly string[], options: SpawnOptions): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function createSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "dagster-cloud-e2e-"));
  const home = join(root, "home");
  const repo = join(root, "repo");
  const binDir = join(root, "bin");
  for (const dir of [home, repo, binDir]) mkdirSync(dir);
  symlinkSync(BIN, join(binDir, "dagster-cloud"));

  const env = (extra: Record<string, string | undefined> = {}): Record<string, string> => {
    const clean: Record<string, string | undefined> = {
      PATH: `${binDir}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      HOME: home,
      LANG: "C.UTF-8",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "Ann Author",
      GIT_AUTHOR_EMAIL: "ann@example.com",
      GIT_COMMITTER_NAME: "Ann Author",
      GIT_COMMITTER_EMAIL: "ann@example.com",
      ...extra,
    };
    return Object.fromEntries(Object.entries(clean).filter((e): e is [string, string] => e[1] !== undefined));
  };
  const spawnResult = (command: string, args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}) =>
    collect(command, args, { cwd: options.cwd ?? repo, env: env(options.env) });
  const git = (...args: string[]): string => execFileSync("git", args, { cwd: repo, env: env(), encoding: "utf8" }).trim();

  git("init", "-q", "-b", "main");
  writeFileSync(join(repo, "README.md"), "hello\n");
  git("add", ".");
  git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "Initial commit", "--date", "1700000000 +0000");

  return {
    home,
    repo,
    binDir,
    env,
    run: (args, options) => spawnResult(process.execPath, [...(options?.nodeArgs ?? []), BIN, ...args], options),
    sh: (script, options) => spawnResult("bash", ["-euo", "pipefail", "-c", script], options),
    git,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
