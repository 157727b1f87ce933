import type { Command } from "commander";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { connectionFlags, connectionOptions, examples, positionalsMustBeEmpty, verboseOption } from "../options.ts";
import { jsonOption } from "../output.ts";
import { branchIdentityOptions, toBranchFlags, type BranchFlags } from "./branch-flags.ts";

export interface GetOptions {
  connection: ConnectionFlags;
  /** Repository and branch as given; absent ones come from the CI context or local git. */
  branch: BranchFlags;
  json: boolean;
  verbose: boolean;
}

export type GetRunner = (options: GetOptions) => Promise<void>;

/** `branch-deployment get`: the name of the existing branch deployment, or exit 4. Read-only. */
export function getCommand(parent: Command, run: GetRunner): Command {
  const command = parent
    .command("get")
    .summary("Print the name of a branch's existing branch deployment (creates nothing).")
    .description(
      "Print the name of the existing branch deployment of a repository and branch on stdout, or " +
        "nothing and exit 4 when there is none. Sends no mutation: safe to call from any job.",
    );
  connectionOptions(command);
  branchIdentityOptions(command);
  jsonOption(command);
  verboseOption(command);
  examples(command, [
    "if NAME=$(dagster-cloud branch-deployment get); then echo \"exists: $NAME\"; fi",
    "dagster-cloud branch-deployment get --git-repo-name acme/app --branch-name feature/x",
  ]);
  command.allowExcessArguments(true).action(async (_flags: unknown, cmd: Command) => {
    await run(toGetOptions(cmd.optsWithGlobals(), cmd.args));
  });
  return command;
}

export function toGetOptions(flags: Record<string, unknown>, args: readonly string[]): GetOptions {
  positionalsMustBeEmpty(args, "branch-deployment get");
  return { connection: connectionFlags(flags), branch: toBranchFlags(flags), json: flags.json === true, verbose: flags.verbose === true };
}
