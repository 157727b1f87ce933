import { existsSync, readdirSync, readFileSync } from "node:fs";
import { buildSchema, getOperationAST, parse, validate, type GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values.mjs";
import { describe, expect, it } from "vitest";
import type { Operation } from "../../src/api/client.ts";
import { toCreateOrUpdateOptions } from "../../src/commands/branch-deployment/create-or-update.ts";
import { buildVariables } from "../../src/commands/branch-deployment/create-or-update-run.ts";
import { buildLocationDocument } from "../../src/location/document.ts";
import { fakeDeps } from "../helpers/fake-deps.ts";

/** The real Dagster+ schema: present beside the project here and in CI, absent on GitHub. */
const SCHEMA_PATH = new URL("../../../shared/dagster-plus/schema.graphql", import.meta.url);
const haveSchema = existsSync(SCHEMA_PATH);

/** Every Operation exported by src/api/operations/, found by reading the folder. */
async function allOperations(): Promise<Operation<unknown>[]> {
  const folder = new URL("../../src/api/operations/", import.meta.url);
  const operations: Operation<unknown>[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
    const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value === "object" && value !== null && "document" in value && "name" in value) operations.push(value as Operation<unknown>);
    }
  }
  return operations;
}

const head = { commitHash: "a".repeat(40), timestamp: 1690000000.5, authorName: "A", authorEmail: "a@x", commitMessage: "m" };
const git = fakeDeps({ headCommit: head });
/** A GitLab merge-request pipeline: everything from the CI's variables and the checkout. */
const gitlab = fakeDeps({
  headCommit: head,
  commits: { ["b".repeat(40)]: { ...head, commitHash: "b".repeat(40) } },
  repoContext: { repoName: "acme/app", headCommit: head },
  env: {
    GITLAB_CI: "true",
    CI_PROJECT_NAME: "app",
    CI_PROJECT_URL: "https://gitlab.example.com/acme/app",
    CI_COMMIT_SHA: "b".repeat(40),
    CI_COMMIT_REF_NAME: "feature/x",
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: "feature/x",
    CI_MERGE_REQUEST_IID: "7",
  },
});
const base = { gitRepoName: "acme/app", branchName: "feature/x", commitHash: "abc", timestamp: "0" };

/** Variables the CLI really builds, from real flag sets; every operation needs at least one. */
const SAMPLES: Record<string, () => Promise<Record<string, unknown>[]>> = {
  CliCreateOrUpdateBranchDeployment: async () => [
    { ...(await buildVariables(toCreateOrUpdateOptions(base, []), git)) },
    { ...(await buildVariables(toCreateOrUpdateOptions({ gitRepoName: "r", branchName: "b", readGitState: true }, []), git)) },
    { ...(await buildVariables(toCreateOrUpdateOptions({}, []), gitlab)) },
    {
      ...(await buildVariables(
        toCreateOrUpdateOptions(
          {
            ...base,
            timestamp: "1700000000.25",
            branchUrl: "https://x/tree/b",
            codeReviewUrl: "https://x/pull/1",
            pullRequestStatus: "merged",
            codeReviewId: "1",
            commitMessage: "msg",
            authorName: "n",
            authorEmail: "e",
            authorAvatarUrl: "https://x/a.png",
            baseDeploymentName: "staging",
            snapshotBaseCondition: "on-update",
          },
          [],
        ),
        git,
      )),
    },
  ],
};

SAMPLES.CliAgentStatus = async () => [{}];
SAMPLES.CliGetBranchDeploymentName = async () => [{ repoName: "acme/app", branchName: "feature/x" }];
SAMPLES.CliBranchDeploymentByName = async () => [{ deploymentName: "0123abcd" }];
SAMPLES.CliBranchDeployments = async () => [
  { limit: 1000, pullRequestStatus: null },
  { limit: 100, pullRequestStatus: "MERGED" },
];
SAMPLES.CliLocationsQuery = async () => [{}];
SAMPLES.CliDeleteLocation = async () => [{ locationName: "my_location" }];
SAMPLES.DeploymentByNameQuery = async () => [{ deploymentName: "0123abcd" }];
SAMPLES.CliDeleteDeployment = async () => [{ deploymentId: 42 }];
SAMPLES.CliAddOrUpdateLocation = async () => [
  {
    document: await buildLocationDocument(
      { locationName: "my_location", packageName: "my_package", image: "registry/app:1", commitHash: "abc", gitUrl: "https://x/commit/abc" },
      { cwd: "/", readFile: async () => undefined },
    ),
  },
];

function coerce(schema: GraphQLSchema, document: string, variables: Record<string, unknown>) {
  const operation = getOperationAST(parse(document));
  return getVariableValues(schema, operation?.variableDefinitions ?? [], variables);
}

describe.skipIf(!haveSchema)("conformance with the real Dagster+ schema", () => {
  const schema = haveSchema ? buildSchema(readFileSync(SCHEMA_PATH, "utf8")) : undefined!;

  it("finds the operations", async () => {
    expect((await allOperations()).map((op) => op.name)).toContain("CliCreateOrUpdateBranchDeployment");
  });

  it("every document validates, is named as its operation, and its sample variables coerce", async () => {
    for (const operation of await allOperations()) {
      const document = parse(operation.document);
      expect(validate(schema, document), operation.name).toEqual([]);
      expect(getOperationAST(document)?.name?.value).toBe(operation.name);
      const samples = SAMPLES[operation.name];
      expect(samples, `add sample variables for ${operation.name}`).toBeDefined();
      for (const variables of await samples!()) {
        const result = coerce(schema, operation.document, variables);
        expect(result.errors?.map((e: Error) => e.message), operation.name).toBeUndefined();
      }
    }
  });

  it("the check can fail: wrong enum case and a string timestamp are rejected", async () => {
    const [operation] = (await allOperations()).filter((op) => op.name === "CliCreateOrUpdateBranchDeployment");
    const [good] = await SAMPLES.CliCreateOrUpdateBranchDeployment!();
    const bad = structuredClone(good!) as { branchData: Record<string, unknown>; commit: Record<string, unknown> };
    bad.branchData.pullRequestStatus = "open";
    bad.commit.timestamp = "1700000000";
    const messages = coerce(schema, operation!.document, bad).errors?.map((e: Error) => e.message) ?? [];
    expect(messages.join("\n")).toMatch(/PullRequestStatus/);
    expect(messages.join("\n")).toMatch(/Float/);
  });
});
