import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { BY_NAME, CREATE_OR_UPDATE, createVariables, DELETE, GET_NAME, gql } from "./client.ts";

const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");
const NAME = sha1("acme/widgets..feature-x");

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("createOrUpdateBranchDeployment", () => {
  it("names the deployment with the SHA-1 of repo..branch", async () => {
    const answer = await gql(emulator.url, CREATE_OR_UPDATE, createVariables());
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      data: {
        createOrUpdateBranchDeployment: { __typename: "DagsterCloudDeployment", deploymentId: 2, deploymentName: NAME },
      },
    });
  });

  it("updates the same deployment for the same repo and branch, keeping name and id", async () => {
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables());
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables({ branchData: { branchName: "other" } }));
    const again = await gql(
      emulator.url,
      CREATE_OR_UPDATE,
      createVariables({
        branchData: { pullRequestStatus: "MERGED" },
        commit: { commitHash: "f".repeat(40), commitUrl: "https://example.com/c" },
        baseDeploymentName: "prod",
        snapshotBaseCondition: "ON_UPDATE",
      }),
    );
    expect(again.json).toMatchObject({ data: { createOrUpdateBranchDeployment: { deploymentId: 2, deploymentName: NAME } } });

    const record = emulator.state.byName(NAME);
    expect(record?.commits.map((c) => c.commitHash)).toEqual(["0123456789abcdef0123456789abcdef01234567", "f".repeat(40)]);
    expect(record?.commits[1]).toMatchObject({ timestamp: 1700000000.5, commitUrl: "https://example.com/c" });
    expect(record?.branchDeploymentGitMetadata).toEqual({
      repoName: "acme/widgets",
      branchName: "feature-x",
      branchUrl: null,
      pullRequestUrl: null,
      pullRequestStatus: "MERGED",
      pullRequestNumber: "42",
    });
    expect(record).toMatchObject({ baseDeploymentName: "prod", snapshotBaseCondition: "ON_UPDATE", deploymentType: "BRANCH" });
    expect(emulator.state.list().map((d) => d.deploymentId)).toEqual([1, 2, 3]);
  });

  it("fills absent optional input fields with null", async () => {
    const variables = createVariables();
    variables.branchData = { repoName: "r", branchName: "b" };
    variables.commit = { commitHash: "abc", timestamp: 1 };
    await gql(emulator.url, CREATE_OR_UPDATE, variables);
    const record = emulator.state.byName(sha1("r..b"));
    expect(record?.branchDeploymentGitMetadata?.pullRequestStatus).toBeNull();
    expect(record?.commits[0]).toEqual({
      commitHash: "abc",
      timestamp: 1,
      commitMessage: null,
      commitUrl: null,
      authorName: null,
      authorEmail: null,
      authorAvatarUrl: null,
    });
  });

  it("answers DeploymentNotFoundError for an unknown base deployment", async () => {
    const answer = await gql(emulator.url, CREATE_OR_UPDATE, createVariables({ baseDeploymentName: "staging" }));
    expect(answer.json).toEqual({
      data: { createOrUpdateBranchDeployment: { __typename: "DeploymentNotFoundError", message: "Deployment staging not found" } },
    });
    expect(emulator.state.list()).toHaveLength(1);
  });

  it("exposes the deployment's fields", async () => {
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables());
    const answer = await gql(
      emulator.url,
      `{ deploymentByName(name: "${NAME}") { ... on DagsterCloudDeployment {
          deploymentType isBranchDeployment organizationName deploymentStatus
          parentDeployment { deploymentName } latestCommit { commitHash timestamp } commits { authorName }
          branchDeploymentGitMetadata { repoName pullRequestStatus pullRequestNumber } deploymentSettings { settings } } } }`,
    );
    expect(answer.json).toEqual({
      data: {
        deploymentByName: {
          deploymentType: "BRANCH",
          isBranchDeployment: true,
          organizationName: "emulated-org",
          deploymentStatus: "ACTIVE",
          parentDeployment: { deploymentName: "prod" },
          latestCommit: { commitHash: "0123456789abcdef0123456789abcdef01234567", timestamp: 1700000000.5 },
          commits: [{ authorName: "Ada" }],
          branchDeploymentGitMetadata: { repoName: "acme/widgets", pullRequestStatus: "OPEN", pullRequestNumber: "42" },
          deploymentSettings: { settings: {} },
        },
      },
    });
  });
});

describe("queries", () => {
  it("getBranchDeploymentName computes the name without creating anything", async () => {
    const answer = await gql(emulator.url, GET_NAME, { repoName: "acme/widgets", branchName: "feature-x" });
    expect(answer.json).toEqual({ data: { getBranchDeploymentName: NAME } });
    expect(emulator.state.list()).toHaveLength(1);
  });

  it("deploymentByName finds prod and reports unknown names", async () => {
    expect((await gql(emulator.url, BY_NAME, { deploymentName: "prod" })).json).toEqual({
      data: {
        deploymentByName: { __typename: "DagsterCloudDeployment", deploymentName: "prod", deploymentId: 1, deploymentType: "PRODUCTION" },
      },
    });
    expect((await gql(emulator.url, BY_NAME, { deploymentName: "nope" })).json).toEqual({
      data: { deploymentByName: { __typename: "DeploymentNotFoundError" } },
    });
  });

  it("lists deployments, full deployments and branch deployments by pull request status", async () => {
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables());
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables({ branchData: { branchName: "b2", pullRequestStatus: "CLOSED" } }));
    const answer = await gql(
      emulator.url,
      `{ deployments { deploymentId } fullDeployments { deploymentName }
         open: branchDeployments(limit: 10, pullRequestStatus: OPEN) { nodes { deploymentId } }
         first: branchDeployments(limit: 1) { nodes { deploymentId } } }`,
    );
    expect(answer.json).toEqual({
      data: {
        deployments: [{ deploymentId: 1 }, { deploymentId: 2 }, { deploymentId: 3 }],
        fullDeployments: [{ deploymentName: "prod" }],
        open: { nodes: [{ deploymentId: 2 }] },
        first: { nodes: [{ deploymentId: 2 }] },
      },
    });
  });

  it.each([
    ["/graphql", {}, "prod"],
    ["/acme/graphql", {}, "prod"],
    ["/acme/prod/graphql", {}, "prod"],
    ["/acme/graphql", { "dagster-cloud-deployment": "BRANCH" }, "BRANCH"],
    ["/extra/path/BRANCH/graphql", {}, "BRANCH"],
  ])("currentDeployment for %s %o is %s", async (path, headers, expected) => {
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables());
    const want = expected === "BRANCH" ? NAME : expected;
    const url = `${emulator.url}${path.replace("BRANCH", NAME).replace(/\/graphql$/, "")}`;
    const header = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace("BRANCH", NAME)]));
    const answer = await gql(url, "{ currentDeployment { deploymentName } }", {}, header);
    expect(answer.json).toEqual({ data: { currentDeployment: { deploymentName: want } } });
  });
});

describe("deleteDeployment", () => {
  it("deletes a branch deployment the way the CLI looks it up", async () => {
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables());
    const found = await gql(emulator.url, BY_NAME, { deploymentName: NAME });
    expect(found.json).toMatchObject({ data: { deploymentByName: { deploymentId: 2, deploymentType: "BRANCH" } } });
    const deleted = await gql(emulator.url, DELETE, { deploymentId: 2 });
    expect(deleted.json).toEqual({ data: { deleteDeployment: { __typename: "DagsterCloudDeployment", deploymentId: 2 } } });
    expect(emulator.state.byName(NAME)).toBeUndefined();
    const again = await gql(emulator.url, DELETE, { deploymentId: 2 });
    expect(again.json).toEqual({ data: { deleteDeployment: { __typename: "DeploymentNotFoundError" } } });
  });

  it("refuses to delete the last full deployment", async () => {
    const answer = await gql(emulator.url, `mutation { deleteDeployment(deploymentId: 1) { __typename ... on Error { message } } }`);
    expect(answer.json).toEqual({
      data: {
        deleteDeployment: { __typename: "DeleteFinalDeploymentError", message: "Cannot delete the last full deployment of an organization" },
      },
    });
    expect(emulator.state.byName("prod")).toBeDefined();
  });
});
