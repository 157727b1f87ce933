import type { Command } from "commander";
import { UsageError } from "../../errors.ts";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { connectionFlags, connectionOptions, examples, positionalsMustBeEmpty, text, verboseOption } from "../options.ts";
import { parseDuration } from "./duration.ts";
import { parseStatusList } from "./pr-status.ts";
import type { PruneCriteria } from "./prune-select.ts";

export interface PruneOptions extends PruneCriteria {
  connection: ConnectionFlags;
  /** Show the selection, delete nothing (wins over --yes). */
  dryRun: boolean;
  /** Delete without asking. */
  yes: boolean;
  json: boolean;
  verbose: boolean;
}

export type PruneRunner = (options: PruneOptions) => Promise<void>;

/** Repeated `--status` flags add up. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `branch-deployment prune`: deletes stale branch deployments, and never anything else. */
export function pruneCommand(parent: Command, run: PruneRunner): Command {
  const command = parent
    .command("prune")
    .summary("Delete branch deployments of closed or merged pull requests, or with old commits.")
    .description(
      "Delete the branch deployments whose pull request is closed or merged (--status), or whose " +
        "latest commit is older than a duration (--older-than); at least one of the two is required. " +
        "Only deployments of type BRANCH are ever deleted, each checked again just before. " +
        "Try it with --dry-run; in a scheduled job, pass --yes.",
    );
  connectionOptions(command);
  command
    .option("--status <statuses>", "Select those whose pull request has one of these statuses: comma-separated open, closed, merged.", collect)
    .option("--older-than <duration>", "Select those whose latest commit is older than this: 90m, 12h, 30d, 8w.")
    .option("--dry-run", "Print what would be deleted (names, or JSON with --json) and delete nothing.")
    .option("-y, --yes", "Delete without asking for confirmation (needed when not on a terminal).")
    .option("--json", "Print a JSON array of the selected deployments (with each one's outcome unless --dry-run).");
  verboseOption(command);
  examples(command, [
    "dagster-cloud branch-deployment prune --status closed,merged --dry-run",
    "dagster-cloud branch-deployment prune --status closed,merged --older-than 30d --yes",
  ]);
  command.allowExcessArguments(true).action(async (_flags: unknown, cmd: Command) => {
    await run(toPruneOptions(cmd.optsWithGlobals(), cmd.args));
  });
  return command;
}

export function toPruneOptions(flags: Record<string, unknown>, args: readonly string[]): PruneOptions {
  positionalsMustBeEmpty(args, "branch-deployment prune");
  const statusValues = (Array.isArray(flags.status) ? (flags.status as unknown[]) : []).map(text).filter((v) => v !== undefined);
  const statuses = parseStatusList(statusValues, "--status");
  const olderThanText = text(flags.olderThan);
  const olderThan = olderThanText === undefined ? undefined : { ms: parseDuration(olderThanText, "--older-than"), text: olderThanText.trim() };
  if (statuses.length === 0 && olderThan === undefined) {
    // No default selection: a command that deletes says what it deletes.
    throw new UsageError("Say which branch deployments to prune: --status, --older-than, or both.", {
      hint: "e.g. --status closed,merged --older-than 30d (either one selects); add --dry-run to see the selection first.",
    });
  }
  return {
    connection: connectionFlags(flags),
    statuses,
    olderThan,
    dryRun: flags.dryRun === true,
    yes: flags.yes === true,
    json: flags.json === true,
    verbose: flags.verbose === true,
  };
}
