import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeContext, detectCiContext, MAX_VALUE_LENGTH } from "../../src/ci/context.ts";
import { MAX_EVENT_CHARS } from "../../src/ci/providers/github.ts";
import type { CiContext, Env } from "../../src/ci/types.ts";
import { ConfigError } from "../../src/errors.ts";

const fixture = (name: string): Record<string, Env> =>
  JSON.parse(readFileSync(new URL(`../fixtures/ci/${name}.json`, import.meta.url), "utf8")) as Record<string, Env>;
const eventFile = (name: string): string => readFileSync(new URL(`../fixtures/ci/${name}.json`, import.meta.url), "utf8");

const H = "3f2a9c1e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
const B = "b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d";
const EVENT_PATH = "/home/runner/work/_temp/_github_workflow/event.json";
const github = fixture("github");

function files(map: Record<string, string> = {}) {
  return async (path: string) => map[path];
}

describe("detectCiContext: which provider", () => {
  it.each([
    ["no CI at all", { HOME: "/home/dev", PATH: "/usr/bin" }],
    ["CI=true alone (an unknown CI)", { CI: "true" }],
    ["GITHUB_ACTIONS=false", { GITHUB_ACTIONS: "false" }],
    ["an empty JENKINS_URL", { JENKINS_URL: "" }],
  ])("%s: undefined, so the caller reads local git", async (_name, env) => {
    expect(await detectCiContext(env, files())).toBeUndefined();
  });

  it("accepts Azure's TF_BUILD in any case", async () => {
    expect((await detectCiContext({ TF_BUILD: "true" }, files()))?.provider.id).toBe("azure");
  });

  it("prefers GitHub Actions on a CodeBuild-hosted runner, and says so", async () => {
    const env = { ...github.pr, CODEBUILD_BUILD_ID: "runner:1234" };
    const context = await detectCiContext(env, files({ [EVENT_PATH]: eventFile("github-event-pr-synchronize") }));
    expect(context?.provider.id).toBe("github");
    expect(context?.commitHash).toBe(H);
    expect(context?.notes).toEqual(["Note: several CI providers detected (GitHub Actions, AWS CodeBuild); using GitHub Actions."]);
  });
});

describe("detectCiContext: untrusted values", () => {
  const bitbucket = fixture("bitbucket");

  it("trims values", async () => {
    const context = await detectCiContext({ ...bitbucket.push, BITBUCKET_BRANCH: "  feature/x \n" }, files());
    expect(context?.branchName).toBe("feature/x");
  });

  it.each([
    ["control characters", "feature/\u001b[31mx", "Warning: ignoring BITBUCKET_BRANCH: it contains control characters."],
    ["a bidi override", "feature/\u202ex", "Warning: ignoring BITBUCKET_BRANCH: it contains control characters."],
    ["too long", "b".repeat(MAX_VALUE_LENGTH + 1), `Warning: ignoring BITBUCKET_BRANCH: it is longer than ${MAX_VALUE_LENGTH} characters.`],
    ["HEAD", "HEAD", 'Warning: ignoring BITBUCKET_BRANCH "HEAD": not a branch name.'],
    ["a merge ref", "refs/pull/5/merge", 'Warning: ignoring BITBUCKET_BRANCH "refs/pull/5/merge": not a branch name.'],
  ])("a branch with %s is ignored with a note", async (_name, branch, note) => {
    const context = await detectCiContext({ ...bitbucket.pr, BITBUCKET_BRANCH: branch }, files());
    expect(context?.branchName).toBeUndefined();
    expect(context?.branchUrl).toBeUndefined();
    expect(context?.notes).toEqual([note]);
  });

  it("a value that is not a commit hash is ignored with a note", async () => {
    const context = await detectCiContext({ ...bitbucket.push, BITBUCKET_COMMIT: "not-a-sha" }, files());
    expect(context?.commitHash).toBeUndefined();
    expect(context?.notes).toEqual(['Warning: ignoring BITBUCKET_COMMIT "not-a-sha": not a commit hash.']);
  });

  it("a PR id that is not a number drops the pull request, with a note", async () => {
    const context = await detectCiContext({ ...bitbucket.pr, BITBUCKET_PR_ID: "7; rm -rf /" }, files());
    expect(context?.pullRequest).toBeUndefined();
    expect(context?.notes).toEqual(['Warning: ignoring BITBUCKET_PR_ID "7; rm -rf /": not a pull request number.']);
  });

  it("a project URL that is not http(s) gives no links, with a note", async () => {
    const gitlab = fixture("gitlab");
    const env = { ...gitlab.push, CI_PROJECT_URL: "javascript:alert(1)" };
    const context = await detectCiContext(env, files());
    expect(context?.branchUrl).toBeUndefined();
    expect(context?.notes).toEqual(["Warning: ignoring CI_PROJECT_URL: not an http(s) URL."]);
  });

  it("credentials in a git URL never reach the context", async () => {
    const jenkins = fixture("jenkins");
    const env = { ...jenkins.push, GIT_URL: "https://jenkins:ghp_s3cr3tT0ken@github.com/acme/app.git" };
    const context = await detectCiContext(env, files());
    expect(context?.repoName).toBe("acme/app");
    expect(JSON.stringify(context)).not.toContain("ghp_s3cr3tT0ken");
  });
});

describe("detectCiContext: traps", () => {
  it("GitHub pull_request_target: GITHUB_SHA and GITHUB_REF_NAME are the base branch's, never used", async () => {
    const env = { ...github.pr, GITHUB_EVENT_NAME: "pull_request_target", GITHUB_REF: "refs/heads/main", GITHUB_REF_NAME: "main", GITHUB_SHA: B };
    const context = await detectCiContext(env, files({ [EVENT_PATH]: eventFile("github-event-pr-synchronize") }));
    expect([context?.branchName, context?.commitHash]).toEqual(["feature/x", H]);
  });

  it("GitHub push of a tag: the tag is not a branch", async () => {
    const env = { ...github.push, GITHUB_REF: "refs/tags/v1.0.0", GITHUB_REF_NAME: "v1.0.0", GITHUB_REF_TYPE: "tag" };
    const context = await detectCiContext(env, files({ [EVENT_PATH]: eventFile("github-event-push") }));
    expect(context?.branchName).toBeUndefined();
  });

  it("GitHub: a pull request whose state is neither open nor closed is dropped, with a note", async () => {
    const event = JSON.parse(eventFile("github-event-pr-synchronize")) as { pull_request: { state: string } };
    event.pull_request.state = "draft";
    const context = await detectCiContext(github.pr ?? {}, files({ [EVENT_PATH]: JSON.stringify(event) }));
    expect(context?.pullRequest).toBeUndefined();
    expect(context?.branchName).toBe("feature/x");
    expect(context?.notes).toEqual(["Warning: ignoring the event's pull request: its state is neither open nor closed."]);
  });

  it("Azure PR build without SYSTEM_PULLREQUEST_SOURCECOMMITID: no commit rather than the merge commit", async () => {
    const { SYSTEM_PULLREQUEST_SOURCECOMMITID: _, ...env } = fixture("azure")["azure-repos-pr"] ?? {};
    const context = await detectCiContext(env, files());
    expect(context?.commitHash).toBeUndefined();
    expect(context?.branchName).toBe("feature/x");
    expect(context?.notes).toEqual([
      "Warning: no SYSTEM_PULLREQUEST_SOURCECOMMITID in this PR build; BUILD_SOURCEVERSION is a merge commit, so it is not used.",
    ]);
  });

  it("Jenkins PR build without CHANGE_BRANCH: no branch rather than PR-5", async () => {
    const { CHANGE_BRANCH: _, ...env } = fixture("jenkins").pr ?? {};
    const context = await detectCiContext(env, files());
    expect(context?.branchName).toBeUndefined();
    expect(context?.pullRequest?.number).toBe("5");
  });

  it("Buildkite fork branch whose bare name is the base branch keeps its prefix, without a link", async () => {
    const env = { ...fixture("buildkite")["fork-pr"], BUILDKITE_BRANCH: "octocat:main" };
    const context = await detectCiContext(env, files());
    expect(context?.branchName).toBe("octocat:main");
    expect(context?.branchUrl).toBeUndefined();
    expect(context?.notes).toEqual(['Note: keeping the fork branch name "octocat:main": without its owner prefix it is the base branch.']);
  });

  it("Buildkite manual build (BUILDKITE_COMMIT=HEAD): no commit", async () => {
    const env = { ...fixture("buildkite").push, BUILDKITE_COMMIT: "HEAD" };
    const context = await detectCiContext(env, files());
    expect(context?.commitHash).toBeUndefined();
    expect(context?.notes).toEqual(['Warning: ignoring BUILDKITE_COMMIT "HEAD": not a commit hash.']);
  });

  it("CodeBuild started by hand (no webhook variables): no branch, no PR", async () => {
    const env = Object.fromEntries(Object.entries(fixture("codebuild").pr ?? {}).filter(([name]) => !name.startsWith("CODEBUILD_WEBHOOK_")));
    const context = await detectCiContext(env, files());
    expect([context?.branchName, context?.pullRequest, context?.commitHash]).toEqual([undefined, undefined, H]);
  });
});

describe("detectCiContext: the GitHub event file", () => {
  it.each<[string, Env, Record<string, string>, RegExp]>([
    ["GITHUB_EVENT_PATH unset", { ...github.pr, GITHUB_EVENT_PATH: undefined }, {}, /GITHUB_EVENT_PATH is not set/],
    ["the file missing", github.pr ?? {}, {}, /event\.json" does not exist/],
    ["not JSON", github.pr ?? {}, { [EVENT_PATH]: "{ nope" }, /is not valid JSON/],
    ["no pull_request in it", github.pr ?? {}, { [EVENT_PATH]: eventFile("github-event-push") }, /it has no pull_request/],
    ["larger than 25 MB", github.pr ?? {}, { [EVENT_PATH]: " ".repeat(MAX_EVENT_CHARS + 1) }, /is larger than 25 MB/],
  ])("in a pull_request run, %s is an error naming the way out", async (_name, env, map, message) => {
    const error = await detectCiContext(env, files(map)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).hint).toMatch(/--commit-hash/);
  });

  it("a read error is reported with its code", async () => {
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    const error = await detectCiContext(github.pr ?? {}, () => Promise.reject(denied)).catch((e: unknown) => e);
    expect((error as ConfigError).message).toBe(`Cannot read the GitHub event file (GITHUB_EVENT_PATH): cannot read "${EVENT_PATH}" (EACCES).`);
  });

  it("in a push run, a broken event file is only a warning: the variables are right", async () => {
    const context = await detectCiContext(github.push ?? {}, files({ [EVENT_PATH]: "{ nope" }));
    expect(context?.branchName).toBe("feature/x");
    expect(context?.notes).toEqual([`Warning: ignoring the GitHub event file (GITHUB_EVENT_PATH): "${EVENT_PATH}" is not valid JSON.`]);
  });
});

describe("describeContext", () => {
  const base = { sources: {}, notes: [] };
  it.each<[CiContext, string]>([
    [
      { ...base, provider: { id: "gitlab", name: "GitLab CI" }, repoName: "app", branchName: "feature/x", commitHash: H, pullRequest: { number: "7", status: "OPEN" } },
      "GitLab CI: repo app, branch feature/x, MR !7 (OPEN), commit 3f2a9c1",
    ],
    [
      { ...base, provider: { id: "github", name: "GitHub Actions" }, repoName: "acme/app", branchName: "feature/x", commitHash: H, pullRequest: { number: "7", status: "MERGED" } },
      "GitHub Actions: repo acme/app, branch feature/x, PR #7 (MERGED), commit 3f2a9c1",
    ],
    [{ ...base, provider: { id: "jenkins", name: "Jenkins" }, branchName: "main" }, "Jenkins: branch main"],
    [{ ...base, provider: { id: "codebuild", name: "AWS CodeBuild" } }, "AWS CodeBuild: no repository, branch or commit found"],
    [{ ...base, provider: { id: "buildkite", name: "Buildkite" }, branchName: "x\u001b[2Jy" }, "Buildkite: branch x\\e[2Jy"],
  ])("%#", (context, line) => {
    expect(describeContext(context)).toBe(line);
  });
});
