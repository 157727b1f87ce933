import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { fakeDeps, type FakeDepsOptions } from "../helpers/fake-deps.ts";
import { strictMswServer } from "../helpers/msw.ts";
import { deployment, mswCreateOrUpdate, type Seen } from "../helpers/msw-dagster.ts";

const server = strictMswServer();
const TOKEN = "tok-abcdef-123456";
const ARGS = ["branch-deployment", "create-or-update", "--organization", "acme", "--git-repo-name", "acme/app", "--branch-name", "feature/x"];
const EXPLICIT = [...ARGS, "--commit-hash", "abc123def456789", "--timestamp", "1700000000"];
const HEAD = { commitHash: "f".repeat(40), timestamp: 1690000000, authorName: "Ann Author", authorEmail: "ann@example.com", commitMessage: "Fix things" };

async function run(argv: string[], options: FakeDepsOptions = {}) {
  const deps = fakeDeps({ ...options, env: { DAGSTER_CLOUD_API_TOKEN: TOKEN, ...options.env } });
  const code = await main(argv, deps);
  return { code, stdout: deps.stdout(), stderr: deps.stderr() };
}

describe("create-or-update against a mocked Dagster+", () => {
  it("prints only the name on stdout, and nothing on stderr when piped", async () => {
    server.use(mswCreateOrUpdate(deployment("0123abcd")));
    expect(await run(EXPLICIT)).toEqual({ code: 0, stdout: "0123abcd\n", stderr: "" });
  });

  it("sends every variable key, null when absent", async () => {
    const seen: Seen[] = [];
    server.use(mswCreateOrUpdate(deployment(), seen));
    await run(EXPLICIT);
    expect(seen[0]?.body.variables).toEqual({
      branchData: { repoName: "acme/app", branchName: "feature/x", branchUrl: null, pullRequestUrl: null, pullRequestStatus: null, pullRequestNumber: null },
      commit: { commitHash: "abc123def456789", timestamp: 1700000000, commitMessage: null, commitUrl: null, authorName: null, authorEmail: null, authorAvatarUrl: null },
      baseDeploymentName: null,
      snapshotBaseCondition: null,
    });
  });

  it("--read-git-state fills what flags leave open; flags given win", async () => {
    const seen: Seen[] = [];
    server.use(mswCreateOrUpdate(deployment(), seen));
    await run([...ARGS, "--read-git-state", "--commit-message", "From the flag", "--timestamp", "0"], { headCommit: HEAD });
    expect(seen[0]?.body.variables.commit).toEqual({
      commitHash: HEAD.commitHash,
      timestamp: 0,
      commitMessage: "From the flag",
      commitUrl: null,
      authorName: "Ann Author",
      authorEmail: "ann@example.com",
      authorAvatarUrl: null,
    });
  });

  it("shows a summary on stderr after the name when stderr is a terminal", async () => {
    server.use(mswCreateOrUpdate(deployment("0123abcd")));
    const result = await run(EXPLICIT, { isTTY: true, env: { NO_COLOR: "1" } });
    expect(result.stdout).toBe("0123abcd\n");
    expect(result.stderr).toBe("✓ Branch deployment 0123abcd is up to date for acme/app feature/x at abc123def456.\n");
  });

  it.each([
    ["PythonError", "Something went wrong", /This failed inside Dagster\+/],
    ["UnauthorizedError", "Not allowed", /lacks the permission/],
    ["DeploymentNotFoundError", "No deployment staging", /Check --base-deployment-name/],
    ["DuplicateDeploymentError", "Exists", /exists already/],
    ["DeploymentLimitError", "Too many branch deployments", /Delete branch deployments you no longer need/],
  ])("%s: exit 1, nothing on stdout, the server's message on stderr", async (typename, message, hint) => {
    server.use(mswCreateOrUpdate({ __typename: typename, message }));
    const result = await run(EXPLICIT);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const [first, second, ...rest] = result.stderr.split("\n");
    expect(first).toBe(`Error: Dagster+ could not create or update the branch deployment: ${message} (${typename}).`);
    expect(second).toMatch(hint);
    expect(rest).toEqual([""]);
  });

  it("a token echoed by the server is masked", async () => {
    server.use(mswCreateOrUpdate({ __typename: "PythonError", message: `bad token ${TOKEN}` }));
    const result = await run(EXPLICIT);
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stderr).toContain("bad token ****");
  });

  it("a missing token is reported before any request", async () => {
    const result = await run(EXPLICIT, { env: { DAGSTER_CLOUD_API_TOKEN: undefined } });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "Error: No API token given.\nPass --api-token, set DAGSTER_CLOUD_API_TOKEN, or set `user_token` in /home/ci/.dagster_cloud_cli/config.\n",
    });
  });

  it("git failures are clear errors", async () => {
    const result = await run([...ARGS, "--read-git-state"]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(/^Error: Cannot read git state/);
  });

  it("--verbose adds the request line and a stack trace on failure", async () => {
    server.use(mswCreateOrUpdate({ __typename: "PythonError", message: "boom" }));
    const result = await run([...EXPLICIT, "--verbose"]);
    expect(result.stderr).toMatch(/^Dagster\+ at https:\/\/acme\.dagster\.cloud\/graphql; token from DAGSTER_CLOUD_API_TOKEN\n/);
    expect(result.stderr).toMatch(/\n {4}at /);
  });

  it("colour only when asked for", async () => {
    server.use(mswCreateOrUpdate({ __typename: "PythonError", message: "boom" }));
    const result = await run(EXPLICIT, { env: { FORCE_COLOR: "1" } });
    expect(result.stderr.startsWith("\u001b[31m\u001b[1mError:")).toBe(true);
  });
});
