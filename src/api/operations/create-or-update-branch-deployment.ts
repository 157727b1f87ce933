import * as z from "zod/mini";
import type { Operation } from "../client.ts";
import { errorMember } from "../result-errors.ts";

/** Reference §4.1, with every error member of `CreateDeploymentResult` selected. */
export const CREATE_OR_UPDATE_BRANCH_DEPLOYMENT: Operation<CreateOrUpdateBranchDeploymentData> = {
  name: "CliCreateOrUpdateBranchDeployment",
  document: `mutation CliCreateOrUpdateBranchDeployment($branchData: CreateOrUpdateBranchDeploymentInput!, $commit: DeploymentCommitInput!, $baseDeploymentName: String, $snapshotBaseCondition: SnapshotBaseDeploymentCondition) {
  createOrUpdateBranchDeployment(branchData: $branchData, commit: $commit, baseDeploymentName: $baseDeploymentName, snapshotBaseCondition: $snapshotBaseCondition) {
    __typename
    ... on DagsterCloudDeployment { deploymentId deploymentName }
    ... on PythonError { message }
    ... on DeploymentNotFoundError { message }
    ... on UnauthorizedError { message }
    ... on DuplicateDeploymentError { message }
    ... on DeploymentLimitError { message }
  }
}`,
  data: z.object({
    createOrUpdateBranchDeployment: z.union([
      z.object({
        __typename: z.literal("DagsterCloudDeployment"),
        deploymentId: z.number(),
        deploymentName: z.string().check(z.minLength(1)),
      }),
      errorMember,
    ]),
  }),
};

export interface CreateOrUpdateBranchDeploymentData {
  createOrUpdateBranchDeployment:
    | { __typename: "DagsterCloudDeployment"; deploymentId: number; deploymentName: string }
    | z.infer<typeof errorMember>;
}

/** The variables, every key present and `null` when absent, as the Python CLI sends them. */
export interface CreateOrUpdateBranchDeploymentVariables {
  branchData: {
    repoName: string;
    branchName: string;
    branchUrl: string | null;
    pullRequestUrl: string | null;
    pullRequestStatus: "OPEN" | "CLOSED" | "MERGED" | null;
    pullRequestNumber: string | null;
  };
  commit: {
    commitHash: string;
    timestamp: number;
    commitMessage: string | null;
    commitUrl: null;
    authorName: string | null;
    authorEmail: string | null;
    authorAvatarUrl: string | null;
  };
  baseDeploymentName: string | null;
  snapshotBaseCondition: "ON_CREATE" | "ON_UPDATE" | null;
}
