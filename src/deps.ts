import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import type { Transport } from "./api/transport.ts";
import type { HeadCommit } from "./git/head-commit.ts";
import { createIO, type IO } from "./io.ts";

/** Everything commands use from the outside world. Tests build their own. */
export interface Deps {
  io: IO;
  env: Record<string, string | undefined>;
  cwd: string;
  homedir: string;
  /** e.g. "node/20.20.2", for the User-Agent. */
  runtime: string;
  /** A file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  transport: Transport;
  readHeadCommit(cwd: string): Promise<HeadCommit>;
  sleep(ms: number): Promise<void>;
  now(): number;
  random(): number;
}

/** The real thing. Expensive parts (HTTP proxying, git) load on first use, so --help stays fast. */
export function systemDeps(): Deps {
  const env = process.env;
  let transport: Promise<Transport> | undefined;
  return {
    io: createIO({ stdout: process.stdout, stderr: process.stderr }, env),
    env,
    cwd: process.cwd(),
    homedir: homedir(),
    runtime: `node/${process.versions.node}`,
    readFile: async (path) => {
      try {
        return await readFile(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    transport: async (request) => {
      transport ??= import("./api/environment-transport.ts").then((m) => m.environmentTransport(env));
      return (await transport)(request);
    },
    readHeadCommit: async (cwd) => (await import("./git/head-commit.ts")).readHeadCommit(cwd, env),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    random: () => Math.random(),
  };
}
