import { resolve } from "node:path";
import { GET_BRANCH_DEPLOYMENT_NAME } from "../../api/operations/branch-deployments.ts";
import type { Deps } from "../../deps.ts";
import { CliError, UsageError } from "../../errors.ts";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { resolveIdentity } from "../branch-deployment/branch-context.ts";
import { createOrUpdateRun } from "../branch-deployment/create-or-update-run.ts";
import { checkName } from "../branch-deployment/find-branch-deployment.ts";
import { printJson } from "../output.ts";
import { openSession } from "../session.ts";
import type { CiBranchDeploymentOptions } from "./branch-deployment.ts";

/** Creates or updates the branch deployment from the CI context (or only looks its name up). */
export async function ciBranchDeploymentRun(options: CiBranchDeploymentOptions, deps: Deps): Promise<void> {
  const connection = ciConnection(options, deps.env);
  const projectDir = resolve(deps.cwd, options.projectDir ?? ".");
  if (options.readOnly) return readOnly(options, connection, { ...deps, cwd: projectDir });
  await createOrUpdateRun(
    {
      connection,
      repoName: undefined,
      branchName: undefined,
      commitHash: undefined,
      timestamp: undefined,
      branchUrl: undefined,
      pullRequestUrl: undefined,
      pullRequestStatus: options.markClosed ? "CLOSED" : undefined,
      pullRequestNumber: undefined,
      commitMessage: undefined,
      authorName: undefined,
      authorEmail: undefined,
      authorAvatarUrl: undefined,
      readGitState: false,
      gitSafeDirectory: options.gitSafeDirectory,
      projectDir,
      baseDeploymentName: options.baseDeploymentName,
      snapshotBaseCondition: options.snapshotBaseCondition,
      json: options.json,
      dryRun: false,
      verbose: options.verbose,
    },
    deps,
  );
}

/**
 * As the Python command: the organization (flag or DAGSTER_CLOUD_ORGANIZATION, with the
 * --dagster-env infix) comes before DAGSTER_CLOUD_URL, which is used only without one.
 */
function ciConnection(options: CiBranchDeploymentOptions, env: Record<string, string | undefined>): ConnectionFlags {
  const organization = options.connection.organization ?? (env.DAGSTER_CLOUD_ORGANIZATION || undefined);
  const dagsterEnv = options.dagsterEnv ?? (env.DAGSTER_CLOUD_ENV || undefined);
  if (options.connection.url !== undefined || organization === undefined) return options.connection;
  if (dagsterEnv === undefined || !/^[a-z0-9-]+$/i.test(dagsterEnv) || !/^[a-z0-9-]+$/i.test(organization)) return { ...options.connection, organization };
  return { ...options.connection, url: `https://${organization}.${dagsterEnv}.dagster.cloud` };
}

/** The name Dagster+ gives this repository and branch; nothing on stdout (exit 1) when unknown. */
async function readOnly(options: CiBranchDeploymentOptions, connection: ConnectionFlags, deps: Deps): Promise<void> {
  const { client, connection: resolved } = await openSession(connection, deps, "organization", options.verbose);
  let identity;
  try {
    const flags = { repoName: undefined, branchName: undefined, gitSafeDirectory: options.gitSafeDirectory };
    identity = await resolveIdentity(flags, deps, options.verbose);
  } catch (error) {
    // The Python command prints nothing (or "None") and fails: a script tests for an empty name.
    if (error instanceof UsageError) throw new CliError(error.message, { hint: error.hint });
    throw error;
  }
  const { getBranchDeploymentName: name } = await client(GET_BRANCH_DEPLOYMENT_NAME, { repoName: identity.repoName, branchName: identity.branchName });
  if (!name) throw new CliError("Dagster+ gave no branch deployment name for this repository and branch.");
  checkName(name);
  if (options.json) printJson(deps.io, { name, url: `${resolved.baseUrl}/${name}` });
  else deps.io.out(`${name}\n`);
}
