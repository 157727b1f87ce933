import type { Command } from "commander";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { dryRunOption, jsonOption } from "../output.ts";
import { connectionFlags, connectionOptions, deploymentOption, examples, verboseOption } from "../options.ts";

export interface DeleteLocationOptions {
  connection: ConnectionFlags;
  location: string;
  json: boolean;
  dryRun: boolean;
  verbose: boolean;
}

export type DeleteLocationRunner = (options: DeleteLocationOptions) => Promise<void>;

/** `delete-location LOCATION` (reference §4.9), for cleanup scripts. */
export function deleteLocationCommand(parent: Command, run: DeleteLocationRunner): Command {
  const command = parent
    .command("delete-location")
    .argument("<LOCATION>", "Name of the code location.")
    .summary("Delete a code location from a deployment.");
  connectionOptions(command);
  deploymentOption(command);
  jsonOption(command);
  dryRunOption(command, "the deletion");
  verboseOption(command);
  examples(command, [
    "dagster-cloud deployment delete-location my_location -o acme -d \"$NAME\"",
  ]);
  command.action(async (location: string, _flags: unknown, cmd: Command) => {
    const flags = cmd.optsWithGlobals();
    await run({
      connection: connectionFlags(flags),
      location,
      json: flags.json === true,
      dryRun: flags.dryRun === true,
      verbose: flags.verbose === true,
    });
  });
  return command;
}
