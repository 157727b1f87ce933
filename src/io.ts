import type { ChalkInstance } from "chalk";

/** Where output goes. stdout carries the result only; everything a human reads goes to stderr. */
export interface IO {
  /** stdout: the command's result, written once, after success. */
  out(text: string): void;
  /** stderr: errors, warnings, progress, summaries. Known secrets are masked. */
  err(text: string): void;
  /** Styling for stderr; a no-op when stderr is not a colour terminal. */
  readonly style: ChalkInstance;
  readonly errIsTTY: boolean;
  /** Never print this value (an API token); stderr text containing it is masked. */
  addSecret(secret: string): void;
}

export interface Streams {
  stdout: { write(text: string): unknown };
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

export function createIO(streams: Streams, style: ChalkInstance): IO {
  const secrets = new Set<string>();
  const mask = (text: string): string => {
    let masked = text;
    for (const secret of secrets) masked = masked.split(secret).join("****");
    return masked;
  };
  return {
    out: (text) => void streams.stdout.write(text),
    err: (text) => void streams.stderr.write(mask(text)),
    style,
    errIsTTY: streams.stderr.isTTY === true,
    addSecret: (secret) => {
      // Short values would mask ordinary words; real tokens are long.
      if (secret.length >= 6) secrets.add(secret);
    },
  };
}
