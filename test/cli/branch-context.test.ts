import { describe, expect, it } from "vitest";
import { toCreateOrUpdateOptions } from "../../src/commands/branch-deployment/create-or-update.ts";
import { buildVariables } from "../../src/commands/branch-deployment/create-or-update-run.ts";
import { UsageError } from "../../src/errors.ts";
import { fakeDeps } from "../helpers/fake-deps.ts";

const HEAD = { commitHash: "c".repeat(40), timestamp: 1700000000, authorName: "A", authorEmail: "a@x", commitMessage: "m" };
const JENKINS_PR = { JENKINS_URL: "https://ci.example.com/", GIT_URL: "https://github.com/acme/app.git", GIT_COMMIT: "c".repeat(40), CHANGE_ID: "5", BRANCH_NAME: "PR-5" };

describe("the branch never comes from the checkout in CI", () => {
  it("a Jenkins PR build without CHANGE_BRANCH, checked out on a local branch PR-5: a usage error naming --branch-name", async () => {
    const deps = fakeDeps({ env: JENKINS_PR, repoContext: { repoName: "acme/app", branchName: "PR-5", headCommit: HEAD }, headCommit: HEAD });
    const error = await buildVariables(toCreateOrUpdateOptions({}, []), deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ message: "Cannot tell the branch: Jenkins names no source branch for this build.", hint: expect.stringContaining("--branch-name") });
  });

  it("without CI, the checked-out branch is used", async () => {
    const deps = fakeDeps({ repoContext: { repoName: "acme/app", branchName: "feature/x", headCommit: HEAD }, headCommit: HEAD, commits: { ["c".repeat(40)]: HEAD } });
    const variables = await buildVariables(toCreateOrUpdateOptions({}, []), deps);
    expect(variables.branchData).toMatchObject({ repoName: "acme/app", branchName: "feature/x", pullRequestNumber: null });
    expect(deps.stderr()).toBe(`Local git: repo acme/app, branch feature/x, commit ${"c".repeat(7)}\n`);
  });

  it("a --branch-name other than the CI's drops the CI's branch URL (it points at the other branch)", async () => {
    const env = { ...JENKINS_PR, CHANGE_BRANCH: "feature/x", CHANGE_URL: "https://github.com/acme/app/pull/5" };
    const deps = fakeDeps({ env, repoContext: { repoName: "acme/app", headCommit: HEAD }, headCommit: HEAD, commits: { ["c".repeat(40)]: HEAD } });
    const same = await buildVariables(toCreateOrUpdateOptions({}, []), deps);
    expect(same.branchData.branchUrl).toBe("https://github.com/acme/app/tree/feature/x");
    const other = await buildVariables(toCreateOrUpdateOptions({ branchName: "release/y" }, []), deps);
    expect(other.branchData).toMatchObject({ branchName: "release/y", branchUrl: null, pullRequestNumber: "5" });
  });

  it("a commit not in the checkout: with --timestamp given, the warning does not claim the current time is sent", async () => {
    const env = { ...JENKINS_PR, CHANGE_BRANCH: "feature/x" };
    const deps = fakeDeps({ env, repoContext: { repoName: "acme/app", headCommit: HEAD } });
    const variables = await buildVariables(toCreateOrUpdateOptions({ timestamp: "1690000000" }, []), deps);
    expect(variables.commit).toMatchObject({ timestamp: 1690000000, commitMessage: null, authorName: null });
    expect(deps.stderr()).toContain("is not in this checkout: sending no message or author");
  });
});
