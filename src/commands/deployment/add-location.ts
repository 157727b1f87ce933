import type { Command } from "commander";
import type { LocationFlags } from "../../location/document.ts";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { dryRunOption, jsonOption } from "../output.ts";
import { aliasOption, connectionFlags, connectionOptions, deploymentOption, examples, text, verboseOption } from "../options.ts";

/** Everything `add-location` needs; absent values are `undefined`. */
export interface AddLocationOptions {
  connection: ConnectionFlags;
  location: LocationFlags;
  locationLoadTimeout: string | undefined;
  agentHeartbeatTimeout: string | undefined;
  wait: boolean;
  json: boolean;
  dryRun: boolean;
  verbose: boolean;
}

export type AddLocationRunner = (options: AddLocationOptions) => Promise<void>;

/**
 * `add-location` / `update-location` (the same command, reference §5.3). Two flag collisions of the
 * Python CLI are settled here: `-d` is `--deployment` (as on every other command; Click's
 * last-wins made it `--working-directory`), and `--agent-timeout` is the load timeout (as the
 * config key `agent_timeout` is; Click made it the heartbeat timeout).
 */
export function addLocationCommand(parent: Command, name: string, run: AddLocationRunner): Command {
  const command = parent
    .command(name)
    .argument("[LOCATION]", "Name of the code location.")
    .summary("Add or update a code location in a deployment and wait until it has loaded.")
    .description(
      "Add or update a code location in a deployment (from --location-file and/or flags), then wait " +
        "until the agent has loaded this update. Progress goes to stderr; stdout stays empty.",
    );
  connectionOptions(command);
  deploymentOption(command);
  command
    .option("--location-file <path>", "YAML file with the location(s), e.g. dagster_cloud.yaml. Alias: --from.")
    .option("--location-name <name>", "Name of the location (instead of LOCATION).")
    .option("--image <image>", "Docker image of the location.")
    .option("-f, --python-file <path>", "Python file with the definitions.")
    .option("--working-directory <dir>", "Working directory of the location.")
    .option("-p, --package-name <name>", "Python package with the definitions.")
    .option("-m, --module-name <name>", "Python module with the definitions.")
    .option("--autoload-defs-module-name <name>", "Module whose definitions are loaded automatically.")
    .option("--executable-path <path>", "Python executable of the location.")
    .option("-a, --attribute <name>", "Attribute holding the definitions.")
    .option("--commit-hash <sha>", "Git commit of the code.")
    .option("--git-url <url>", "URL of the code at that commit.")
    .option("--location-load-timeout <seconds>", "Seconds to wait for the location to load (default 3600). Alias: --agent-timeout.")
    .option("--agent-heartbeat-timeout <seconds>", "Seconds to wait for a heartbeating agent (default: no limit).")
    .option("--no-wait", "Return once the update is sent, without waiting for the load.");
  aliasOption(command, "--from <path>", "locationFile");
  aliasOption(command, "--agent-timeout <seconds>", "locationLoadTimeout");
  jsonOption(command);
  dryRunOption(command, "the location");
  verboseOption(command);
  examples(command, [
    "dagster-cloud deployment add-location --organization acme --deployment \"$NAME\" \\",
    "    --location-file dagster_cloud.yaml --location-name my_location \\",
    "    --image \"$REGISTRY:$TAG\" --commit-hash \"$SHA\" --git-url \"$GIT_URL\"",
    "dagster-cloud deployment add-location my_location --module-name my_pkg.defs \\",
    "    --url \"https://acme.dagster.cloud/$NAME\" --no-wait",
  ]);
  command.action(async (location: string | undefined, _flags: unknown, cmd: Command) => {
    await run(toAddLocationOptions(cmd.optsWithGlobals(), location));
  });
  return command;
}

export function toAddLocationOptions(flags: Record<string, unknown>, location: string | undefined): AddLocationOptions {
  return {
    connection: connectionFlags(flags),
    location: {
      location: text(location),
      locationFile: text(flags.locationFile),
      locationName: text(flags.locationName),
      image: text(flags.image),
      pythonFile: text(flags.pythonFile),
      workingDirectory: text(flags.workingDirectory),
      packageName: text(flags.packageName),
      moduleName: text(flags.moduleName),
      autoloadDefsModuleName: text(flags.autoloadDefsModuleName),
      executablePath: text(flags.executablePath),
      attribute: text(flags.attribute),
      commitHash: text(flags.commitHash),
      gitUrl: text(flags.gitUrl),
    },
    locationLoadTimeout: text(flags.locationLoadTimeout),
    agentHeartbeatTimeout: text(flags.agentHeartbeatTimeout),
    wait: flags.wait !== false,
    json: flags.json === true,
    dryRun: flags.dryRun === true,
    verbose: flags.verbose === true,
  };
}
