import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { CREATE_OR_UPDATE, createVariables, gql } from "./client.ts";
import { ADD_OR_UPDATE_LOCATION, DELETE_DEPLOYMENT, DEPLOYMENT_BY_NAME, LOCATIONS_QUERY, locationDocument } from "./documents.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ loadDelayMs: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function createBranch(branchName = "feature-x"): Promise<{ deploymentName: string; deploymentId: number }> {
  const answer = await gql(emulator.url, CREATE_OR_UPDATE, createVariables({ branchData: { branchName } }));
  return (answer.json as { data: { createOrUpdateBranchDeployment: { deploymentName: string; deploymentId: number } } }).data
    .createOrUpdateBranchDeployment;
}
const byName = async (deploymentName: string): Promise<unknown> => (await gql(emulator.url, DEPLOYMENT_BY_NAME, { deploymentName })).json;
const remove = async (deploymentId: number): Promise<unknown> => (await gql(emulator.url, DELETE_DEPLOYMENT, { deploymentId })).json;

describe("deploymentByName", () => {
  it("finds a deployment, and answers DeploymentNotFoundError with a message for an unknown name", async () => {
    const branch = await createBranch();
    expect(await byName("prod")).toEqual({
      data: { deploymentByName: { __typename: "DagsterCloudDeployment", deploymentName: "prod", deploymentId: 1, deploymentType: "PRODUCTION" } },
    });
    expect(await byName(branch.deploymentName)).toEqual({
      data: { deploymentByName: { ...branch, deploymentType: "BRANCH" } },
    });
    expect(await byName("nope")).toEqual({
      data: { deploymentByName: { __typename: "DeploymentNotFoundError", message: "Deployment nope not found" } },
    });
  });
});

describe("deleteDeployment", () => {
  it("deletes a branch deployment with its locations, leaving other deployments' alone", async () => {
    const branch = await createBranch();
    const inBranch = { "dagster-cloud-deployment": branch.deploymentName };
    await gql(emulator.url, ADD_OR_UPDATE_LOCATION, { document: locationDocument() });
    await gql(emulator.url, ADD_OR_UPDATE_LOCATION, { document: locationDocument() }, inBranch);
    expect(emulator.state.workspace.list(branch.deploymentId)).toHaveLength(1);

    expect(await remove(branch.deploymentId)).toEqual({ data: { deleteDeployment: { __typename: "DagsterCloudDeployment", deploymentId: 2 } } });
    expect(emulator.state.workspace.list(branch.deploymentId)).toEqual([]);
    expect(emulator.state.workspace.list(1)).toHaveLength(1);
    expect(await byName(branch.deploymentName)).toMatchObject({ data: { deploymentByName: { __typename: "DeploymentNotFoundError" } } });

    const scoped = await gql(emulator.url, LOCATIONS_QUERY, {}, inBranch);
    expect([scoped.status, scoped.json]).toEqual([404, { error: `Deployment "${branch.deploymentName}" not found` }]);
    const viaPath = await gql(`${emulator.url}/${branch.deploymentName}`, LOCATIONS_QUERY);
    expect(viaPath.json).toMatchObject({ data: { workspaceOrError: { locationEntries: [{ name: "analytics" }] } } });

    const again = await createBranch();
    expect(again).toMatchObject({ deploymentName: branch.deploymentName, deploymentId: 3 });
    expect(emulator.state.workspace.list(3)).toEqual([]);
  });

  it("answers DeploymentNotFoundError for an unknown id (only __typename, as the CLI selects no fields on it)", async () => {
    expect(await remove(42)).toEqual({ data: { deleteDeployment: { __typename: "DeploymentNotFoundError" } } });
  });

  it("refuses to delete the final production deployment", async () => {
    await createBranch();
    expect(await remove(1)).toEqual({
      data: { deleteDeployment: { __typename: "DeleteFinalDeploymentError", message: "Cannot delete the last full deployment of an organization" } },
    });
    expect(emulator.state.byName("prod")).toBeDefined();
  });

  it("deletes a production deployment and its locations when another one remains", async () => {
    const staging = emulator.state.addDeployment("staging", "PRODUCTION");
    await gql(emulator.url, ADD_OR_UPDATE_LOCATION, { document: locationDocument() }, { "dagster-cloud-deployment": "staging" });
    expect(await remove(staging.deploymentId)).toEqual({ data: { deleteDeployment: { __typename: "DagsterCloudDeployment", deploymentId: 2 } } });
    expect(emulator.state.workspace.list(staging.deploymentId)).toEqual([]);
    expect(await remove(1)).toMatchObject({ data: { deleteDeployment: { __typename: "DeleteFinalDeploymentError" } } });
  });
});
