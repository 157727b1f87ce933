import { UsageError } from "../../errors.ts";

export type PullRequestStatus = "OPEN" | "CLOSED" | "MERGED";

const ALL: readonly PullRequestStatus[] = ["OPEN", "CLOSED", "MERGED"];

const allowedText = (allowed: readonly PullRequestStatus[]): string => allowed.map((s) => s.toLowerCase()).join(", ");

function parseOne(value: string, flag: string, allowed: readonly PullRequestStatus[]): PullRequestStatus {
  const upper = value.trim().toUpperCase();
  if ((allowed as readonly string[]).includes(upper)) return upper as PullRequestStatus;
  throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}.`, {
    hint: `Allowed values: ${allowedText(allowed)} (any case).`,
  });
}

/** One status (`--status merged`); undefined when not given. */
export function parseStatus(
  value: string | undefined,
  flag: string,
  allowed: readonly PullRequestStatus[] = ALL,
): PullRequestStatus | undefined {
  return value === undefined ? undefined : parseOne(value, flag, allowed);
}

/**
 * Statuses given as comma-separated lists, the flag possibly repeated (`--status closed,merged`,
 * `--status closed --status merged`); duplicates removed, in the order given. An empty item
 * (`closed,,merged`, a trailing comma) is a usage error: it is more likely a typo than a wish.
 */
export function parseStatusList(values: readonly string[], flag: string): PullRequestStatus[] {
  const statuses: PullRequestStatus[] = [];
  for (const value of values) {
    for (const item of value.split(",")) {
      if (item.trim() === "") {
        throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: an empty status.`, {
          hint: `Give a comma-separated list of ${allowedText(ALL)}, e.g. ${flag} closed,merged.`,
        });
      }
      const status = parseOne(item, flag, ALL);
      if (!statuses.includes(status)) statuses.push(status);
    }
  }
  return statuses;
}
