import { UsageError } from "../../errors.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const UNITS: Record<string, number> = { m: MINUTE, h: HOUR, d: DAY, w: WEEK };
/** Ten years: beyond that a duration is a typo, and the arithmetic stays far from overflow. */
const MAX_MS = 520 * WEEK;

/**
 * A duration for `--older-than`: a positive whole number and one unit, `m` (minutes), `h`, `d` or
 * `w` (`90m`, `12h`, `30d`, `8w`). Strict on purpose, as a typo here decides what gets deleted: no
 * fractions, no bare numbers, no `M`/`mo` (months differ in length), no combinations like `1d12h`.
 */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d{1,7})([mhdw])$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : Number.NaN;
  if (!match || !(ms > 0) || ms > MAX_MS) {
    const why = match && ms === 0 ? "it must be more than zero" : match ? "it is more than ten years" : "expected a number and a unit";
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: ${why}.`, {
      hint: "Use a whole number with m (minutes), h (hours), d (days) or w (weeks), e.g. 90m, 12h, 30d, 8w.",
    });
  }
  return ms;
}

/** How long ago, in one short unit: `now`, `45m`, `5h`, `3d`, `9w` (as in `ls`-style listings). */
export function formatAge(ms: number): string {
  // A commit time ahead of our clock (skew) reads as "now", not as a negative age.
  if (ms < MINUTE) return "now";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  if (ms < 8 * WEEK) return `${Math.floor(ms / DAY)}d`;
  return `${Math.floor(ms / WEEK)}w`;
}
