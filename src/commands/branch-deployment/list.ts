import type { Command } from "commander";
import { UsageError } from "../../errors.ts";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { connectionFlags, connectionOptions, examples, positionalsMustBeEmpty, text, verboseOption } from "../options.ts";
import { parseStatus, type PullRequestStatus } from "./pr-status.ts";

export const DEFAULT_LIMIT = 100;
/** The most one query asks for (prune asks for this many too). */
export const MAX_LIMIT = 1000;

export interface ListOptions {
  connection: ConnectionFlags;
  /** Only deployments whose pull request has this status (filtered by Dagster+). */
  status: PullRequestStatus | undefined;
  limit: number;
  json: boolean;
  /** A table for a terminal, else tab-separated lines. Set by the caller from stdout's TTY-ness. */
  stdoutIsTTY: boolean;
  verbose: boolean;
}

export type ListRunner = (options: ListOptions) => Promise<void>;

/** `branch-deployment list`: branch deployments with their branch, pull request and latest commit. */
export function listCommand(parent: Command, run: ListRunner): Command {
  const command = parent
    .command("list")
    .summary("List branch deployments with their branch, pull request and latest commit.")
    .description(
      "List the organization's branch deployments, newest commit first: a table on a terminal; " +
        "piped, one tab-separated line each (name, repository, branch, PR number, PR status, commit, " +
        "commit time, PR URL; `-` when absent); with --json, a JSON array.",
    );
  connectionOptions(command);
  command
    .option("--status <status>", "Only those whose pull request is open, closed or merged.")
    .option("--limit <n>", `At most this many (1-${MAX_LIMIT}, default ${DEFAULT_LIMIT}).`)
    .option("--json", "Print a JSON array of {name, repoName, branchName, pullRequestNumber, pullRequestStatus, pullRequestUrl, commitHash, timestamp}.");
  verboseOption(command);
  examples(command, [
    "dagster-cloud branch-deployment list --status open",
    "dagster-cloud branch-deployment list | cut -f1,3     # name and branch, tab-separated",
    "dagster-cloud branch-deployment list --json | jq -r '.[].name'",
  ]);
  command.allowExcessArguments(true).action(async (_flags: unknown, cmd: Command) => {
    await run(toListOptions(cmd.optsWithGlobals(), cmd.args));
  });
  return command;
}

/** `stdoutIsTTY` is false here: the caller that knows the real stdout sets it. */
export function toListOptions(flags: Record<string, unknown>, args: readonly string[]): ListOptions {
  positionalsMustBeEmpty(args, "branch-deployment list");
  const limit = text(flags.limit);
  return {
    connection: connectionFlags(flags),
    status: parseStatus(text(flags.status), "--status"),
    limit: limit === undefined ? DEFAULT_LIMIT : parseLimit(limit),
    json: flags.json === true,
    stdoutIsTTY: false,
    verbose: flags.verbose === true,
  };
}

function parseLimit(value: string): number {
  const n = /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    throw new UsageError(`Invalid --limit ${JSON.stringify(value)}: expected a whole number from 1 to ${MAX_LIMIT}.`, {
      hint: `Leave it out for the newest ${DEFAULT_LIMIT}.`,
    });
  }
  return n;
}
