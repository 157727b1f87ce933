import { Command, CommanderError } from "commander";
import type { CreateOrUpdateRunner } from "./commands/branch-deployment/create-or-update.ts";
import { createOrUpdateCommand } from "./commands/branch-deployment/create-or-update.ts";
import { closeCommand, type CloseRunner } from "./commands/branch-deployment/close.ts";
import { deleteCommand, type DeleteRunner } from "./commands/branch-deployment/delete.ts";
import { getCommand, type GetRunner } from "./commands/branch-deployment/get.ts";
import { listCommand, type ListRunner } from "./commands/branch-deployment/list.ts";
import { pruneCommand, type PruneRunner } from "./commands/branch-deployment/prune.ts";
import { addLocationCommand, type AddLocationRunner } from "./commands/deployment/add-location.ts";
import { deleteLocationCommand, type DeleteLocationRunner } from "./commands/deployment/delete-location.ts";
import { checkOptionValues, safeCommanderMessage } from "./argv-check.ts";
import { completionCommand } from "./commands/completion.ts";
import { ciBranchDeploymentCommand, type CiBranchDeploymentRunner } from "./commands/ci/branch-deployment.ts";
import type { Deps } from "./deps.ts";
import { UsageError } from "./errors.ts";
import { VERSION } from "./version.ts";

/** Runners that tests can swap to check parsing alone (gh's `runF`). */
export interface Runners {
  createOrUpdate: CreateOrUpdateRunner;
  delete: DeleteRunner;
  get: GetRunner;
  list: ListRunner;
  close: CloseRunner;
  prune: PruneRunner;
  ciBranchDeployment: CiBranchDeploymentRunner;
  addLocation: AddLocationRunner;
  deleteLocation: DeleteLocationRunner;
}

/** Each command's implementation is loaded when it runs, never for --help or a usage error. */
export function defaultRunners(deps: Deps): Runners {
  return {
    createOrUpdate: async (options) => (await import("./commands/branch-deployment/create-or-update-run.ts")).createOrUpdateRun(options, deps),
    delete: async (options) => (await import("./commands/branch-deployment/delete-run.ts")).deleteRun(options, deps),
    get: async (options) => (await import("./commands/branch-deployment/get-run.ts")).getRun(options, deps),
    list: async (options) => (await import("./commands/branch-deployment/list-run.ts")).listRun({ ...options, stdoutIsTTY: deps.io.outIsTTY }, deps),
    close: async (options) => (await import("./commands/branch-deployment/close-run.ts")).closeRun(options, deps),
    prune: async (options) => (await import("./commands/branch-deployment/prune-run.ts")).pruneRun(options, deps),
    ciBranchDeployment: async (options) => (await import("./commands/ci/branch-deployment-run.ts")).ciBranchDeploymentRun(options, deps),
    addLocation: async (options) => (await import("./commands/deployment/add-location-run.ts")).addLocationRun(options, deps),
    deleteLocation: async (options) => (await import("./commands/deployment/delete-location-run.ts")).deleteLocationRun(options, deps),
  };
}

/**
 * Commander wiring only: groups, commands, flags, help, and where commander's output goes.
 * Given argv, a group that argv does not name gets no commands: commander only reaches a command
 * through its group's name in argv, and the top-level help and suggestions need only the group's
 * name and description. Building every command costs ~4 ms of each start. `completion` prints the
 * whole tree, so with it (or without argv, as tests call this) everything is built.
 */
export function createProgram(deps: Pick<Deps, "io">, runners: Runners, argv?: readonly string[]): Command {
  const built = (group: string): boolean => argv === undefined || argv.includes(group) || argv.includes("completion");
  const program = new Command("dagster-cloud")
    .description("Dagster+ branch deployments from CI: a drop-in for the Python dagster-cloud CLI.")
    .version(`Dagster Cloud version: ${VERSION} (TypeScript CLI)`, "-v, --version", "Show the version and exit.")
    .helpOption("-h, --help", "Show this message and exit.")
    .helpCommand(false)
    // Long option names leave a narrow column: wrap it anyway rather than overflow 80 columns.
    .configureHelp({ minWidthToWrap: 24 })
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => deps.io.out(text),
      writeErr: (text) => deps.io.err(text),
      getOutHelpWidth: () => deps.io.helpWidth,
      getErrHelpWidth: () => deps.io.helpWidth,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // main() prints errors, once, in one format.
      outputError: () => undefined,
    });
  program.option("--verbose", "Explain on stderr what happens; show stack traces of failures.");
  program.addHelpText("after", TOP_LEVEL_HELP);

  const branchDeployment = program
    .command("branch-deployment")
    .description("Manage branch deployments: preview copies of Dagster+ for pull requests.")
    .helpCommand(false);
  if (built("branch-deployment")) {
    createOrUpdateCommand(branchDeployment, runners.createOrUpdate);
    getCommand(branchDeployment, runners.get);
    listCommand(branchDeployment, runners.list);
    closeCommand(branchDeployment, runners.close);
    pruneCommand(branchDeployment, runners.prune);
    deleteCommand(branchDeployment, runners.delete);
  }

  const ci = program.command("ci").description("Commands for CI pipelines (as Dagster's own actions and templates call them).").helpCommand(false);
  if (built("ci")) ciBranchDeploymentCommand(ci, runners.ciBranchDeployment);

  const deployment = program.command("deployment").description("Manage a deployment's code locations.").helpCommand(false);
  // `workspace` is the older name of the same commands; hidden from help, as in the Python CLI.
  const workspace = program.command("workspace", { hidden: true }).description("Older name of `deployment`.").helpCommand(false);
  for (const group of [deployment, workspace]) {
    if (!built(group.name())) continue;
    addLocationCommand(group, "add-location", runners.addLocation);
    addLocationCommand(group, "update-location", runners.addLocation);
    deleteLocationCommand(group, runners.deleteLocation);
  }
  completionCommand(program, deps.io);
  return program;
}

const TOP_LEVEL_HELP = `
Examples:
  NAME=$(dagster-cloud branch-deployment create-or-update)
  dagster-cloud deployment add-location -d "$NAME" --location-file \\
      dagster_cloud.yaml --location-name my_location --image "$IMAGE"
  dagster-cloud branch-deployment close
  dagster-cloud branch-deployment prune --status closed,merged --yes

Settings come from flags, then the environment (DAGSTER_CLOUD_ORGANIZATION,
DAGSTER_CLOUD_API_TOKEN, DAGSTER_CLOUD_URL, DAGSTER_CLOUD_DEPLOYMENT), then
~/.dagster_cloud_cli/config or dg.toml's [cli.plus].

Exit codes:
  0  success                     4  not found (deployment, location)
  1  failure                     5  timed out waiting for a location to load
  2  usage error                 6  the location failed to load
  3  API token rejected          130, 143  interrupted (SIGINT, SIGTERM)
`;

/** Parses and runs. Help and version resolve normally; usage errors become UsageError. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  checkOptionValues(program, argv);
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return; // --help, --version
    if (error.code === "commander.help" || error.code === "commander.helpDisplayed") {
      // A group called without a command: commander printed its help on stderr.
      throw new UsageError("Missing command.", { hint: "Pick one of the commands listed above." });
    }
    throw new UsageError(safeCommanderMessage(error.code, error.message), {
      hint: `Run '${commandPath(program, argv)} --help' to see the usage.`,
    });
  }
}

/** `dagster-cloud branch-deployment create-or-update`, as far as argv names known commands. */
function commandPath(program: Command, argv: readonly string[]): string {
  const names = [program.name()];
  let command = program;
  for (const arg of argv) {
    const next = command.commands.find((sub) => sub.name() === arg || sub.aliases().includes(arg));
    if (!next) continue;
    names.push(next.name());
    command = next;
  }
  return names.join(" ");
}
