import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { CREATE_OR_UPDATE, createVariables, gql } from "./client.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

interface ErrorsOnly {
  errors: { message: string; locations?: { line: number; column: number }[] }[];
}

/** Every rejection is HTTP 200 with `errors` and no `data`, and changes nothing. */
async function rejected(query: string, variables: Record<string, unknown>): Promise<string[]> {
  const answer = await gql(emulator.url, query, variables);
  expect(answer.status).toBe(200);
  const body = answer.json as ErrorsOnly;
  expect(Object.keys(body)).toEqual(["errors"]);
  expect(emulator.state.list()).toHaveLength(1);
  return body.errors.map((e) => e.message);
}

describe("documents and variables are checked like the real service does", () => {
  it("rejects an unknown field, with its location", async () => {
    const query = CREATE_OR_UPDATE.replace("deploymentId deploymentName", "deploymentId deploymentUrl");
    const answer = await gql(emulator.url, query, createVariables());
    expect(answer.json).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^Cannot query field "deploymentUrl" on type "DagsterCloudDeployment"\./),
          locations: [{ line: 4, column: 50 }],
        },
      ],
    });
  });

  it("rejects a lower-case pull request status", async () => {
    const messages = await rejected(CREATE_OR_UPDATE, createVariables({ branchData: { pullRequestStatus: "open" } }));
    expect(messages).toEqual([
      'Variable "$branchData" got invalid value "open" at "branchData.pullRequestStatus"; Value "open" does not exist in "PullRequestStatus" enum. Did you mean the enum value "OPEN"?',
    ]);
  });

  type Vars = Record<string, Record<string, unknown> | string | null>;
  it.each<[string, (v: Vars) => void, RegExp]>([
    ["a non-numeric timestamp", (v) => void ((v.commit as Vars).timestamp = "abc"), /"\$commit" got invalid value "abc" at "commit.timestamp"; Float cannot represent non numeric value/],
    ["a numeric pull request number", (v) => void ((v.branchData as Vars).pullRequestNumber = 42 as never), /at "branchData.pullRequestNumber"; String cannot represent a non string value: 42/],
    ["a missing repoName", (v) => delete (v.branchData as Vars).repoName, /Field "repoName" of required type "String!" was not provided/],
    ["an unknown input field", (v) => void ((v.branchData as Vars).prNumber = "1"), /Field "prNumber" is not defined by type "CreateOrUpdateBranchDeploymentInput"/],
    ["a hyphenated snapshot condition", (v) => void (v.snapshotBaseCondition = "on-create"), /Value "on-create" does not exist in "SnapshotBaseDeploymentCondition" enum/],
    ["a null commit", (v) => void (v.commit = null), /"\$commit" of non-null type "DeploymentCommitInput!" must not be null/],
  ])("rejects %s", async (_name, change, pattern) => {
    const variables = createVariables() as Vars;
    change(variables);
    const messages = await rejected(CREATE_OR_UPDATE, variables);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(pattern);
  });

  it("rejects a variable declared with the wrong type", async () => {
    const query = CREATE_OR_UPDATE.replace("$snapshotBaseCondition: SnapshotBaseDeploymentCondition)", "$snapshotBaseCondition: String)");
    const messages = await rejected(query, createVariables());
    expect(messages).toEqual([
      'Variable "$snapshotBaseCondition" of type "String" used in position expecting type "SnapshotBaseDeploymentCondition".',
    ]);
  });

  it("rejects a syntax error", async () => {
    const messages = await rejected("mutation {", {});
    expect(messages).toEqual(["Syntax Error: Expected Name, found <EOF>."]);
  });

  it("rejects a selection on a non-member of the union", async () => {
    const query = CREATE_OR_UPDATE.replace("... on PythonError { message }", "... on DeleteFinalDeploymentError { message }");
    const messages = await rejected(query, createVariables());
    expect(messages[0]).toMatch(/Fragment cannot be spread here as objects of type "CreateDeploymentResult" can never be of type "DeleteFinalDeploymentError"/);
  });

  it("rejects a missing required argument of getBranchDeploymentName", async () => {
    const messages = await rejected('{ getBranchDeploymentName(repoName: "r") }', {});
    expect(messages).toEqual([
      'Field "getBranchDeploymentName" argument "branchName" of type "String!" is required, but it was not provided.',
    ]);
  });
});
