import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectCiContext } from "../../src/ci/context.ts";
import type { CiContext, Env } from "../../src/ci/types.ts";

// Each fixture is a provider's full environment in a real run, traps included (merge commits,
// merge refs, target branches, global MR ids, `PR-5` job names).
const fixture = (name: string): Record<string, Env> =>
  JSON.parse(readFileSync(new URL(`../fixtures/ci/${name}.json`, import.meta.url), "utf8")) as Record<string, Env>;
const eventFile = (name: string): string => readFileSync(new URL(`../fixtures/ci/${name}.json`, import.meta.url), "utf8");

const H = "3f2a9c1e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"; // the PR's head commit
const P = "5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7"; // a pushed commit
const EVENT_PATH = "/home/runner/work/_temp/_github_workflow/event.json";

async function detect(env: Env | undefined, files: Record<string, string> = {}): Promise<CiContext | undefined> {
  if (env === undefined) throw new Error("no such fixture");
  return detectCiContext(env, async (path) => files[path]);
}

const github = fixture("github");
const gitlab = fixture("gitlab");
const bitbucket = fixture("bitbucket");
const circleci = fixture("circleci");
const buildkite = fixture("buildkite");
const azure = fixture("azure");
const jenkins = fixture("jenkins");
const codebuild = fixture("codebuild");

const GH_PR_SOURCES = {
  repoName: "GITHUB_REPOSITORY",
  branchName: "event pull_request.head.ref",
  commitHash: "event pull_request.head.sha",
  branchUrl: "GITHUB_SERVER_URL, event pull_request.head.repo.full_name, event pull_request.head.ref",
  pullRequestNumber: "event number",
  pullRequestUrl: "event pull_request.html_url",
};

describe("detectCiContext: each provider's real environment", () => {
  it.each<[string, Env | undefined, Record<string, string>, Omit<CiContext, "notes">]>([
    [
      "GitHub pull_request (GITHUB_SHA is the merge commit, GITHUB_REF refs/pull/7/merge)",
      github.pr,
      { [EVENT_PATH]: eventFile("github-event-pr-synchronize") },
      {
        provider: { id: "github", name: "GitHub Actions" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        pullRequest: { number: "7", url: "https://github.com/acme/app/pull/7", status: "OPEN" },
        sources: { ...GH_PR_SOURCES, pullRequestStatus: "event pull_request.state" },
      },
    ],
    [
      "GitHub pull_request closed",
      github.pr,
      { [EVENT_PATH]: eventFile("github-event-pr-closed") },
      {
        provider: { id: "github", name: "GitHub Actions" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        pullRequest: { number: "7", url: "https://github.com/acme/app/pull/7", status: "CLOSED" },
        sources: { ...GH_PR_SOURCES, pullRequestStatus: "event pull_request.state" },
      },
    ],
    [
      "GitHub pull_request merged",
      github.pr,
      { [EVENT_PATH]: eventFile("github-event-pr-merged") },
      {
        provider: { id: "github", name: "GitHub Actions" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        pullRequest: { number: "7", url: "https://github.com/acme/app/pull/7", status: "MERGED" },
        sources: { ...GH_PR_SOURCES, pullRequestStatus: "event pull_request.merged" },
      },
    ],
    [
      "GitHub pull_request from a fork: the branch URL points at the fork",
      github.pr,
      { [EVENT_PATH]: eventFile("github-event-pr-fork") },
      {
        provider: { id: "github", name: "GitHub Actions" },
        repoName: "acme/app",
        branchName: "main",
        commitHash: H,
        branchUrl: "https://github.com/octocat/app/tree/main",
        pullRequest: { number: "7", url: "https://github.com/acme/app/pull/7", status: "OPEN" },
        sources: { ...GH_PR_SOURCES, pullRequestStatus: "event pull_request.state" },
      },
    ],
    [
      "GitHub push: no PR fields",
      github.push,
      { [EVENT_PATH]: eventFile("github-event-push") },
      {
        provider: { id: "github", name: "GitHub Actions" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        sources: {
          repoName: "GITHUB_REPOSITORY",
          branchName: "GITHUB_REF_NAME",
          commitHash: "GITHUB_SHA",
          branchUrl: "GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_REF_NAME",
        },
      },
    ],
    [
      "GitLab merged-results MR pipeline (CI_COMMIT_SHA is the merge commit; MR id is global, IID is 7)",
      gitlab["mr-merged-result"],
      {},
      {
        provider: { id: "gitlab", name: "GitLab CI" },
        repoName: "app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://gitlab.com/acme/data/app/-/tree/feature/x",
        pullRequest: { number: "7", url: "https://gitlab.com/acme/data/app/-/merge_requests/7", status: "OPEN" },
        sources: {
          repoName: "CI_PROJECT_NAME",
          branchName: "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
          commitHash: "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA",
          branchUrl: "CI_MERGE_REQUEST_SOURCE_PROJECT_URL, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
          pullRequestNumber: "CI_MERGE_REQUEST_IID",
          pullRequestUrl: "CI_MERGE_REQUEST_PROJECT_URL, CI_MERGE_REQUEST_IID",
          pullRequestStatus: "open merge request pipeline",
        },
      },
    ],
    [
      "GitLab detached MR pipeline (CI_MERGE_REQUEST_SOURCE_BRANCH_SHA empty)",
      gitlab["mr-detached"],
      {},
      {
        provider: { id: "gitlab", name: "GitLab CI" },
        repoName: "app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://gitlab.com/acme/data/app/-/tree/feature/x",
        pullRequest: { number: "7", url: "https://gitlab.com/acme/data/app/-/merge_requests/7", status: "OPEN" },
        sources: {
          repoName: "CI_PROJECT_NAME",
          branchName: "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
          commitHash: "CI_COMMIT_SHA",
          branchUrl: "CI_MERGE_REQUEST_SOURCE_PROJECT_URL, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
          pullRequestNumber: "CI_MERGE_REQUEST_IID",
          pullRequestUrl: "CI_MERGE_REQUEST_PROJECT_URL, CI_MERGE_REQUEST_IID",
          pullRequestStatus: "open merge request pipeline",
        },
      },
    ],
    [
      "GitLab push",
      gitlab.push,
      {},
      {
        provider: { id: "gitlab", name: "GitLab CI" },
        repoName: "app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://gitlab.com/acme/data/app/-/tree/feature/x",
        sources: { repoName: "CI_PROJECT_NAME", branchName: "CI_COMMIT_REF_NAME", commitHash: "CI_COMMIT_SHA", branchUrl: "CI_PROJECT_URL, CI_COMMIT_REF_NAME" },
      },
    ],
    [
      "GitLab tag pipeline: the tag is not a branch",
      gitlab.tag,
      {},
      { provider: { id: "gitlab", name: "GitLab CI" }, repoName: "app", commitHash: P, sources: { repoName: "CI_PROJECT_NAME", commitHash: "CI_COMMIT_SHA" } },
    ],
    [
      "Bitbucket PR pipeline (http origin upgraded to https)",
      bitbucket.pr,
      {},
      {
        provider: { id: "bitbucket", name: "Bitbucket Pipelines" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://bitbucket.org/acme/app/branch/feature/x",
        pullRequest: { number: "7", url: "https://bitbucket.org/acme/app/pull-requests/7", status: "OPEN" },
        sources: {
          repoName: "BITBUCKET_REPO_FULL_NAME",
          branchName: "BITBUCKET_BRANCH",
          commitHash: "BITBUCKET_COMMIT",
          branchUrl: "BITBUCKET_GIT_HTTP_ORIGIN, BITBUCKET_BRANCH",
          pullRequestNumber: "BITBUCKET_PR_ID",
          pullRequestUrl: "BITBUCKET_GIT_HTTP_ORIGIN, BITBUCKET_PR_ID",
          pullRequestStatus: "pull-request pipeline",
        },
      },
    ],
    [
      "Bitbucket push",
      bitbucket.push,
      {},
      {
        provider: { id: "bitbucket", name: "Bitbucket Pipelines" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://bitbucket.org/acme/app/branch/feature/x",
        sources: { repoName: "BITBUCKET_REPO_FULL_NAME", branchName: "BITBUCKET_BRANCH", commitHash: "BITBUCKET_COMMIT", branchUrl: "BITBUCKET_GIT_HTTP_ORIGIN, BITBUCKET_BRANCH" },
      },
    ],
    [
      "CircleCI PR build",
      circleci.pr,
      {},
      {
        provider: { id: "circleci", name: "CircleCI" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        pullRequest: { number: "7", url: "https://github.com/acme/app/pull/7", status: "OPEN" },
        sources: {
          repoName: "CIRCLE_PROJECT_USERNAME/CIRCLE_PROJECT_REPONAME",
          branchName: "CIRCLE_BRANCH",
          commitHash: "CIRCLE_SHA1",
          branchUrl: "CIRCLE_REPOSITORY_URL, CIRCLE_BRANCH",
          pullRequestNumber: "CIRCLE_PULL_REQUEST",
          pullRequestUrl: "CIRCLE_PULL_REQUEST",
          pullRequestStatus: "build of an open pull request",
        },
      },
    ],
    [
      "CircleCI push",
      circleci.push,
      {},
      {
        provider: { id: "circleci", name: "CircleCI" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        sources: {
          repoName: "CIRCLE_PROJECT_USERNAME/CIRCLE_PROJECT_REPONAME",
          branchName: "CIRCLE_BRANCH",
          commitHash: "CIRCLE_SHA1",
          branchUrl: "CIRCLE_REPOSITORY_URL, CIRCLE_BRANCH",
        },
      },
    ],
    [
      "CircleCI GitLab integration (no CIRCLE_PROJECT_* nor CIRCLE_PULL_REQUEST): repo from CIRCLE_REPOSITORY_URL",
      circleci["gitlab-integration"],
      {},
      {
        provider: { id: "circleci", name: "CircleCI" },
        repoName: "acme/data/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://gitlab.com/acme/data/app/-/tree/feature/x",
        sources: { repoName: "CIRCLE_REPOSITORY_URL", branchName: "CIRCLE_BRANCH", commitHash: "CIRCLE_SHA1", branchUrl: "CIRCLE_REPOSITORY_URL, CIRCLE_BRANCH" },
      },
    ],
    [
      "Buildkite PR build",
      buildkite.pr,
      {},
      {
        provider: { id: "buildkite", name: "Buildkite" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        pullRequest: { number: "7", url: "https://github.com/acme/app/pull/7", status: "OPEN" },
        sources: {
          repoName: "BUILDKITE_REPO",
          branchName: "BUILDKITE_BRANCH",
          commitHash: "BUILDKITE_COMMIT",
          branchUrl: "BUILDKITE_REPO, BUILDKITE_BRANCH",
          pullRequestNumber: "BUILDKITE_PULL_REQUEST",
          pullRequestUrl: "BUILDKITE_REPO, BUILDKITE_PULL_REQUEST",
          pullRequestStatus: "pull request build",
        },
      },
    ],
    [
      "Buildkite PR from a fork (BUILDKITE_BRANCH octocat:feature/x)",
      buildkite["fork-pr"],
      {},
      {
        provider: { id: "buildkite", name: "Buildkite" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/octocat/app/tree/feature/x",
        pullRequest: { number: "8", url: "https://github.com/acme/app/pull/8", status: "OPEN" },
        sources: {
          repoName: "BUILDKITE_REPO",
          branchName: "BUILDKITE_BRANCH (fork owner prefix removed)",
          commitHash: "BUILDKITE_COMMIT",
          branchUrl: "BUILDKITE_PULL_REQUEST_REPO, BUILDKITE_BRANCH (fork owner prefix removed)",
          pullRequestNumber: "BUILDKITE_PULL_REQUEST",
          pullRequestUrl: "BUILDKITE_REPO, BUILDKITE_PULL_REQUEST",
          pullRequestStatus: "pull request build",
        },
      },
    ],
    [
      "Buildkite push (BUILDKITE_PULL_REQUEST=false)",
      buildkite.push,
      {},
      {
        provider: { id: "buildkite", name: "Buildkite" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        sources: { repoName: "BUILDKITE_REPO", branchName: "BUILDKITE_BRANCH", commitHash: "BUILDKITE_COMMIT", branchUrl: "BUILDKITE_REPO, BUILDKITE_BRANCH" },
      },
    ],
    [
      "Azure Repos PR (BUILD_SOURCEBRANCH refs/pull/5/merge; source branch with refs/heads/)",
      azure["azure-repos-pr"],
      {},
      {
        provider: { id: "azure", name: "Azure Pipelines" },
        repoName: "app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://dev.azure.com/acme/data/_git/app?version=GBfeature%2Fx",
        pullRequest: { number: "5", url: "https://dev.azure.com/acme/data/_git/app/pullrequest/5", status: "OPEN" },
        sources: {
          repoName: "BUILD_REPOSITORY_NAME",
          branchName: "SYSTEM_PULLREQUEST_SOURCEBRANCH",
          commitHash: "SYSTEM_PULLREQUEST_SOURCECOMMITID",
          branchUrl: "BUILD_REPOSITORY_URI, SYSTEM_PULLREQUEST_SOURCEBRANCH",
          pullRequestNumber: "SYSTEM_PULLREQUEST_PULLREQUESTID",
          pullRequestUrl: "BUILD_REPOSITORY_URI, SYSTEM_PULLREQUEST_PULLREQUESTID",
          pullRequestStatus: "pull request build",
        },
      },
    ],
    [
      "Azure GitHub PR (source branch without refs/heads/; PR number, not id)",
      azure["github-pr"],
      {},
      {
        provider: { id: "azure", name: "Azure Pipelines" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        pullRequest: { number: "5", url: "https://github.com/acme/app/pull/5", status: "OPEN" },
        sources: {
          repoName: "BUILD_REPOSITORY_NAME",
          branchName: "SYSTEM_PULLREQUEST_SOURCEBRANCH",
          commitHash: "SYSTEM_PULLREQUEST_SOURCECOMMITID",
          branchUrl: "BUILD_REPOSITORY_URI, SYSTEM_PULLREQUEST_SOURCEBRANCH",
          pullRequestNumber: "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER",
          pullRequestUrl: "BUILD_REPOSITORY_URI, SYSTEM_PULLREQUEST_PULLREQUESTNUMBER",
          pullRequestStatus: "pull request build",
        },
      },
    ],
    [
      "Azure push",
      azure.push,
      {},
      {
        provider: { id: "azure", name: "Azure Pipelines" },
        repoName: "app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://dev.azure.com/acme/data/_git/app?version=GBfeature%2Fx",
        sources: { repoName: "BUILD_REPOSITORY_NAME", branchName: "BUILD_SOURCEBRANCH", commitHash: "BUILD_SOURCEVERSION", branchUrl: "BUILD_REPOSITORY_URI, BUILD_SOURCEBRANCH" },
      },
    ],
    [
      "Jenkins PR (BRANCH_NAME is PR-5)",
      jenkins.pr,
      {},
      {
        provider: { id: "jenkins", name: "Jenkins" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: H,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        pullRequest: { number: "5", url: "https://github.com/acme/app/pull/5", status: "OPEN" },
        sources: {
          repoName: "GIT_URL",
          branchName: "CHANGE_BRANCH",
          commitHash: "GIT_COMMIT",
          branchUrl: "GIT_URL, CHANGE_BRANCH",
          pullRequestNumber: "CHANGE_ID",
          pullRequestUrl: "CHANGE_URL",
          pullRequestStatus: "change request build",
        },
      },
    ],
    [
      "Jenkins branch build",
      jenkins.push,
      {},
      {
        provider: { id: "jenkins", name: "Jenkins" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        sources: { repoName: "GIT_URL", branchName: "BRANCH_NAME", commitHash: "GIT_COMMIT", branchUrl: "GIT_URL, BRANCH_NAME" },
      },
    ],
    ...(["pr", "pr-merged", "pr-closed"] as const).map(
      (scenario): [string, Env | undefined, Record<string, string>, Omit<CiContext, "notes">] => [
        `CodeBuild ${scenario} (CODEBUILD_SOURCE_VERSION is pr/5)`,
        codebuild[scenario],
        {},
        {
          provider: { id: "codebuild", name: "AWS CodeBuild" },
          repoName: "acme/app",
          branchName: "feature/x",
          commitHash: H,
          branchUrl: "https://github.com/acme/app/tree/feature/x",
          pullRequest: {
            number: "5",
            url: "https://github.com/acme/app/pull/5",
            status: ({ pr: "OPEN", "pr-merged": "MERGED", "pr-closed": "CLOSED" } as const)[scenario],
          },
          sources: {
            repoName: "CODEBUILD_SOURCE_REPO_URL",
            branchName: "CODEBUILD_WEBHOOK_HEAD_REF",
            commitHash: "CODEBUILD_RESOLVED_SOURCE_VERSION",
            branchUrl: "CODEBUILD_SOURCE_REPO_URL, CODEBUILD_WEBHOOK_HEAD_REF",
            pullRequestNumber: "CODEBUILD_WEBHOOK_TRIGGER",
            pullRequestUrl: "CODEBUILD_SOURCE_REPO_URL, CODEBUILD_WEBHOOK_TRIGGER",
            pullRequestStatus: "CODEBUILD_WEBHOOK_EVENT",
          },
        },
      ],
    ),
    [
      "CodeBuild push",
      codebuild.push,
      {},
      {
        provider: { id: "codebuild", name: "AWS CodeBuild" },
        repoName: "acme/app",
        branchName: "feature/x",
        commitHash: P,
        branchUrl: "https://github.com/acme/app/tree/feature/x",
        sources: {
          repoName: "CODEBUILD_SOURCE_REPO_URL",
          branchName: "CODEBUILD_WEBHOOK_HEAD_REF",
          commitHash: "CODEBUILD_RESOLVED_SOURCE_VERSION",
          branchUrl: "CODEBUILD_SOURCE_REPO_URL, CODEBUILD_WEBHOOK_HEAD_REF",
        },
      },
    ],
  ])("%s", async (_name, env, files, expected) => {
    expect(await detect(env, files)).toStrictEqual({ ...expected, notes: [] });
  });
});
