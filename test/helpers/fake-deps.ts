import type { Transport } from "../../src/api/transport.ts";
import { nodeTransport } from "../../src/api/transport.ts";
import type { Deps } from "../../src/deps.ts";
import { GitError } from "../../src/errors.ts";
import type { HeadCommit } from "../../src/git/head-commit.ts";
import { Chalk } from "chalk";
import { colorLevel, createIO, plainStyle } from "../../src/io.ts";

export interface FakeDeps extends Deps {
  stdout(): string;
  stderr(): string;
  /** Every sleep requested, in ms. */
  sleeps: number[];
}

export interface FakeDepsOptions {
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
  transport?: Transport;
  headCommit?: HeadCommit;
  isTTY?: boolean;
  cwd?: string;
  homedir?: string;
}

/** Deps for in-process tests: captured streams, in-memory files, a clock that sleeps instantly. */
export function fakeDeps(options: FakeDepsOptions = {}): FakeDeps {
  let out = "";
  let err = "";
  let clock = Date.parse("2026-11-27T12:00:00Z");
  const sleeps: number[] = [];
  const env = options.env ?? {};
  const files = options.files ?? {};
  const stderr = { write: (t: string) => (err += t), isTTY: options.isTTY ?? false };
  const level = colorLevel(stderr, env);
  return {
    io: createIO({ stdout: { write: (t: string) => (out += t) }, stderr }, level === 0 ? plainStyle : new Chalk({ level })),
    env,
    cwd: options.cwd ?? "/work/repo",
    homedir: options.homedir ?? "/home/ci",
    runtime: "node/test",
    readFile: async (path) => files[path],
    transport: options.transport ?? nodeTransport,
    readHeadCommit: async () => {
      if (!options.headCommit) throw new GitError("Cannot read git state: not a repository (fake)");
      return options.headCommit;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    random: () => 0.5,
    interruptible: (work) => work(),
    stdout: () => out,
    stderr: () => err,
    sleeps,
  };
}
