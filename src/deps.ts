import { homedir } from "node:os";
import type { Transport } from "./api/transport.ts";
import type { HeadCommit } from "./git/head-commit.ts";
import type { RepoContext } from "./git/repo-context.ts";
import { InterruptedError } from "./errors.ts";
import { colorLevel, createIO, plainStyle, systemStreams, type IO } from "./io.ts";

export interface GitTrust {
  trustedDirectory?: string | undefined;
}

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
  /** A secret found while reading settings (a config file's user_token): never to be printed. */
  onSecret(secret: string): void;
  transport: Transport;
  /** git, read-only and hardened (src/git/); `trustedDirectory` is --git-safe-directory. */
  readHeadCommit(cwd: string, options?: GitTrust): Promise<HeadCommit>;
  readRepoContext(cwd: string, options?: GitTrust): Promise<RepoContext>;
  /** The commit's metadata, or undefined when the checkout does not have it. */
  readCommit(cwd: string, rev: string, options?: GitTrust): Promise<HeadCommit | undefined>;
  sleep(ms: number): Promise<void>;
  now(): number;
  random(): number;
  /** Asks a yes/no question on the terminal; undefined when there is none to ask (CI). */
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  /** Runs `work`; Ctrl-C (SIGINT) or SIGTERM meanwhile rejects with InterruptedError (exit 130). */
  interruptible<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The real thing. Expensive parts load on first use (HTTP proxying, git, config parsers) or only
 * when needed at all (chalk, for colour), so --help and usage errors stay fast.
 */
export async function systemDeps(): Promise<Deps> {
  const env = process.env;
  let transport: Promise<Transport> | undefined;
  const streams = systemStreams();
  const level = colorLevel(streams.stderr, env);
  const style = level === 0 ? plainStyle : (await import("./color.ts")).colorStyle(level);
  const io = createIO(streams, style, env);
  return {
    io,
    env,
    cwd: currentDirectory(env),
    homedir: homeDirectory(env),
    runtime: `node/${process.versions.node}`,
    // node:fs, not node:fs/promises: the latter costs a few ms of start-up in every process.
    // Regular files only, at most 4 MiB: never a FIFO, a device or /dev/zero behind a symlink.
    readFile: async (path) => (await import("./files.ts")).readTextFile(path),
    onSecret: (secret) => io.addSecret(secret),
    transport: async (request) => {
      transport ??= import("./api/environment-transport.ts").then((m) => m.environmentTransport(env));
      return (await transport)(request);
    },
    readHeadCommit: async (cwd, options) => (await import("./git/head-commit.ts")).readHeadCommit(cwd, env, options),
    readRepoContext: async (cwd, options) => (await import("./git/repo-context.ts")).readRepoContext(cwd, { env, ...options }),
    readCommit: async (cwd, rev, options) => (await import("./git/commit.ts")).readCommit(cwd, rev, { env, ...options }),
    confirm:
      // stderr first: when it is not a terminal (CI), process.stdin is never set up.
      io.errIsTTY && process.stdin.isTTY
        ? async (question) => (await import("./commands/branch-deployment/confirm.ts")).createConfirm(process.stdin, process.stderr)(question)
        : undefined,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    random: () => Math.random(),
    interruptible: async (work) => {
      let stop: (signal: NodeJS.Signals) => void = () => undefined;
      const interrupted = new Promise<never>((_, reject) => {
        stop = (signal) => {
          if (process.stderr.isTTY && env.TERM !== "dumb") process.stderr.write("\r\u001b[2K"); // a live progress line
          reject(
            new InterruptedError(`Stopped waiting (${signal}).`, {
              hint: "The update was sent: Dagster+ goes on with it.",
              signal: signal === "SIGTERM" ? "SIGTERM" : "SIGINT",
            }),
          );
        };
      });
      process.once("SIGINT", stop).once("SIGTERM", stop);
      try {
        return await Promise.race([work(), interrupted]);
      } finally {
        process.off("SIGINT", stop).off("SIGTERM", stop);
      }
    },
  };
}

/**
 * The home directory, for config file paths. With HOME unset and no passwd entry for the uid (some
 * containers), os.homedir() throws: then no config file is found under it, rather than a crash.
 */
function homeDirectory(env: Record<string, string | undefined>): string {
  try {
    return homedir();
  } catch {
    return env.HOME || "/nonexistent";
  }
}

/** The working directory; if it was deleted, process.cwd() throws: use $PWD, so that errors name it. */
function currentDirectory(env: Record<string, string | undefined>): string {
  try {
    return process.cwd();
  } catch {
    return env.PWD || "/nonexistent";
  }
}
