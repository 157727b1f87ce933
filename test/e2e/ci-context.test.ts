/**
 * Issue 9, end to end: the built bin/ in each CI provider's full environment (test/fixtures/ci/*.json
 * plus e2e-extra.json), inside a real git repository whose commits ARE the fixtures' commits (the
 * fixtures' hashes are replaced by real ones), against the emulator. Every test checks the variables
 * that reached the emulator field by field, and stdout exactly.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { seedBranchDeployments } from "../../emulator/seed.ts";
import { createSandbox, type Result, type Sandbox } from "../helpers/cli-process.ts";

type Env = Record<string, string>;

const TOKEN = "e2e-ci-context-token-4c1d9e";
const MUTATION = "CliCreateOrUpdateBranchDeployment";
const nameOf = (repo: string, branch: string) => createHash("sha1").update(`${repo}..${branch}`).digest("hex");

// The unit fixtures' commits; each becomes a real commit of the sandbox repository.
const FAKE = {
  head: "3f2a9c1e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a39", // the PR's head
  push: "5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7", // a pushed commit
  merge: "e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a", // the merge commit a CI builds for a PR
  base: "b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d", // the target branch
} as const;
type CommitKey = keyof typeof FAKE;

interface Commit {
  sha: string;
  timestamp: number;
  message: string;
  authorName: string;
  authorEmail: string;
}

const fixtureDir = new URL("../fixtures/ci/", import.meta.url);
const readFixture = (name: string): string => readFileSync(new URL(name, fixtureDir), "utf8");
const EXTRA = JSON.parse(readFixture("e2e-extra.json")) as Record<string, Record<string, Env>>;

let emulator: Emulator;
let sandbox: Sandbox;
const commits = {} as Record<CommitKey, Commit>;
/** Checkouts as CI makes them (all detached), and as a developer has them. */
const dirs = {} as Record<"prCheckout" | "pushCheckout" | "mergeShallow" | "pushShallow" | "detached" | "local", string>;
let eventDir: string;

function git(cwd: string, args: string[], env: Env = {}): string {
  return execFileSync("git", args, { cwd, env: sandbox.env(env), encoding: "utf8" }).trim();
}

function commit(cwd: string, message: string, who: { name: string; email: string }, authorDate: number, commitDate: number): Commit {
  const env = {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_AUTHOR_DATE: `${authorDate} +0000`,
    GIT_COMMITTER_NAME: "Carl Committer",
    GIT_COMMITTER_EMAIL: "carl@example.com",
    GIT_COMMITTER_DATE: `${commitDate} +0000`,
  };
  git(cwd, ["-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message], env);
  const sha = git(cwd, ["rev-parse", "HEAD"]);
  return { sha, timestamp: commitDate, message: message.split("\n")[0] ?? "", authorName: who.name, authorEmail: who.email };
}

function clone(name: string, args: string[], detachAt: string | undefined, origin: string): string {
  const dir = join(sandbox.home, "..", name);
  git(sandbox.repo, ["clone", "-q", ...args, `file://${sandbox.repo}`, dir]);
  if (detachAt !== undefined) git(dir, ["checkout", "-q", "--detach", detachAt]);
  git(dir, ["remote", "set-url", "origin", origin]);
  return dir;
}

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
  sandbox = createSandbox();
  const repo = sandbox.repo;
  // Author date differs from committer date: Dagster+ gets the committer date (`%cd`).
  commits.base = commit(repo, "Base of main", { name: "Ann Author", email: "ann@example.com" }, 1_699_000_000, 1_700_000_000);
  git(repo, ["checkout", "-q", "-b", "feature/x"]);
  commits.head = commit(repo, "Add feature x\n\nThe body is not the subject.", { name: "Fay Feature", email: "fay@example.com" }, 1_699_990_000, 1_700_000_100);
  git(repo, ["checkout", "-q", "-b", "pr-merge", "main"]);
  git(repo, ["-c", "commit.gpgsign=false", "merge", "-q", "--no-ff", "--no-commit", "feature/x"]);
  commits.merge = commit(repo, `Merge ${commits.head.sha} into ${commits.base.sha}`, { name: "GitHub", email: "noreply@github.com" }, 1_700_000_300, 1_700_000_300);
  git(repo, ["checkout", "-q", "feature/x"]);
  commits.push = commit(repo, "Fix feature x", { name: "Pat Pusher", email: "pat@example.com" }, 1_700_000_150, 1_700_000_200);
  git(repo, ["remote", "add", "origin", "git@github.com:acme/app.git"]);
  dirs.local = repo;
  dirs.prCheckout = clone("pr-checkout", [], commits.merge.sha, "https://github.com/acme/app.git");
  dirs.pushCheckout = clone("push-checkout", ["--branch", "feature/x"], commits.push.sha, "https://github.com/acme/app.git");
  // GitHub's default checkout: depth 1 at the merge commit, so the PR's head is not there.
  dirs.mergeShallow = clone("merge-shallow", ["--depth", "1", "--branch", "pr-merge"], commits.merge.sha, "https://github.com/acme/app.git");
  dirs.pushShallow = clone("push-shallow", ["--depth", "1", "--branch", "feature/x"], commits.push.sha, "https://gitlab.com/acme/data/app.git");
  dirs.detached = clone("detached", ["--branch", "feature/x"], commits.push.sha, "git@github.com:acme/app.git");
  eventDir = join(sandbox.home, "..", "events");
  mkdirSync(eventDir);
});
afterAll(async () => {
  await emulator?.close();
  sandbox?.cleanup();
});
beforeEach(() => emulator.reset());

/** The fixtures' hashes (whole, or the 12- and 8-digit prefixes CIs also give) made real. */
function realise(text: string): string {
  let out = text;
  for (const key of Object.keys(FAKE) as CommitKey[]) {
    for (const length of [40, 12, 8]) out = out.replaceAll(FAKE[key].slice(0, length), commits[key].sha.slice(0, length));
  }
  return out;
}

/** A provider's full environment for one scenario; `real: false` keeps the fixture's hashes (commits absent). */
function ciEnv(provider: string, scenario: string, options: { event?: string; real?: boolean } = {}): Env {
  const base = (JSON.parse(readFixture(`${provider}.json`)) as Record<string, Env>)[scenario];
  if (base === undefined) throw new Error(`no fixture ${provider}.${scenario}`);
  const extra = EXTRA[provider] ?? {};
  const env: Env = { ...base, ...extra.all, ...extra[scenario] };
  const real = options.real ?? true;
  const out = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, real ? realise(v) : v]));
  if (options.event !== undefined) {
    const path = join(eventDir, `${options.event}${real ? "" : "-fake"}.json`);
    const text = readFixture(`${options.event}.json`);
    writeFileSync(path, real ? realise(text) : text);
    out.GITHUB_EVENT_PATH = path;
  }
  return out;
}

function run(args: string[], env: Env, cwd: string): Promise<Result> {
  return sandbox.run(args, { env: { DAGSTER_CLOUD_API_TOKEN: TOKEN, ...env }, cwd });
}
const createOrUpdate = (env: Env, cwd: string, extra: string[] = []) =>
  run(["branch-deployment", "create-or-update", "--url", emulator.url, ...extra], env, cwd);

interface Branch {
  repoName: string;
  branchName: string;
  branchUrl: string | null;
  pullRequestUrl: string | null;
  pullRequestStatus: "OPEN" | "CLOSED" | "MERGED" | null;
  pullRequestNumber: string | null;
}
const NO_PR = { pullRequestUrl: null, pullRequestStatus: null, pullRequestNumber: null } as const;

interface CommitVars {
  commitHash: string;
  timestamp: number;
  commitMessage: string | null;
  commitUrl: null;
  authorName: string | null;
  authorEmail: string | null;
  authorAvatarUrl: null;
}
const NO_METADATA = { commitMessage: null, commitUrl: null, authorName: null, authorEmail: null, authorAvatarUrl: null } as const;

function commitVars(c: Commit): CommitVars {
  return { commitHash: c.sha, timestamp: c.timestamp, commitMessage: c.message, commitUrl: null, authorName: c.authorName, authorEmail: c.authorEmail, authorAvatarUrl: null };
}

function variables(branchData: Branch, commit: CommitVars) {
  return { branchData, commit, baseDeploymentName: null, snapshotBaseCondition: null };
}

/** The one mutation sent, and nothing else. */
function sent(): unknown {
  expect(emulator.requests.map((r) => r.operationName)).toEqual([MUTATION]);
  return emulator.requests[0]?.variables;
}

function expectSuccess(result: Result, repoName: string, branchName: string): void {
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toBe(`${nameOf(repoName, branchName)}\n`);
  expect(result.stdout + result.stderr).not.toContain(TOKEN);
}

const short = (key: CommitKey) => commits[key].sha.slice(0, 7);
const GH = "https://github.com/acme/app";
const GL = "https://gitlab.com/acme/data/app";
/** What a GitHub pull_request run for PR #7 of acme/app sends. */
const GH_PR: Branch = { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/7`, pullRequestStatus: "OPEN", pullRequestNumber: "7" };

interface Row {
  name: string;
  env: () => Env;
  cwd: () => string;
  branch: Branch;
  commit: CommitKey;
  /** The one stderr line, `%s` standing for the commit's 7 digits. */
  line: string;
}

// One row per provider and kind of run. PR rows run in a full clone detached at the merge commit
// (what CIs build), push rows in one detached at the pushed commit.
const ROWS: Row[] = [
  {
    name: "GitHub Actions pull_request (GITHUB_SHA and GITHUB_WORKFLOW_SHA the merge commit, GITHUB_REF refs/pull/7/merge)",
    env: () => ciEnv("github", "pr", { event: "github-event-pr-synchronize" }),
    cwd: () => dirs.prCheckout,
    branch: GH_PR,
    commit: "head",
    line: "GitHub Actions: repo acme/app, branch feature/x, PR #7 (OPEN), commit %s",
  },
  {
    name: "GitHub Actions pull_request closed",
    env: () => ciEnv("github", "pr", { event: "github-event-pr-closed" }),
    cwd: () => dirs.prCheckout,
    branch: { ...GH_PR, pullRequestStatus: "CLOSED" },
    commit: "head",
    line: "GitHub Actions: repo acme/app, branch feature/x, PR #7 (CLOSED), commit %s",
  },
  {
    name: "GitHub Actions pull_request merged (state closed, merged true)",
    env: () => ciEnv("github", "pr", { event: "github-event-pr-merged" }),
    cwd: () => dirs.prCheckout,
    branch: { ...GH_PR, pullRequestStatus: "MERGED" },
    commit: "head",
    line: "GitHub Actions: repo acme/app, branch feature/x, PR #7 (MERGED), commit %s",
  },
  {
    name: "GitHub Actions pull_request from a fork (branch link into the fork)",
    env: () => ciEnv("github", "pr", { event: "github-event-pr-fork" }),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "main", branchUrl: "https://github.com/octocat/app/tree/main", pullRequestUrl: `${GH}/pull/7`, pullRequestStatus: "OPEN", pullRequestNumber: "7" },
    commit: "head",
    line: "GitHub Actions: repo acme/app, branch main, PR #7 (OPEN), commit %s",
  },
  {
    name: "GitHub Actions push",
    env: () => ciEnv("github", "push", { event: "github-event-push" }),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, ...NO_PR },
    commit: "push",
    line: "GitHub Actions: repo acme/app, branch feature/x, commit %s",
  },
  {
    name: "GitLab CI merged-results MR (CI_COMMIT_SHA the merge commit, target branch main, global MR id)",
    env: () => ciEnv("gitlab", "mr-merged-result"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "app", branchName: "feature/x", branchUrl: `${GL}/-/tree/feature/x`, pullRequestUrl: `${GL}/-/merge_requests/7`, pullRequestStatus: "OPEN", pullRequestNumber: "7" },
    commit: "head",
    line: "GitLab CI: repo app, branch feature/x, MR !7 (OPEN), commit %s",
  },
  {
    name: "GitLab CI detached MR pipeline (CI_MERGE_REQUEST_SOURCE_BRANCH_SHA empty)",
    env: () => ciEnv("gitlab", "mr-detached"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "app", branchName: "feature/x", branchUrl: `${GL}/-/tree/feature/x`, pullRequestUrl: `${GL}/-/merge_requests/7`, pullRequestStatus: "OPEN", pullRequestNumber: "7" },
    commit: "head",
    line: "GitLab CI: repo app, branch feature/x, MR !7 (OPEN), commit %s",
  },
  {
    name: "GitLab CI push (CI_OPEN_MERGE_REQUESTS set: still no MR fields)",
    env: () => ciEnv("gitlab", "push"),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "app", branchName: "feature/x", branchUrl: `${GL}/-/tree/feature/x`, ...NO_PR },
    commit: "push",
    line: "GitLab CI: repo app, branch feature/x, commit %s",
  },
  {
    name: "Bitbucket Pipelines PR (http:// origin, destination branch main)",
    env: () => ciEnv("bitbucket", "pr"),
    cwd: () => dirs.prCheckout,
    branch: {
      repoName: "acme/app",
      branchName: "feature/x",
      branchUrl: "https://bitbucket.org/acme/app/branch/feature/x",
      pullRequestUrl: "https://bitbucket.org/acme/app/pull-requests/7",
      pullRequestStatus: "OPEN",
      pullRequestNumber: "7",
    },
    commit: "head",
    line: "Bitbucket Pipelines: repo acme/app, branch feature/x, PR #7 (OPEN), commit %s",
  },
  {
    name: "Bitbucket Pipelines push",
    env: () => ciEnv("bitbucket", "push"),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: "https://bitbucket.org/acme/app/branch/feature/x", ...NO_PR },
    commit: "push",
    line: "Bitbucket Pipelines: repo acme/app, branch feature/x, commit %s",
  },
  {
    name: "CircleCI build of a PR's branch (CIRCLE_PULL_REQUEST)",
    env: () => ciEnv("circleci", "pr"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/7`, pullRequestStatus: "OPEN", pullRequestNumber: "7" },
    commit: "head",
    line: "CircleCI: repo acme/app, branch feature/x, PR #7 (OPEN), commit %s",
  },
  {
    name: "CircleCI push",
    env: () => ciEnv("circleci", "push"),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, ...NO_PR },
    commit: "push",
    line: "CircleCI: repo acme/app, branch feature/x, commit %s",
  },
  {
    name: "Buildkite PR (pipeline default branch main)",
    env: () => ciEnv("buildkite", "pr"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/7`, pullRequestStatus: "OPEN", pullRequestNumber: "7" },
    commit: "head",
    line: "Buildkite: repo acme/app, branch feature/x, PR #7 (OPEN), commit %s",
  },
  {
    name: "Buildkite PR from a fork (BUILDKITE_BRANCH octocat:feature/x)",
    env: () => ciEnv("buildkite", "fork-pr"),
    cwd: () => dirs.prCheckout,
    branch: {
      repoName: "acme/app",
      branchName: "feature/x",
      branchUrl: "https://github.com/octocat/app/tree/feature/x",
      pullRequestUrl: `${GH}/pull/8`,
      pullRequestStatus: "OPEN",
      pullRequestNumber: "8",
    },
    commit: "head",
    line: "Buildkite: repo acme/app, branch feature/x, PR #8 (OPEN), commit %s",
  },
  {
    name: "Buildkite push (BUILDKITE_PULL_REQUEST=false)",
    env: () => ciEnv("buildkite", "push"),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, ...NO_PR },
    commit: "push",
    line: "Buildkite: repo acme/app, branch feature/x, commit %s",
  },
  {
    name: "Azure Pipelines PR of a GitHub repository (BUILD_SOURCEBRANCH=refs/pull/5/merge, PR id 1987654321, number 5)",
    env: () => ciEnv("azure", "github-pr"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/5`, pullRequestStatus: "OPEN", pullRequestNumber: "5" },
    commit: "head",
    line: "Azure Pipelines: repo acme/app, branch feature/x, PR #5 (OPEN), commit %s",
  },
  {
    name: "Azure Pipelines PR of an Azure Repos repository (source branch with refs/heads/, credentials in the URI)",
    env: () => ciEnv("azure", "azure-repos-pr"),
    cwd: () => dirs.prCheckout,
    branch: {
      repoName: "app",
      branchName: "feature/x",
      branchUrl: "https://dev.azure.com/acme/data/_git/app?version=GBfeature%2Fx",
      pullRequestUrl: "https://dev.azure.com/acme/data/_git/app/pullrequest/5",
      pullRequestStatus: "OPEN",
      pullRequestNumber: "5",
    },
    commit: "head",
    line: "Azure Pipelines: repo app, branch feature/x, PR #5 (OPEN), commit %s",
  },
  {
    name: "Azure Pipelines push",
    env: () => ciEnv("azure", "push"),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "app", branchName: "feature/x", branchUrl: "https://dev.azure.com/acme/data/_git/app?version=GBfeature%2Fx", ...NO_PR },
    commit: "push",
    line: "Azure Pipelines: repo app, branch feature/x, commit %s",
  },
  {
    name: "Jenkins PR (BRANCH_NAME=PR-5, CHANGE_TARGET main)",
    env: () => ciEnv("jenkins", "pr"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/5`, pullRequestStatus: "OPEN", pullRequestNumber: "5" },
    commit: "head",
    line: "Jenkins: repo acme/app, branch feature/x, PR #5 (OPEN), commit %s",
  },
  {
    name: "Jenkins branch build",
    env: () => ciEnv("jenkins", "push"),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, ...NO_PR },
    commit: "push",
    line: "Jenkins: repo acme/app, branch feature/x, commit %s",
  },
  {
    name: "AWS CodeBuild PR (CODEBUILD_SOURCE_VERSION pr/5)",
    env: () => ciEnv("codebuild", "pr"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/5`, pullRequestStatus: "OPEN", pullRequestNumber: "5" },
    commit: "head",
    line: "AWS CodeBuild: repo acme/app, branch feature/x, PR #5 (OPEN), commit %s",
  },
  {
    name: "AWS CodeBuild PR merged",
    env: () => ciEnv("codebuild", "pr-merged"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/5`, pullRequestStatus: "MERGED", pullRequestNumber: "5" },
    commit: "head",
    line: "AWS CodeBuild: repo acme/app, branch feature/x, PR #5 (MERGED), commit %s",
  },
  {
    name: "AWS CodeBuild PR closed",
    env: () => ciEnv("codebuild", "pr-closed"),
    cwd: () => dirs.prCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/5`, pullRequestStatus: "CLOSED", pullRequestNumber: "5" },
    commit: "head",
    line: "AWS CodeBuild: repo acme/app, branch feature/x, PR #5 (CLOSED), commit %s",
  },
  {
    name: "AWS CodeBuild push",
    env: () => ciEnv("codebuild", "push"),
    cwd: () => dirs.pushCheckout,
    branch: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, ...NO_PR },
    commit: "push",
    line: "AWS CodeBuild: repo acme/app, branch feature/x, commit %s",
  },
];

describe("create-or-update with no flags, in each CI's full environment", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const result = await createOrUpdate(row.env(), row.cwd());
    expectSuccess(result, row.branch.repoName, row.branch.branchName);
    expect(result.stderr).toBe(`${row.line.replace("%s", short(row.commit))}\n`);
    expect(sent()).toEqual(variables(row.branch, commitVars(commits[row.commit])));
  });
});

describe("several providers' markers", () => {
  it("GitHub Actions on a CodeBuild-hosted runner: GitHub wins, with a note", async () => {
    const env = { ...ciEnv("github", "pr", { event: "github-event-pr-synchronize" }), ...ciEnv("codebuild", "push") };
    const result = await createOrUpdate(env, dirs.prCheckout);
    expectSuccess(result, "acme/app", "feature/x");
    expect(result.stderr).toBe(
      "Note: several CI providers detected (GitHub Actions, AWS CodeBuild); using GitHub Actions.\n" +
        `GitHub Actions: repo acme/app, branch feature/x, PR #7 (OPEN), commit ${short("head")}\n`,
    );
    expect(sent()).toEqual(variables(GH_PR, commitVars(commits.head)));
  });
});

describe("the commit's metadata: from git log of that commit, or absent", () => {

  async function expectAbsent(env: Env, cwd: string, branch: Branch, sha: string): Promise<void> {
    const before = Math.floor(Date.now() / 1000);
    const result = await createOrUpdate(env, cwd);
    const after = Math.ceil(Date.now() / 1000);
    expectSuccess(result, branch.repoName, branch.branchName);
    expect(result.stderr).toContain(`Warning: commit ${sha.slice(0, 12)} is not in this checkout`);
    const vars = sent() as ReturnType<typeof variables>;
    expect(vars.commit.timestamp).toBeGreaterThanOrEqual(before);
    expect(vars.commit.timestamp).toBeLessThanOrEqual(after);
    expect(vars).toEqual(
      variables(branch, { commitHash: sha, timestamp: vars.commit.timestamp, ...NO_METADATA }),
    );
  }

  it("GitHub's default checkout (depth 1 at the merge commit): the PR head is absent, time is now, a warning", async () => {
    expect(() => git(dirs.mergeShallow, ["cat-file", "-e", commits.head.sha])).toThrow();
    await expectAbsent(ciEnv("github", "pr", { event: "github-event-pr-synchronize" }), dirs.mergeShallow, GH_PR, commits.head.sha);
  });

  it("a CI commit that is not in the repository at all (the fixture's own hash)", async () => {
    const branch: Branch = { ...GH_PR, branchUrl: "https://bitbucket.org/acme/app/branch/feature/x", pullRequestUrl: "https://bitbucket.org/acme/app/pull-requests/7" };
    await expectAbsent(ciEnv("bitbucket", "pr", { real: false }), dirs.prCheckout, branch, FAKE.head);
  });

  it("a shallow clone that has the commit: its metadata is read", async () => {
    const result = await createOrUpdate(ciEnv("gitlab", "push"), dirs.pushShallow);
    expectSuccess(result, "app", "feature/x");
    expect(result.stderr).toBe(`GitLab CI: repo app, branch feature/x, commit ${short("push")}\n`);
    expect(sent()).toEqual(variables({ repoName: "app", branchName: "feature/x", branchUrl: `${GL}/-/tree/feature/x`, ...NO_PR }, commitVars(commits.push)));
  });

  it("--verbose says where each value came from; stdout is still only the name", async () => {
    const result = await createOrUpdate(ciEnv("github", "pr", { event: "github-event-pr-merged" }), dirs.prCheckout, ["--verbose"]);
    expectSuccess(result, "acme/app", "feature/x");
    const lines = result.stderr.split("\n");
    expect(lines).toContain(`GitHub Actions: repo acme/app, branch feature/x, PR #7 (MERGED), commit ${short("head")}`);
    for (const line of [
      "  repoName from GITHUB_REPOSITORY",
      "  branchName from event pull_request.head.ref",
      "  commitHash from event pull_request.head.sha",
      "  branchUrl from GITHUB_SERVER_URL, event pull_request.head.repo.full_name, event pull_request.head.ref",
      "  pullRequestNumber from event number",
      "  pullRequestUrl from event pull_request.html_url",
      "  pullRequestStatus from event pull_request.merged",
    ]) {
      expect(lines).toContain(line);
    }
  });
});

describe("local git, no CI", () => {
  it.each([
    ["scp-like ssh", "git@github.com:acme/app.git", "acme/app"],
    ["https with a token in it", "https://x-access-token:ghs_notinoutput@github.com/acme/app.git", "acme/app"],
    ["ssh:// with a port and GitLab subgroups", "ssh://git@gitlab.example.com:2222/acme/data/app.git", "acme/data/app"],
  ])("origin %s: owner/repo, the checked-out branch, HEAD's commit", async (_kind, url, repoName) => {
    git(dirs.local, ["remote", "set-url", "origin", url]);
    const result = await createOrUpdate({}, dirs.local, ["--verbose"]);
    expectSuccess(result, repoName, "feature/x");
    expect(result.stdout + result.stderr).not.toContain("ghs_notinoutput");
    const lines = result.stderr.split("\n");
    expect(lines).toContain(`Local git: repo ${repoName}, branch feature/x, commit ${short("push")}`);
    for (const line of ["  repoName from the origin remote", "  branchName from the checked-out branch", "  commitHash from HEAD"]) expect(lines).toContain(line);
    expect(sent()).toEqual(variables({ repoName, branchName: "feature/x", branchUrl: null, ...NO_PR }, commitVars(commits.push)));
  });

  it("a detached HEAD with no CI: usage error naming --branch-name, exit 2, nothing sent", async () => {
    const result = await createOrUpdate({}, dirs.detached);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("--branch-name");
    expect(result.stderr).not.toMatch(/branch HEAD\b/);
    expect(emulator.requests).toEqual([]);
  });

  it("a detached HEAD with --branch-name: the rest from git", async () => {
    const result = await createOrUpdate({}, dirs.detached, ["--branch-name", "feature/x"]);
    expectSuccess(result, "acme/app", "feature/x");
    expect(result.stderr).toBe(`Local git: repo acme/app, commit ${short("push")}\n`);
    expect(sent()).toEqual(variables({ repoName: "acme/app", branchName: "feature/x", branchUrl: null, ...NO_PR }, commitVars(commits.push)));
  });
});

describe("flags win, value by value", () => {
  const ghPr = () => ciEnv("github", "pr", { event: "github-event-pr-synchronize" });

  it("--pull-request-status closed over the event's open state; the rest from the event", async () => {
    const result = await createOrUpdate(ghPr(), dirs.prCheckout, ["--pull-request-status", "closed"]);
    expectSuccess(result, "acme/app", "feature/x");
    expect(sent()).toEqual(variables({ ...GH_PR, pullRequestStatus: "CLOSED" }, commitVars(commits.head)));
  });

  it("--commit-hash over the event's head: that commit's own metadata from git", async () => {
    const result = await createOrUpdate(ghPr(), dirs.prCheckout, ["--commit-hash", commits.push.sha]);
    expectSuccess(result, "acme/app", "feature/x");
    expect(sent()).toEqual(variables(GH_PR, commitVars(commits.push)));
  });

  it("--timestamp and --commit-message over git's; author still from git", async () => {
    const result = await createOrUpdate(ghPr(), dirs.prCheckout, ["--timestamp", "1234567890", "--commit-message", "Given message"]);
    expectSuccess(result, "acme/app", "feature/x");
    expect(sent()).toEqual(variables(GH_PR, { ...commitVars(commits.head), timestamp: 1234567890, commitMessage: "Given message" }));
  });

  it("--branch-name over GitLab's source branch; repository, MR and commit from GitLab", async () => {
    const result = await createOrUpdate(ciEnv("gitlab", "mr-merged-result"), dirs.prCheckout, ["--branch-name", "release/y"]);
    expectSuccess(result, "app", "release/y");
    const vars = sent() as ReturnType<typeof variables>;
    expect(vars.branchData).toMatchObject({ repoName: "app", branchName: "release/y", pullRequestNumber: "7", pullRequestStatus: "OPEN", pullRequestUrl: `${GL}/-/merge_requests/7` });
    expect(vars.commit).toEqual(commitVars(commits.head));
  });

  it("--git-repo-name over Jenkins' GIT_URL; branch and PR from Jenkins", async () => {
    const result = await createOrUpdate(ciEnv("jenkins", "pr"), dirs.prCheckout, ["--git-repo-name", "acme/renamed"]);
    expectSuccess(result, "acme/renamed", "feature/x");
    const vars = sent() as ReturnType<typeof variables>;
    expect(vars.branchData).toMatchObject({ repoName: "acme/renamed", branchName: "feature/x", pullRequestNumber: "5", pullRequestStatus: "OPEN", pullRequestUrl: `${GH}/pull/5` });
    expect(vars.commit).toEqual(commitVars(commits.head));
  });
});

describe("both --git-repo-name and --branch-name: the Python CLI's command line, no CI variable read", () => {
  const ghPr = () => ciEnv("github", "pr", { event: "github-event-pr-synchronize" });

  it("with --commit-hash and --timestamp: exactly those, no PR fields, nothing on stderr", async () => {
    const result = await createOrUpdate(ghPr(), dirs.prCheckout, [
      "--git-repo-name", "acme/other", "--branch-name", "topic", "--commit-hash", "abc1234", "--timestamp", "1700000000",
    ]);
    expect(result).toEqual({ code: 0, stdout: `${nameOf("acme/other", "topic")}\n`, stderr: "" });
    expect(sent()).toEqual(
      variables(
        { repoName: "acme/other", branchName: "topic", branchUrl: null, ...NO_PR },
        { commitHash: "abc1234", timestamp: 1700000000, ...NO_METADATA },
      ),
    );
  });

  it("with --read-git-state: HEAD of the checkout (here the merge commit), as the Python CLI reads it", async () => {
    const result = await createOrUpdate(ghPr(), dirs.prCheckout, ["--git-repo-name", "acme/app", "--branch-name", "feature/x", "--read-git-state"]);
    expect(result).toEqual({ code: 0, stdout: `${nameOf("acme/app", "feature/x")}\n`, stderr: "" });
    expect(sent()).toEqual(variables({ repoName: "acme/app", branchName: "feature/x", branchUrl: null, ...NO_PR }, commitVars(commits.merge)));
  });

  it("without commit flags: the same usage error as before (exit 2), nothing filled from CI, nothing sent", async () => {
    const result = await createOrUpdate(ghPr(), dirs.prCheckout, ["--git-repo-name", "acme/app", "--branch-name", "feature/x"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Missing --commit-hash and --timestamp");
    expect(emulator.requests).toEqual([]);
  });
});

describe("dagster-cloud ci branch-deployment [PROJECT_DIR]", () => {
  const GL_MR: Branch = { repoName: "app", branchName: "feature/x", branchUrl: `${GL}/-/tree/feature/x`, pullRequestUrl: `${GL}/-/merge_requests/7`, pullRequestStatus: "OPEN", pullRequestNumber: "7" };

  it("as Dagster's GitLab template calls it: DAGSTER_CLOUD_URL, PROJECT_DIR elsewhere than the working directory", async () => {
    const env = { ...ciEnv("gitlab", "mr-merged-result"), DAGSTER_CLOUD_URL: emulator.url };
    const result = await run(["ci", "branch-deployment", dirs.prCheckout], env, sandbox.home);
    expectSuccess(result, "app", "feature/x");
    expect(result.stderr).toBe(`GitLab CI: repo app, branch feature/x, MR !7 (OPEN), commit ${short("head")}\n`);
    expect(sent()).toEqual(variables(GL_MR, commitVars(commits.head)));
  });

  it("--mark-closed sends CLOSED (Azure Pipelines)", async () => {
    const result = await run(["ci", "branch-deployment", "--url", emulator.url, "--mark-closed"], ciEnv("azure", "github-pr"), dirs.prCheckout);
    expectSuccess(result, "acme/app", "feature/x");
    expect(sent()).toEqual(
      variables(
        { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/5`, pullRequestStatus: "CLOSED", pullRequestNumber: "5" },
        commitVars(commits.head),
      ),
    );
  });

  it("on local git, with no CI", async () => {
    git(dirs.local, ["remote", "set-url", "origin", "git@github.com:acme/app.git"]);
    const result = await run(["ci", "branch-deployment", "--url", emulator.url], {}, dirs.local);
    expectSuccess(result, "acme/app", "feature/x");
    expect(sent()).toEqual(variables({ repoName: "acme/app", branchName: "feature/x", branchUrl: null, ...NO_PR }, commitVars(commits.push)));
  });

  it("--read-only prints the name and sends no mutation (CircleCI)", async () => {
    const result = await run(["ci", "branch-deployment", "--url", emulator.url, "--read-only"], ciEnv("circleci", "pr"), dirs.prCheckout);
    expectSuccess(result, "acme/app", "feature/x");
    expect(emulator.requests.map((r) => [r.operationName, r.variables])).toEqual([
      ["CliGetBranchDeploymentName", { repoName: "acme/app", branchName: "feature/x" }],
    ]);
  });

  it("--read-only with no branch (detached, no CI): exit 1, empty stdout, never None", async () => {
    const result = await run(["ci", "branch-deployment", "--url", emulator.url, "--read-only"], {}, dirs.detached);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("--branch-name");
    expect(result.stderr).not.toContain("None");
    expect(emulator.requests.filter((r) => r.operationName === MUTATION)).toEqual([]);
  });
});

describe("branch-deployment get and close: identity from the CI context", () => {
  const seed = (status: "OPEN" | "CLOSED" = "OPEN") =>
    seedBranchDeployments(emulator.state, [
      {
        repoName: "acme/app",
        branchName: "feature/x",
        branchUrl: `${GH}/tree/feature/x`,
        pullRequestUrl: `${GH}/pull/5`,
        pullRequestNumber: "5",
        pullRequestStatus: status,
        commits: [{ commitHash: commits.head.sha, timestamp: 1_700_000_100, commitMessage: "Add feature x", authorName: "Fay Feature", authorEmail: "fay@example.com" }],
      },
    ]);

  it("get in a Buildkite PR build: the existing deployment's name, no mutation", async () => {
    seed();
    const result = await run(["branch-deployment", "get", "--url", emulator.url], ciEnv("buildkite", "pr"), dirs.prCheckout);
    expectSuccess(result, "acme/app", "feature/x");
    expect(result.stderr).toBe(`Buildkite: repo acme/app, branch feature/x, PR #7 (OPEN), commit ${short("head")}\n`);
    expect(emulator.requests.map((r) => r.operationName)).toEqual(["CliGetBranchDeploymentName", "CliBranchDeploymentByName"]);
    expect(emulator.requests[0]?.variables).toEqual({ repoName: "acme/app", branchName: "feature/x" });
  });

  it("get in a Jenkins PR build with no deployment yet: exit 4, empty stdout", async () => {
    const result = await run(["branch-deployment", "get", "--url", emulator.url], ciEnv("jenkins", "pr"), dirs.prCheckout);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(emulator.requests[0]?.variables).toEqual({ repoName: "acme/app", branchName: "feature/x" });
  });

  it("close in a Jenkins PR build (BRANCH_NAME=PR-5): re-sends the latest commit, CLOSED", async () => {
    seed();
    const result = await run(["branch-deployment", "close", "--url", emulator.url], ciEnv("jenkins", "pr"), dirs.prCheckout);
    expectSuccess(result, "acme/app", "feature/x");
    expect(emulator.requests.map((r) => r.operationName)).toEqual(["CliGetBranchDeploymentName", "CliBranchDeploymentByName", MUTATION]);
    expect(emulator.requests[0]?.variables).toEqual({ repoName: "acme/app", branchName: "feature/x" });
    expect(emulator.requests[2]?.variables).toEqual({
      branchData: { repoName: "acme/app", branchName: "feature/x", branchUrl: `${GH}/tree/feature/x`, pullRequestUrl: `${GH}/pull/5`, pullRequestStatus: "CLOSED", pullRequestNumber: "5" },
      commit: { ...commitVars(commits.head), timestamp: 1_700_000_100 },
      baseDeploymentName: "prod",
      snapshotBaseCondition: null,
    });
  });

  it("close in a GitHub run for a merged PR, no --status: MERGED, from the event", async () => {
    seed();
    const result = await run(["branch-deployment", "close", "--url", emulator.url], ciEnv("github", "pr", { event: "github-event-pr-merged" }), dirs.prCheckout);
    expectSuccess(result, "acme/app", "feature/x");
    const mutation = emulator.requests.find((r) => r.operationName === MUTATION)?.variables as ReturnType<typeof variables> | undefined;
    expect(mutation?.branchData).toEqual({
      repoName: "acme/app",
      branchName: "feature/x",
      branchUrl: `${GH}/tree/feature/x`,
      pullRequestUrl: `${GH}/pull/5`,
      pullRequestStatus: "MERGED",
      pullRequestNumber: "5",
    });
  });
});
