import type { Command } from "commander";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { connectionFlags, connectionOptions, examples, positionalsMustBeEmpty, text, verboseOption } from "../options.ts";
import { dryRunOption, jsonOption } from "../output.ts";
import { branchIdentityOptions, toBranchFlags, type BranchFlags } from "./branch-flags.ts";
import { parseStatus } from "./pr-status.ts";

export interface CloseOptions {
  connection: ConnectionFlags;
  /** Repository and branch as given; absent ones come from the CI context or local git. */
  branch: BranchFlags;
  /** The pull request's new status; undefined: the CI event's (MERGED or CLOSED), else CLOSED. */
  status: "CLOSED" | "MERGED" | undefined;
  json: boolean;
  dryRun: boolean;
  verbose: boolean;
}

export type CloseRunner = (options: CloseOptions) => Promise<void>;

/** `branch-deployment close`: marks the existing branch deployment closed or merged, no commit flags needed. */
export function closeCommand(parent: Command, run: CloseRunner): Command {
  const command = parent
    .command("close")
    .summary("Mark a branch's branch deployment closed (or merged) and print its name.")
    .description(
      "Mark the existing branch deployment of a repository and branch as closed (or merged), " +
        "re-sending its latest commit, so no commit flags are needed; print its name on stdout. " +
        "Exit 4 when there is none. The deployment is kept: `prune` or `delete` removes it.",
    );
  connectionOptions(command);
  branchIdentityOptions(command);
  command.option("--status <status>", "closed or merged (default: the CI event's, else closed).");
  jsonOption(command);
  dryRunOption(command, "the mutation");
  verboseOption(command);
  examples(command, [
    "dagster-cloud branch-deployment close                    # from CI context",
    "dagster-cloud branch-deployment close --status merged --git-repo-name acme/app \\",
    "    --branch-name feature/x",
  ]);
  command.allowExcessArguments(true).action(async (_flags: unknown, cmd: Command) => {
    await run(toCloseOptions(cmd.optsWithGlobals(), cmd.args));
  });
  return command;
}

export function toCloseOptions(flags: Record<string, unknown>, args: readonly string[]): CloseOptions {
  positionalsMustBeEmpty(args, "branch-deployment close");
  const status = parseStatus(text(flags.status), "--status", ["CLOSED", "MERGED"]);
  return {
    connection: connectionFlags(flags),
    branch: toBranchFlags(flags),
    status: status as CloseOptions["status"],
    json: flags.json === true,
    dryRun: flags.dryRun === true,
    verbose: flags.verbose === true,
  };
}
