import { Option, type Command } from "commander";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { parseCondition, type SnapshotBaseCondition } from "../branch-deployment/create-or-update.ts";
import { jsonOption } from "../output.ts";
import { connectionFlags, connectionOptions, examples, text, verboseOption } from "../options.ts";

export interface CiBranchDeploymentOptions {
  connection: ConnectionFlags;
  /** The git checkout to read (PROJECT_DIR, default "."). */
  projectDir: string | undefined;
  /** --dagster-env / DAGSTER_CLOUD_ENV: `https://<org>.<env>.dagster.cloud`. */
  dagsterEnv: string | undefined;
  markClosed: boolean;
  readOnly: boolean;
  baseDeploymentName: string | undefined;
  snapshotBaseCondition: SnapshotBaseCondition | undefined;
  gitSafeDirectory: string | undefined;
  json: boolean;
  verbose: boolean;
}

export type CiBranchDeploymentRunner = (options: CiBranchDeploymentOptions) => Promise<void>;

/**
 * `ci branch-deployment [PROJECT_DIR]`, as Dagster's GitHub Action and GitLab templates call it
 * (reference §5.4), on every CI provider and on local git.
 */
export function ciBranchDeploymentCommand(parent: Command, run: CiBranchDeploymentRunner): Command {
  const command = parent
    .command("branch-deployment")
    .argument("[PROJECT_DIR]", "The git checkout of the project (default: the current directory).")
    .summary("Print the branch deployment for the CI run (creating or updating it).")
    .description(
      "Print the name of the branch deployment of the current CI run (or local git checkout) on stdout, " +
        "creating or updating it from the CI's variables: repository, source branch, head commit and " +
        "pull request. With --read-only, only print the name it has or would have.",
    );
  connectionOptions(command);
  command
    .addOption(new Option("--dagster-env <env>", "Host infix: https://<org>.<env>.dagster.cloud. Env: DAGSTER_CLOUD_ENV.").hideHelp())
    .option("--mark-closed", "Mark the pull request closed.")
    .option("--read-only", "Create nothing: print the name from Dagster+'s naming rule (nothing, exit 1, when unknown).")
    .option("--base-deployment-name [name]", "Deployment to base the branch deployment on (default: prod).")
    .option("--snapshot-base-condition <condition>", "on-create or on-update: when to snapshot the base deployment.")
    .option("--git-safe-directory <dir>", "Read this git checkout although another user owns it. Env: DAGSTER_CLOUD_GIT_SAFE_DIRECTORY.");
  jsonOption(command);
  verboseOption(command);
  examples(command, [
    "BRANCH_DEPLOYMENT_NAME=$(dagster-cloud ci branch-deployment)",
    "dagster-cloud ci branch-deployment --mark-closed      # when the pull request closes",
  ]);
  command.action(async (projectDir: string | undefined, _flags: unknown, cmd: Command) => {
    const flags = cmd.optsWithGlobals();
    await run({
      connection: connectionFlags(flags),
      projectDir: text(projectDir),
      dagsterEnv: text(flags.dagsterEnv),
      markClosed: flags.markClosed === true,
      readOnly: flags.readOnly === true,
      baseDeploymentName: text(flags.baseDeploymentName),
      snapshotBaseCondition: parseCondition(text(flags.snapshotBaseCondition)),
      gitSafeDirectory: text(flags.gitSafeDirectory),
      json: flags.json === true,
      verbose: flags.verbose === true,
    });
  });
  return command;
}
