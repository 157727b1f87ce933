import type { Command } from "commander";
import { UsageError } from "../../errors.ts";
import { quote } from "../../text.ts";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { dryRunOption, jsonOption } from "../output.ts";
import { connectionFlags, connectionOptions, deploymentOption, examples, text, verboseOption } from "../options.ts";

export interface DeleteOptions {
  /** `deployment` is the one to delete, when given as an argument or with --deployment. */
  connection: ConnectionFlags;
  /** Succeed (exit 0) when there is no deployment of that name. */
  ifExists: boolean;
  json: boolean;
  dryRun: boolean;
  verbose: boolean;
}

export type DeleteRunner = (options: DeleteOptions) => Promise<void>;

/** `branch-deployment delete [DEPLOYMENT]` (reference §5.2 and §5.6): refuses anything but a branch deployment. */
export function deleteCommand(parent: Command, run: DeleteRunner): Command {
  const command = parent
    .command("delete")
    .argument("[DEPLOYMENT]", "Name of the branch deployment (or --deployment, DAGSTER_CLOUD_DEPLOYMENT).")
    .summary("Delete a branch deployment (never a production deployment).")
    .description(
      "Delete a branch deployment and its code locations. Anything that is not a branch deployment " +
        "(production, a full deployment) is refused, so a mistyped name can never delete it.",
    );
  connectionOptions(command);
  deploymentOption(command, "Branch deployment to delete. Env: DAGSTER_CLOUD_DEPLOYMENT.");
  command.option("--if-exists", "Exit 0 when there is no deployment of that name (nothing to delete).");
  jsonOption(command);
  dryRunOption(command, "the deletion");
  verboseOption(command);
  examples(command, [
    "dagster-cloud branch-deployment delete \"$NAME\" --organization acme",
    "dagster-cloud branch-deployment delete \"$NAME\" --if-exists    # exit 0 if gone",
  ]);
  command.action(async (deployment: string | undefined, _flags: unknown, cmd: Command) => {
    const flags = cmd.optsWithGlobals();
    const positional = text(deployment);
    const flag = text(flags.deployment);
    if (positional && flag && positional !== flag) {
      throw new UsageError(`DEPLOYMENT ${quote(positional)} and --deployment ${quote(flag)} differ.`, {
        hint: "Name the branch deployment to delete once.",
      });
    }
    await run({
      connection: { ...connectionFlags(flags), deployment: positional ?? flag },
      ifExists: flags.ifExists === true,
      json: flags.json === true,
      dryRun: flags.dryRun === true,
      verbose: flags.verbose === true,
    });
  });
  return command;
}
