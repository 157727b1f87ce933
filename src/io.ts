import type { ChalkInstance } from "chalk";
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

export function createIO(streams: Streams, style: ChalkInstance, env: Record<string, string | undefined> = {}): IO {
  const secrets = new Set<string>();
  const mask = (text: string): string => {
    let masked = text;
    for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join("****");
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
