/**
 * One fuzz run of the built CLI as a process: the generated argv and surroundings laid out in a
 * sandbox (files under its HOME and repository), every connection pointed at a server on 127.0.0.1
 * (the emulator, or a raw server answering a scripted misbehaviour), and a proxy on a closed local
 * port for anything else, so that no run can reach the network. A run that does not end is killed.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { BIN, type Sandbox } from "../helpers/cli-process.ts";
import { CWD, HOME, type Surroundings } from "./inputs.ts";
import type { Outcome } from "./invariants.ts";
import { TOKEN } from "./strings.ts";

export const PROCESS_TIMEOUT_MS = 20_000;

export interface ProcessResult extends Outcome {
  /** Set when the process had to be killed, or died of a signal. */
  runaway: string | undefined;
  ms: number;
}

/**
 * Every way argv can name a place to connect becomes `--url <local>`. A value that is itself an
 * option (`--organization --user-token T`) is left alone: the CLI must refuse that as it stands,
 * and replacing the option would turn T into a stray argument the CLI could not know is a secret.
 */
export function localise(argv: readonly string[], url: string): string[] {
  const out = [...argv];
  for (let i = 0; i < out.length; i++) {
    const arg = out[i]!;
    if (["--organization", "-o", "--url"].includes(arg) && i + 1 < out.length) {
      if (out[i + 1]!.startsWith("-")) continue;
      out[i] = "--url";
      out[++i] = url;
    } else if (/^--(organization|url)=/.test(arg)) out[i] = `--url=${url}`;
  }
  return out;
}

function place(path: string, sandbox: Sandbox): string {
  if (path.startsWith(`${HOME}/`)) return `${sandbox.home}/${path.slice(HOME.length + 1)}`;
  if (path.startsWith(`${CWD}/`)) return `${sandbox.repo}/${path.slice(CWD.length + 1)}`;
  return path;
}

/** Writes the generated files into the sandbox; returns what to remove afterwards. */
function layOut(world: Surroundings, sandbox: Sandbox): string[] {
  const made: string[] = [];
  for (const [path, text] of Object.entries(world.files)) {
    const target = place(path, sandbox);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    made.push(target);
  }
  for (const [path, how] of Object.entries(world.unreadable)) {
    const target = place(path, sandbox);
    if (!target.startsWith(sandbox.home) && !target.startsWith(sandbox.repo)) continue; // never /dev/...
    rmSync(target, { force: true, recursive: true });
    mkdirSync(dirname(target), { recursive: true });
    if (how === "fifo") execFileSync("mkfifo", [target]);
    else mkdirSync(target);
    made.push(target);
  }
  return made;
}

/** A process cannot receive NUL in its arguments or environment: what a shell would pass instead. */
export const withoutNul = (text: string): string => text.replaceAll("\u0000", "");

export async function runProcess(argv: readonly string[], world: Surroundings, sandbox: Sandbox, url: string): Promise<ProcessResult> {
  const made = layOut(world, sandbox);
  const env: Record<string, string | undefined> = Object.fromEntries(Object.entries(world.env).map(([name, value]) => [name, withoutNul(value)]));
  // ci branch-deployment turns DAGSTER_CLOUD_ORGANIZATION into a host name: never here.
  delete env.DAGSTER_CLOUD_ORGANIZATION;
  if (env.GITHUB_EVENT_PATH) env.GITHUB_EVENT_PATH = place(env.GITHUB_EVENT_PATH, sandbox);
  Object.assign(env, {
    DAGSTER_CLOUD_URL: url,
    HTTPS_PROXY: `http://proxyuser:${TOKEN}@127.0.0.1:9`,
    HTTP_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1,localhost",
  });
  const started = performance.now();
  try {
    return await new Promise<ProcessResult>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...localise(argv, url)], { cwd: sandbox.repo, env: sandbox.env(env), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      let runaway: string | undefined;
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      const timer = setTimeout(() => {
        runaway = `no exit within ${PROCESS_TIMEOUT_MS} ms`;
        child.kill("SIGKILL");
      }, PROCESS_TIMEOUT_MS);
      child.on("error", reject);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (signal && !runaway) runaway = `killed by ${signal}`;
        resolve({ code: code ?? -1, stdout, stderr, runaway, ms: performance.now() - started });
      });
    });
  } finally {
    for (const path of made) rmSync(path, { force: true, recursive: true });
  }
}
