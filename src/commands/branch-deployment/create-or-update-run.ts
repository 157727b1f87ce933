import {
  CREATE_OR_UPDATE_BRANCH_DEPLOYMENT,
  type CreateOrUpdateBranchDeploymentVariables,
} from "../../api/operations/create-or-update-branch-deployment.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { UsageError } from "../../errors.ts";
import { oneLine } from "../../text.ts";
import { printJson, showDryRun } from "../output.ts";
import { openSession } from "../session.ts";
import { commitMetadata, detectBranch, requireIdentity, trustedDirectory } from "./branch-context.ts";
import { checkName } from "./find-branch-deployment.ts";
import type { CreateOrUpdateOptions } from "./create-or-update.ts";

/** Creates or updates the branch deployment; its name is the one line written to stdout. */
export async function createOrUpdateRun(options: CreateOrUpdateOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const { client, connection } = await openSession(options.connection, deps, "organization", options.verbose);
  const variables = await buildVariables(options, deps);
  if (variables.commit.timestamp > MILLISECONDS_FROM) {
    io.err(
      `${io.style.yellow("Warning:")} --timestamp ${variables.commit.timestamp} looks like milliseconds; Dagster+ expects seconds ` +
        `(e.g. $(git log -1 --format=%cd --date=unix)). Sending it as given.\n`,
    );
  }
  if (options.dryRun) {
    const request = { url: `${connection.baseUrl}/graphql`, operation: CREATE_OR_UPDATE_BRANCH_DEPLOYMENT, variables: { ...variables } };
    return showDryRun(io, request, options.json);
  }
  const data = await client(CREATE_OR_UPDATE_BRANCH_DEPLOYMENT, { ...variables });
  const result = data.createOrUpdateBranchDeployment;
  if (isErrorMember(result)) {
    throwErrorMember(result, "create or update the branch deployment", {
      DeploymentNotFoundError: "Check --base-deployment-name: the base deployment must exist.",
    });
  }

  const name = checkName(result.deploymentName);
  if (options.json) {
    const { branchData, commit } = variables;
    printJson(io, {
      name,
      id: result.deploymentId,
      // The branch deployment in Dagster+'s UI: what a pull-request comment links to.
      url: `${connection.baseUrl}/${name}`,
      repoName: branchData.repoName,
      branchName: branchData.branchName,
      pullRequestNumber: branchData.pullRequestNumber,
      pullRequestStatus: branchData.pullRequestStatus,
      commitHash: commit.commitHash,
      timestamp: commit.timestamp,
    });
  } else {
    io.out(`${name}\n`);
  }
  if (io.errIsTTY || options.verbose) {
    const commit = variables.commit.commitHash.slice(0, 12);
    io.err(
      `${io.style.green("✓")} Branch deployment ${io.style.bold(result.deploymentName)} is up to date for ` +
        `${oneLine(variables.branchData.repoName, 100)} ${oneLine(variables.branchData.branchName, 100)} at ${oneLine(commit)}.\n`,
    );
  }
}

/** Unix seconds reach this in the year 5138; milliseconds passed it in 1973. */
const MILLISECONDS_FROM = 1e11;

/** The mutation's variables: every key present, `null` when absent, as the Python CLI sends them. */
export async function buildVariables(options: CreateOrUpdateOptions, deps: Deps): Promise<CreateOrUpdateBranchDeploymentVariables> {
  const trusted = trustedDirectory(options.gitSafeDirectory, deps.env);
  const dir = options.projectDir ?? deps.cwd;
  if (options.repoName === undefined || options.branchName === undefined) {
    return fromContext(options, deps, dir, trusted);
  }
  // The Python CLI's command line. Deliberate difference: flags given explicitly win over git.
  const git = options.readGitState ? await deps.readHeadCommit(dir, { trustedDirectory: trusted }) : undefined;
  const commitHash = options.commitHash ?? git?.commitHash;
  const timestamp = options.timestamp ?? git?.timestamp;
  if (commitHash === undefined || timestamp === undefined) {
    throw new Error("commit hash and timestamp are checked when parsing options");
  }
  return variablesOf(options, { repoName: options.repoName, branchName: options.branchName }, { commitHash, timestamp, ...git });
}

/**
 * Repository, branch, pull request and commit from the CI context and local git, each flag given
 * winning over what they say; the commit's time, message and author from `git log -1 <commit>`.
 */
async function fromContext(options: CreateOrUpdateOptions, deps: Deps, dir: string, trusted: string | undefined) {
  const context = await detectBranch(deps, { dir, trustedDirectory: trusted, verbose: options.verbose });
  const identity = requireIdentity(context, options);
  const commitHash = options.commitHash ?? context.commitHash;
  if (commitHash === undefined) {
    throw new UsageError("Cannot tell the commit: no CI variables name it and there is no git checkout here.", {
      hint: "Pass --commit-hash and --timestamp, or run from the git checkout.",
    });
  }
  const known = options.timestamp !== undefined && options.commitMessage !== undefined && options.authorName !== undefined && options.authorEmail !== undefined;
  const git = known ? undefined : await commitMetadata(deps, { dir, trustedDirectory: trusted, timestampGiven: options.timestamp !== undefined }, commitHash);
  const timestamp = options.timestamp ?? git?.timestamp ?? Math.floor(deps.now() / 1000);
  return variablesOf(
    {
      ...options,
      // The CI's branch URL is for its branch: not for another one given with --branch-name.
      branchUrl: options.branchUrl ?? (identity.branchName === context.branchName ? context.branchUrl : undefined),
      pullRequestUrl: options.pullRequestUrl ?? context.pullRequest?.url,
      pullRequestNumber: options.pullRequestNumber ?? context.pullRequest?.number,
      pullRequestStatus: options.pullRequestStatus ?? context.pullRequest?.status,
    },
    identity,
    { commitHash, timestamp, commitMessage: git?.commitMessage, authorName: git?.authorName, authorEmail: git?.authorEmail },
  );
}

interface CommitFacts {
  commitHash: string;
  timestamp: number;
  commitMessage?: string | undefined;
  authorName?: string | undefined;
  authorEmail?: string | undefined;
}

function variablesOf(
  options: CreateOrUpdateOptions,
  identity: { repoName: string; branchName: string },
  commit: CommitFacts,
): CreateOrUpdateBranchDeploymentVariables {
  return {
    branchData: {
      repoName: identity.repoName,
      branchName: identity.branchName,
      branchUrl: options.branchUrl ?? null,
      pullRequestUrl: options.pullRequestUrl ?? null,
      pullRequestStatus: options.pullRequestStatus ?? null,
      pullRequestNumber: options.pullRequestNumber ?? null,
    },
    commit: {
      commitHash: options.commitHash ?? commit.commitHash,
      timestamp: options.timestamp ?? commit.timestamp,
      commitMessage: options.commitMessage ?? commit.commitMessage ?? null,
      commitUrl: null,
      authorName: options.authorName ?? commit.authorName ?? null,
      authorEmail: options.authorEmail ?? commit.authorEmail ?? null,
      authorAvatarUrl: options.authorAvatarUrl ?? null,
    },
    baseDeploymentName: options.baseDeploymentName ?? null,
    snapshotBaseCondition: options.snapshotBaseCondition ?? null,
  };
}
