import {
  CREATE_OR_UPDATE_BRANCH_DEPLOYMENT,
  type CreateOrUpdateBranchDeploymentVariables,
} from "../../api/operations/create-or-update-branch-deployment.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { openSession } from "../session.ts";
import type { CreateOrUpdateOptions } from "./create-or-update.ts";

/** Creates or updates the branch deployment; its name is the one line written to stdout. */
export async function createOrUpdateRun(options: CreateOrUpdateOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const { client } = await openSession(options.connection, deps, "organization", options.verbose);
  const variables = await buildVariables(options, deps);
  const data = await client(CREATE_OR_UPDATE_BRANCH_DEPLOYMENT, { ...variables });
  const result = data.createOrUpdateBranchDeployment;
  if (isErrorMember(result)) {
    throwErrorMember(result, "create or update the branch deployment", {
      DeploymentNotFoundError: "Check --base-deployment-name: the base deployment must exist.",
    });
  }

  io.out(`${result.deploymentName}\n`);
  if (io.errIsTTY || options.verbose) {
    const commit = variables.commit.commitHash.slice(0, 12);
    io.err(
      `${io.style.green("✓")} Branch deployment ${io.style.bold(result.deploymentName)} is up to date for ` +
        `${variables.branchData.repoName} ${variables.branchData.branchName} at ${commit}.\n`,
    );
  }
}

/** The mutation's variables: every key present, `null` when absent, as the Python CLI sends them. */
export async function buildVariables(options: CreateOrUpdateOptions, deps: Pick<Deps, "readHeadCommit" | "cwd">): Promise<CreateOrUpdateBranchDeploymentVariables> {
  // Deliberate difference from the Python CLI: flags given explicitly win over values from git.
  const git = options.readGitState ? await deps.readHeadCommit(deps.cwd) : undefined;
  const commitHash = options.commitHash ?? git?.commitHash;
  const timestamp = options.timestamp ?? git?.timestamp;
  if (commitHash === undefined || timestamp === undefined) {
    throw new Error("commit hash and timestamp are checked when parsing options");
  }
  return {
    branchData: {
      repoName: options.repoName,
      branchName: options.branchName,
      branchUrl: options.branchUrl ?? null,
      pullRequestUrl: options.pullRequestUrl ?? null,
      pullRequestStatus: options.pullRequestStatus ?? null,
      pullRequestNumber: options.pullRequestNumber ?? null,
    },
    commit: {
      commitHash,
      timestamp,
      commitMessage: options.commitMessage ?? git?.commitMessage ?? null,
      commitUrl: null,
      authorName: options.authorName ?? git?.authorName ?? null,
      authorEmail: options.authorEmail ?? git?.authorEmail ?? null,
      authorAvatarUrl: options.authorAvatarUrl ?? null,
    },
    baseDeploymentName: options.baseDeploymentName ?? null,
    snapshotBaseCondition: options.snapshotBaseCondition ?? null,
  };
}
