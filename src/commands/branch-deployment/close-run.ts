import type { BranchDeploymentNode } from "../../api/operations/branch-deployments.ts";
import { CREATE_OR_UPDATE_BRANCH_DEPLOYMENT } from "../../api/operations/create-or-update-branch-deployment.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { ApiError } from "../../errors.ts";
import { printJson, showDryRun } from "../output.ts";
import { openSession } from "../session.ts";
import type { CloseOptions } from "./close.ts";
import { resolveIdentity } from "./branch-context.ts";
import type { BranchIdentity } from "./branch-flags.ts";
import { checkName, findBranchDeployment } from "./find-branch-deployment.ts";

/**
 * Finds the branch deployment and re-sends `createOrUpdateBranchDeployment` with its latest commit
 * and branch data, only the status changed; prints the name. Already in that status: nothing sent.
 */
export async function closeRun(options: CloseOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const { client, connection, verbose } = await openSession(options.connection, deps, "organization", options.verbose);
  const identity = await resolveIdentity(options.branch, deps, options.verbose);
  // A GitHub `closed` event says whether the pull request was merged; otherwise closed.
  const newStatus = options.status ?? (identity.contextStatus === "MERGED" ? "MERGED" : "CLOSED");
  const status = newStatus.toLowerCase();
  const result = (name: string): void => {
    if (options.json) printJson(io, { name, url: `${connection.baseUrl}/${name}`, pullRequestStatus: newStatus });
    else io.out(`${name}\n`);
  };
  const found = await findBranchDeployment(client, identity);
  if (found.branchDeploymentGitMetadata?.pullRequestStatus === newStatus) {
    result(checkName(found.deploymentName));
    io.err(`Branch deployment ${io.style.bold(found.deploymentName)} is already marked ${status}: nothing sent.\n`);
    return;
  }
  const variables = closeVariables(found, identity, newStatus);
  if (options.dryRun) {
    return showDryRun(io, { url: `${connection.baseUrl}/graphql`, operation: CREATE_OR_UPDATE_BRANCH_DEPLOYMENT, variables }, options.json);
  }
  verbose(`Re-sending commit ${variables.commit.commitHash} with pull request status ${newStatus}.`);
  const answer = (await client(CREATE_OR_UPDATE_BRANCH_DEPLOYMENT, variables)).createOrUpdateBranchDeployment;
  if (isErrorMember(answer)) throwErrorMember(answer, `mark branch deployment ${found.deploymentName} ${status}`);
  const name = checkName(answer.deploymentName);
  result(name);
  if (io.errIsTTY || options.verbose) io.err(`${io.style.green("✓")} Branch deployment ${io.style.bold(name)} is marked ${status}.\n`);
}

/** The same branch data and latest commit, the new status; the base deployment kept as it is. */
export function closeVariables(found: BranchDeploymentNode, identity: BranchIdentity, status: "CLOSED" | "MERGED") {
  const commit = found.latestCommit;
  if (commit === null) {
    throw new ApiError(`Branch deployment ${found.deploymentName} has no commit to re-send.`, {
      hint: "Mark it with `create-or-update ... --pull-request-status CLOSED` and the commit's flags instead.",
    });
  }
  const git = found.branchDeploymentGitMetadata;
  return {
    branchData: {
      repoName: identity.repoName,
      branchName: identity.branchName,
      branchUrl: git?.branchUrl ?? null,
      pullRequestUrl: git?.pullRequestUrl ?? null,
      pullRequestStatus: status,
      pullRequestNumber: git?.pullRequestNumber ?? null,
    },
    commit: {
      commitHash: commit.commitHash,
      timestamp: commit.timestamp,
      commitMessage: commit.commitMessage,
      commitUrl: commit.commitUrl,
      authorName: commit.authorName,
      authorEmail: commit.authorEmail,
      authorAvatarUrl: commit.authorAvatarUrl,
    },
    baseDeploymentName: found.parentDeployment?.deploymentName ?? null,
    // Not readable from Dagster+; null, as the Python CLI sends when the flag is absent.
    snapshotBaseCondition: null,
  };
}
