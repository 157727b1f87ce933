import type { ChalkInstance } from "chalk";
import { fstatSync, writeSync } from "node:fs";
import { defuseWorkflowCommands } from "./text.ts";

/** Where output goes. stdout carries the result only; everything a human reads goes to stderr. */
export interface IO {
  /** stdout: the command's result, written once, after success. Known secrets are masked. */
  out(text: string): void;
  /** stderr: errors, warnings, progress, summaries. Known secrets are masked. */
  err(text: string): void;
  /** Styling for stderr; a no-op when stderr is not a colour terminal. */
  readonly style: ChalkInstance;
  readonly errIsTTY: boolean;
  /** stderr can redraw a line in place (a terminal, not TERM=dumb): spinners may be used. */
  readonly live: boolean;
  /** stdout is a terminal (tables for people) rather than a pipe or file (lines for scripts). */
  readonly outIsTTY: boolean;
  /** Columns to wrap help to: the terminal's width, or 80 when stdout is not a terminal. */
  readonly helpWidth: number;
  /** Never print this value (an API token, a password): any output containing it is masked. */
  addSecret(secret: string): void;
  /** Waits until stdout has taken everything written; the first write error, if any. */
  flush(): Promise<Error | undefined>;
}

export interface Streams {
  stdout: { write(text: string, callback?: (error?: Error | null) => void): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; hasColors?: () => boolean };
}

/**
 * stdout and stderr written with fs.writeSync: process.stdout and process.stderr load Node's stream
 * machinery (net, streams: ~30 modules) when first touched, which costs more than all of --help;
 * this CLI writes a few KB, once. Only the plain case takes this way: a pipe, file or socket that
 * takes every byte. A character device (a terminal, /dev/null), and any write that does not simply
 * succeed (EAGAIN from a full non-blocking pipe, EPIPE, ENOSPC...), go to the process's own stream,
 * which then does exactly what it always did, and takes every later write too, to keep the order.
 */
export function systemStreams(): Streams {
  return {
    // A closed stdout (`| head -0`) or a full disk must not crash the process: main() sees the
    // failed write through io.flush() and exits 1 with a message.
    stdout: fdStream(1, () => process.stdout.on("error", () => undefined)),
    stderr: fdStream(2, () => process.stderr),
  };
}

function fdStream(fd: 1 | 2, nodeStream: () => NodeJS.WriteStream): Streams["stdout"] & Streams["stderr"] {
  let node: NodeJS.WriteStream | undefined;
  try {
    if (fstatSync(fd).isCharacterDevice()) node = nodeStream();
  } catch {
    node = nodeStream();
  }
  return {
    isTTY: node?.isTTY === true,
    get columns() {
      return node?.columns;
    },
    write(text: string, callback?: (error?: Error | null) => void) {
      if (node) return node.write(text, callback);
      const bytes = Buffer.from(text);
      let offset = 0;
      try {
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      } catch {
        node = nodeStream();
        return node.write(bytes.subarray(offset), callback);
      }
      callback?.(null);
      return true;
    },
  };
}

/** Colour is decided once, from stderr: NO_COLOR wins, then FORCE_COLOR, then the terminal. */
export function colorLevel(
  stderr: Streams["stderr"],
  env: Record<string, string | undefined>,
): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    if (force === "2" || force === "3") return Number(force) as 2 | 3;
    return 1;
  }
  if (!stderr.isTTY || env.TERM === "dumb") return 0;
  return 1;
}

/** Styling that styles nothing: `plainStyle.red.bold("x") === "x"`. Chalk loads only for colour. */
export const plainStyle: ChalkInstance = new Proxy(((text: unknown) => String(text)) as unknown as ChalkInstance, {
  get: (_target, property) => (property === "level" ? 0 : plainStyle),
});

/** Secrets shorter than this are not masked: they would mask ordinary words. Real tokens are long. */
const MIN_SECRET_LENGTH = 6;
/** A secret's first characters before an ellipsis are masked from this many on. */
const MIN_PREFIX = 4;

export function createIO(streams: Streams, style: ChalkInstance, env: Record<string, string | undefined> = {}): IO {
  const secrets = new Set<string>();
  const mask = (text: string): string => {
    let masked = text;
    for (const secret of secrets) {
      if (masked.includes(secret)) masked = masked.split(secret).join("****");
      // A message cut short (oneLine's "…") may end in the first characters of a secret.
      if (!masked.includes("…")) continue;
      for (let length = secret.length - 1; length >= MIN_PREFIX; length--) {
        const cut = `${secret.slice(0, length)}…`;
        if (masked.includes(cut)) masked = masked.split(cut).join("****…");
      }
    }
    return masked;
  };
  let pending = 0;
  let outError: Error | undefined;
  let settled: (() => void) | undefined;
  const errIsTTY = streams.stderr.isTTY === true;
  return {
    out: (text) => {
      pending++;
      try {
        streams.stdout.write(mask(text), (error) => {
          if (error) outError ??= error;
          if (--pending === 0) settled?.();
        });
      } catch (error) {
        outError ??= error as Error;
        pending--;
      }
    },
    // The last line of defence: whatever a message carries, it cannot start a CI workflow command.
    err: (text) => void streams.stderr.write(defuseWorkflowCommands(mask(text))),
    style,
    errIsTTY,
    live: errIsTTY && env.TERM !== "dumb",
    outIsTTY: streams.stdout.isTTY === true,
    helpWidth: streams.stdout.isTTY === true && streams.stdout.columns ? Math.max(40, Math.min(streams.stdout.columns, 120)) : 80,
    addSecret: (secret) => {
      if (secret.length < MIN_SECRET_LENGTH) return;
      // The forms a value takes when quoted or put in a URL, too.
      for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) secrets.add(form);
    },
    flush: () =>
      new Promise((resolve) => {
        if (pending === 0) return resolve(outError);
        settled = () => resolve(outError);
      }),
  };
}
