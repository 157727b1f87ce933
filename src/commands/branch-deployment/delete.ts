import type { Command } from "commander";
import { UsageError } from "../../errors.ts";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { connectionFlags, connectionOptions, deploymentOption, text, verboseOption } from "../options.ts";

export interface DeleteOptions {
  /** `deployment` is the one to delete, when given as an argument or with --deployment. */
  connection: ConnectionFlags;
  verbose: boolean;
}

export type DeleteRunner = (options: DeleteOptions) => Promise<void>;

/** `branch-deployment delete [DEPLOYMENT]` (reference §5.2 and §5.6): refuses anything but a branch deployment. */
export function deleteCommand(parent: Command, run: DeleteRunner): Command {
  const command = parent
    .command("delete")
    .argument("[DEPLOYMENT]", "Name of the branch deployment (or --deployment, DAGSTER_CLOUD_DEPLOYMENT).")
    .summary("Delete a branch deployment (never a production deployment).");
  connectionOptions(command);
  deploymentOption(command, "Branch deployment to delete. Env: DAGSTER_CLOUD_DEPLOYMENT.");
  verboseOption(command);
  command.action(async (deployment: string | undefined, _flags: unknown, cmd: Command) => {
    const flags = cmd.optsWithGlobals();
    const positional = text(deployment);
    const flag = text(flags.deployment);
    if (positional && flag && positional !== flag) {
      throw new UsageError(`DEPLOYMENT "${positional}" and --deployment "${flag}" differ.`, {
        hint: "Name the branch deployment to delete once.",
      });
    }
    await run({
      connection: { ...connectionFlags(flags), deployment: positional ?? flag },
      verbose: flags.verbose === true,
    });
  });
  return command;
}
