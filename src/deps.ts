import { readFile } from "node:fs";
import { homedir } from "node:os";
import type { Transport } from "./api/transport.ts";
import type { HeadCommit } from "./git/head-commit.ts";
import { InterruptedError } from "./errors.ts";
import { colorLevel, createIO, plainStyle, type IO } from "./io.ts";

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
  const level = colorLevel(process.stderr, env);
  const style = level === 0 ? plainStyle : (await import("./color.ts")).colorStyle(level);
  return {
    io: createIO({ stdout: process.stdout, stderr: process.stderr }, style),
    env,
    cwd: process.cwd(),
    homedir: homedir(),
    runtime: `node/${process.versions.node}`,
    // node:fs, not node:fs/promises: the latter costs a few ms of start-up in every process.
    readFile: (path) =>
      new Promise((resolve, reject) =>
        readFile(path, "utf8", (error, text) => {
          if (error?.code === "ENOENT") resolve(undefined);
          else if (error) reject(error);
          else resolve(text);
        }),
      ),
    transport: async (request) => {
      transport ??= import("./api/environment-transport.ts").then((m) => m.environmentTransport(env));
      return (await transport)(request);
    },
    readHeadCommit: async (cwd) => (await import("./git/head-commit.ts")).readHeadCommit(cwd, env),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    random: () => Math.random(),
    interruptible: async (work) => {
      let stop: (signal: NodeJS.Signals) => void = () => undefined;
      const interrupted = new Promise<never>((_, reject) => {
        stop = (signal) => {
          if (process.stderr.isTTY) process.stderr.write("\r\u001b[2K"); // a live progress line
          reject(new InterruptedError(`Stopped waiting (${signal}).`, { hint: "The update was sent: Dagster+ goes on with it." }));
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
