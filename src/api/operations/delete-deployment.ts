import * as z from "zod/mini";
import type { Operation } from "../client.ts";
import { errorMember } from "../result-errors.ts";

/** Reference §4.3, step 1. The operation name has no `Cli` prefix in the Python CLI either. */
export const DEPLOYMENT_BY_NAME: Operation<DeploymentByNameData> = {
  name: "DeploymentByNameQuery",
  document: `query DeploymentByNameQuery($deploymentName: String!) {
  deploymentByName(name: $deploymentName) {
    __typename
    ... on DagsterCloudDeployment { deploymentName deploymentId deploymentType }
    ... on DeploymentNotFoundError { message }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
  }
}`,
  data: z.object({
    deploymentByName: z.nullable(
      z.union([
        z.object({
          __typename: z.literal("DagsterCloudDeployment"),
          deploymentName: z.string(),
          deploymentId: z.number(),
          deploymentType: z.string(),
        }),
        errorMember,
      ]),
    ),
  }),
};

export interface DeploymentByNameData {
  deploymentByName:
    | { __typename: "DagsterCloudDeployment"; deploymentName: string; deploymentId: number; deploymentType: string }
    | z.infer<typeof errorMember>
    | null;
}

/** Reference §4.3, step 2: only ever sent for a deployment whose type is BRANCH. */
export const DELETE_DEPLOYMENT: Operation<DeleteDeploymentData> = {
  name: "CliDeleteDeployment",
  document: `mutation CliDeleteDeployment($deploymentId: Int!) {
  deleteDeployment(deploymentId: $deploymentId) {
    __typename
    ... on DagsterCloudDeployment { deploymentId }
    ... on PythonError { message stack }
    ... on UnauthorizedError { message }
    ... on DeploymentNotFoundError { message }
    ... on DeleteFinalDeploymentError { message }
  }
}`,
  data: z.object({
    deleteDeployment: z.union([
      z.object({ __typename: z.literal("DagsterCloudDeployment"), deploymentId: z.number() }),
      errorMember,
    ]),
  }),
};

export interface DeleteDeploymentData {
  deleteDeployment: { __typename: "DagsterCloudDeployment"; deploymentId: number } | z.infer<typeof errorMember>;
}
