import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedBranchDeployments, type BranchDeploymentSeed } from "../../emulator/seed.ts";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { BRANCH_DEPLOYMENTS } from "../../src/api/operations/branch-deployments.ts";
import { gql } from "./client.ts";

const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");
const DAY = 86_400;
const NOW = 1_790_000_000;

const SEEDS: BranchDeploymentSeed[] = [
  {
    repoName: "acme/app",
    branchName: "feature/a",
    pullRequestStatus: "OPEN",
    pullRequestNumber: "7",
    pullRequestUrl: "https://github.com/acme/app/pull/7",
    commits: [
      { commitHash: "a1", timestamp: NOW - 10 * DAY },
      { commitHash: "a2", timestamp: NOW - DAY, commitMessage: "Second", authorName: "Ann" },
    ],
  },
  { repoName: "acme/app", branchName: "fix/b", pullRequestStatus: "MERGED", pullRequestNumber: "8", commits: [{ commitHash: "b1", timestamp: NOW - 40 * DAY }] },
  { repoName: "acme/lib", branchName: "old", commits: [{ commitHash: "c1", timestamp: NOW - 200 * DAY }] },
];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const list = async (variables: Record<string, unknown>) => {
  const answer = await gql(emulator.url, BRANCH_DEPLOYMENTS.document, variables);
  return answer.json as { data?: { branchDeployments: { nodes: Record<string, unknown>[] } }; errors?: unknown };
};

describe("branchDeployments with git metadata and latest commit", () => {
  it("answers the CLI's query: branch deployments only, with their branch data, latest commit and parent", async () => {
    seedBranchDeployments(emulator.state, SEEDS);
    const answer = await list({ limit: 10, pullRequestStatus: null });
    expect(answer.errors).toBeUndefined();
    const nodes = answer.data!.branchDeployments.nodes;
    expect(nodes.map((n) => n.deploymentName)).toEqual([sha1("acme/app..feature/a"), sha1("acme/app..fix/b"), sha1("acme/lib..old")]);
    expect(nodes[0]).toEqual({
      __typename: "DagsterCloudDeployment",
      deploymentId: 2,
      deploymentName: sha1("acme/app..feature/a"),
      deploymentType: "BRANCH",
      branchDeploymentGitMetadata: {
        repoName: "acme/app",
        branchName: "feature/a",
        branchUrl: null,
        pullRequestUrl: "https://github.com/acme/app/pull/7",
        pullRequestStatus: "OPEN",
        pullRequestNumber: "7",
      },
      latestCommit: {
        commitHash: "a2",
        timestamp: NOW - DAY,
        commitMessage: "Second",
        commitUrl: null,
        authorName: "Ann",
        authorEmail: null,
        authorAvatarUrl: null,
      },
      parentDeployment: { deploymentName: "prod" },
    });
    expect(BRANCH_DEPLOYMENTS.data.safeParse(answer.data).success).toBe(true);
  });

  it.each([
    [{ limit: 2, pullRequestStatus: null }, ["feature/a", "fix/b"]],
    [{ limit: 0, pullRequestStatus: null }, []],
    [{ limit: 10, pullRequestStatus: "MERGED" }, ["fix/b"]],
    [{ limit: 10, pullRequestStatus: "CLOSED" }, []],
  ])("%j selects %j", async (variables, branches) => {
    seedBranchDeployments(emulator.state, SEEDS);
    const nodes = (await list(variables)).data!.branchDeployments.nodes;
    expect(nodes.map((n) => (n.branchDeploymentGitMetadata as { branchName: string }).branchName)).toEqual(branches);
  });

  it("rejects a lower-case status, as the service's enum does", async () => {
    const answer = await list({ limit: 10, pullRequestStatus: "merged" });
    expect(answer.data).toBeUndefined();
    expect(JSON.stringify(answer.errors)).toMatch(/PullRequestStatus/);
  });

  it("a seed with several commits is one deployment whose latest commit is the last", () => {
    const [record] = seedBranchDeployments(emulator.state, [SEEDS[0]!]);
    expect(record!.commits.map((c) => c.commitHash)).toEqual(["a1", "a2"]);
    expect(emulator.state.list().map((d) => d.deploymentType)).toEqual(["PRODUCTION", "BRANCH"]);
  });
});

describe("POST /__emulator/branch-deployments", () => {
  const post = async (body: unknown) => {
    const response = await fetch(`${emulator.url}/__emulator/branch-deployments`, { method: "POST", body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as unknown };
  };

  it("seeds one or many and answers the records", async () => {
    const answer = await post(SEEDS);
    expect(answer.status).toBe(200);
    expect((answer.json as { deploymentName: string }[]).map((r) => r.deploymentName)).toEqual(
      [sha1("acme/app..feature/a"), sha1("acme/app..fix/b"), sha1("acme/lib..old")],
    );
    expect(emulator.state.byName(sha1("acme/lib..old"))?.commits[0]?.timestamp).toBe(NOW - 200 * DAY);
    expect(emulator.requests).toEqual([]);
  });

  it.each([
    [{ repoName: "r", branchName: "b", commits: [] }, "seed 0: commits must be a non-empty array"],
    [[{ repoName: "", branchName: "b", pullRequestStatus: "open", commits: [{ commitHash: "x", timestamp: "1" }] }], "seed 0: repoName must be a non-empty string; seed 0: pullRequestStatus must be OPEN, CLOSED, MERGED or null; seed 0 commit 0: timestamp must be a number (unix seconds)"],
    [{ repoName: "r", branchName: "b", baseDeploymentName: "nope", commits: [{ commitHash: "x", timestamp: 1 }] }, 'baseDeploymentName "nope" is not a deployment'],
  ])("rejects %j with 400 naming every problem", async (body, error) => {
    expect(await post(body)).toEqual({ status: 400, json: { error } });
    expect(emulator.state.list()).toHaveLength(1);
  });
});
