import { Command, CommanderError } from "commander";
import type { CreateOrUpdateRunner } from "./commands/branch-deployment/create-or-update.ts";
import { createOrUpdateCommand } from "./commands/branch-deployment/create-or-update.ts";
import { deleteCommand, type DeleteRunner } from "./commands/branch-deployment/delete.ts";
import { addLocationCommand, type AddLocationRunner } from "./commands/deployment/add-location.ts";
import { deleteLocationCommand, type DeleteLocationRunner } from "./commands/deployment/delete-location.ts";
import type { Deps } from "./deps.ts";
import { UsageError } from "./errors.ts";
import { VERSION } from "./version.ts";

/** Runners that tests can swap to check parsing alone (gh's `runF`). */
export interface Runners {
  createOrUpdate: CreateOrUpdateRunner;
  delete: DeleteRunner;
  addLocation: AddLocationRunner;
  deleteLocation: DeleteLocationRunner;
}

/** Each command's implementation is loaded when it runs, never for --help or a usage error. */
export function defaultRunners(deps: Deps): Runners {
  return {
    createOrUpdate: async (options) => (await import("./commands/branch-deployment/create-or-update-run.ts")).createOrUpdateRun(options, deps),
    delete: async (options) => (await import("./commands/branch-deployment/delete-run.ts")).deleteRun(options, deps),
    addLocation: async (options) => (await import("./commands/deployment/add-location-run.ts")).addLocationRun(options, deps),
    deleteLocation: async (options) => (await import("./commands/deployment/delete-location-run.ts")).deleteLocationRun(options, deps),
  };
}

/** Commander wiring only: groups, commands, flags, help, and where commander's output goes. */
export function createProgram(deps: Pick<Deps, "io">, runners: Runners): Command {
  const program = new Command("dagster-cloud")
    .description("Dagster+ branch deployments from CI: a drop-in for the Python dagster-cloud CLI.")
    .version(`Dagster Cloud version: ${VERSION} (TypeScript CLI)`, "-v, --version", "Show the version and exit.")
    .helpOption("-h, --help", "Show this message and exit.")
    .helpCommand(false)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => deps.io.out(text),
      writeErr: (text) => deps.io.err(text),
      // main() prints errors, once, in one format.
      outputError: () => undefined,
    });
  program.option("--verbose", "Explain on stderr what happens; show stack traces of failures.");

  const branchDeployment = program
    .command("branch-deployment")
    .description("Manage branch deployments: preview copies of Dagster+ for pull requests.")
    .helpCommand(false);
  createOrUpdateCommand(branchDeployment, runners.createOrUpdate);
  deleteCommand(branchDeployment, runners.delete);

  const deployment = program.command("deployment").description("Manage a deployment's code locations.").helpCommand(false);
  // `workspace` is the older name of the same commands; hidden from help, as in the Python CLI.
  const workspace = program.command("workspace", { hidden: true }).description("Older name of `deployment`.").helpCommand(false);
  for (const group of [deployment, workspace]) {
    addLocationCommand(group, "add-location", runners.addLocation);
    addLocationCommand(group, "update-location", runners.addLocation);
    deleteLocationCommand(group, runners.deleteLocation);
  }
  return program;
}

/** Parses and runs. Help and version resolve normally; usage errors become UsageError. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return; // --help, --version
    if (error.code === "commander.help" || error.code === "commander.helpDisplayed") {
      // A group called without a command: commander printed its help on stderr.
      throw new UsageError("Missing command.", { hint: "Pick one of the commands listed above." });
    }
    throw new UsageError(error.message.replace(/^error: /, "").replace(/\n+/g, " "), {
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
