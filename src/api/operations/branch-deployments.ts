import * as z from "zod/mini";
import type { Operation } from "../client.ts";
import { errorMember } from "../result-errors.ts";

/**
 * Read-only operations of the lifecycle commands (get, list, close, prune). Enum values from the
 * server (deployment type, PR status) are read as strings, so that a value added to the schema
 * later is shown rather than rejected; code compares them with the values it knows.
 */

const gitMetadata = z.object({
  repoName: z.string(),
  branchName: z.string(),
  branchUrl: z.nullable(z.string()),
  pullRequestUrl: z.nullable(z.string()),
  pullRequestStatus: z.nullable(z.string()),
  pullRequestNumber: z.nullable(z.string()),
});

const commit = z.object({
  commitHash: z.string(),
  timestamp: z.number(),
  commitMessage: z.nullable(z.string()),
  commitUrl: z.nullable(z.string()),
  authorName: z.nullable(z.string()),
  authorEmail: z.nullable(z.string()),
  authorAvatarUrl: z.nullable(z.string()),
});

const deployment = z.object({
  __typename: z.literal("DagsterCloudDeployment"),
  deploymentId: z.number(),
  deploymentName: z.string().check(z.minLength(1)),
  deploymentType: z.string(),
  branchDeploymentGitMetadata: z.nullable(gitMetadata),
  latestCommit: z.nullable(commit),
  parentDeployment: z.nullable(z.object({ deploymentName: z.string() })),
});

export type GitMetadata = z.infer<typeof gitMetadata>;
export type DeploymentCommit = z.infer<typeof commit>;
export type BranchDeploymentNode = z.infer<typeof deployment>;

const FIELDS = `__typename deploymentId deploymentName deploymentType
      branchDeploymentGitMetadata { repoName branchName branchUrl pullRequestUrl pullRequestStatus pullRequestNumber }
      latestCommit { commitHash timestamp commitMessage commitUrl authorName authorEmail authorAvatarUrl }
      parentDeployment { deploymentName }`;

/** Reference §4.2: the name Dagster+ gives (or would give) the branch deployment; creates nothing. */
export const GET_BRANCH_DEPLOYMENT_NAME: Operation<{ getBranchDeploymentName: string }> = {
  name: "CliGetBranchDeploymentName",
  document: `query CliGetBranchDeploymentName($repoName: String!, $branchName: String!) {
  getBranchDeploymentName(repoName: $repoName, branchName: $branchName)
}`,
  data: z.object({ getBranchDeploymentName: z.string().check(z.minLength(1)) }),
};

/** One deployment with its git metadata and latest commit (for get and close). */
export const BRANCH_DEPLOYMENT_BY_NAME: Operation<{ deploymentByName: BranchDeploymentNode | z.infer<typeof errorMember> }> = {
  name: "CliBranchDeploymentByName",
  document: `query CliBranchDeploymentByName($deploymentName: String!) {
  deploymentByName(name: $deploymentName) {
    __typename
    ... on DagsterCloudDeployment {
      ${FIELDS}
    }
    ... on DeploymentNotFoundError { message }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
  }
}`,
  data: z.object({ deploymentByName: z.union([deployment, errorMember]) }),
};

/** The organization's branch deployments, at most `limit`, optionally of one PR status. */
export const BRANCH_DEPLOYMENTS: Operation<{ branchDeployments: { nodes: BranchDeploymentNode[] } }> = {
  name: "CliBranchDeployments",
  document: `query CliBranchDeployments($limit: Int!, $pullRequestStatus: PullRequestStatus) {
  branchDeployments(limit: $limit, pullRequestStatus: $pullRequestStatus) {
    nodes {
      ${FIELDS}
    }
  }
}`,
  data: z.object({ branchDeployments: z.object({ nodes: z.array(deployment) }) }),
};
