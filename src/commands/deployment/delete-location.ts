import type { Command } from "commander";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { connectionFlags, connectionOptions, deploymentOption, verboseOption } from "../options.ts";

export interface DeleteLocationOptions {
  connection: ConnectionFlags;
  location: string;
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
  verboseOption(command);
  command.action(async (location: string, _flags: unknown, cmd: Command) => {
    const flags = cmd.optsWithGlobals();
    await run({
      connection: connectionFlags(flags),
      location,
      verbose: flags.verbose === true,
    });
  });
  return command;
}
