import type { Transport } from "../../src/api/transport.ts";
import { nodeTransport } from "../../src/api/transport.ts";
import type { Deps } from "../../src/deps.ts";
import { GitError } from "../../src/errors.ts";
import type { HeadCommit } from "../../src/git/head-commit.ts";
import type { RepoContext } from "../../src/git/repo-context.ts";
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
  /** What `readRepoContext` answers; absent: "not a repository". */
  repoContext?: RepoContext;
  /** Commits `readCommit` finds, by full hash. */
  commits?: Record<string, HeadCommit>;
  isTTY?: boolean;
  /** stdout is a terminal (default false: piped). */
  outIsTTY?: boolean;
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
  const io = createIO(
      {
        stdout: {
          write: (t: string, done?: (error?: Error | null) => void) => {
            out += t;
            done?.();
          },
          isTTY: options.outIsTTY ?? false,
        },
        stderr,
      },
    level === 0 ? plainStyle : new Chalk({ level }),
    env,
  );
  return {
    io,
    env,
    cwd: options.cwd ?? "/work/repo",
    homedir: options.homedir ?? "/home/ci",
    runtime: "node/test",
    readFile: async (path) => files[path],
    onSecret: (secret) => io.addSecret(secret),
    transport: options.transport ?? nodeTransport,
    readHeadCommit: async () => {
      if (!options.headCommit) throw new GitError("Cannot read git state: not a repository (fake)");
      return options.headCommit;
    },
    readRepoContext: async () => {
      if (!options.repoContext) throw new GitError("Cannot read git state: not a repository (fake)");
      return options.repoContext;
    },
    readCommit: async (_cwd, rev) => (rev === "HEAD" ? options.headCommit : options.commits?.[rev]),
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
