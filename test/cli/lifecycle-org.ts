/**
 * A realistic organization for the lifecycle tests: prod, and branch deployments of three
 * repositories (GitHub and GitLab style), with open, closed and merged pull requests, one branch
 * without a pull request, and latest commits from seven months ago to half an hour ago.
 */
import { createHash } from "node:crypto";
import type { Emulator } from "../../emulator/server.ts";
import { seedBranchDeployments, type BranchDeploymentSeed } from "../../emulator/seed.ts";

/** fakeDeps' clock: 2026-11-27T12:00:00Z. */
export const NOW_MS = Date.parse("2026-11-27T12:00:00Z");
const NOW = NOW_MS / 1000;
const MIN = 60;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const nameOf = (repo: string, branch: string): string => createHash("sha1").update(`${repo}..${branch}`).digest("hex");

const gh = (repo: string, n: number) => `https://github.com/${repo}/pull/${n}`;

/** Keyed by a short label used in the tests. */
export const ORG = {
  ingest: { repoName: "acme/data-platform", branchName: "feature/ingest-v2", pullRequestStatus: "OPEN", pullRequestNumber: "101", pullRequestUrl: gh("acme/data-platform", 101), branchUrl: "https://github.com/acme/data-platform/tree/feature/ingest-v2",
    commits: [
      { commitHash: "1111111111111111111111111111111111111111", timestamp: NOW - 5 * DAY, commitMessage: "Start ingest v2", authorName: "Ada", authorEmail: "ada@acme.test" },
      { commitHash: "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d", timestamp: NOW - 2 * HOUR, commitMessage: "Ingest v2: retries", authorName: "Ada", authorEmail: "ada@acme.test", commitUrl: "https://github.com/acme/data-platform/commit/1a2b3c4d", authorAvatarUrl: "https://avatars.test/ada" },
    ] },
  typo: { repoName: "acme/data-platform", branchName: "fix/typo", pullRequestStatus: "MERGED", pullRequestNumber: "98", pullRequestUrl: gh("acme/data-platform", 98),
    commits: [{ commitHash: "2222222222222222222222222222222222222222", timestamp: NOW - 12 * DAY, commitMessage: "Fix typo", authorName: "Bo" }] },
  spark: { repoName: "acme/data-platform", branchName: "exp/spark", pullRequestStatus: "CLOSED", pullRequestNumber: "77", pullRequestUrl: gh("acme/data-platform", 77),
    commits: [{ commitHash: "3333333333333333333333333333333333333333", timestamp: NOW - 95 * DAY, commitMessage: "Try spark" }] },
  model: { repoName: "acme/ml-models", branchName: "feature/new-model", pullRequestStatus: "OPEN", pullRequestNumber: "12", pullRequestUrl: gh("acme/ml-models", 12),
    commits: [{ commitHash: "4444444444444444444444444444444444444444", timestamp: NOW - 45 * DAY, commitMessage: "New model" }] },
  deps: { repoName: "acme/ml-models", branchName: "chore/deps", pullRequestStatus: "MERGED", pullRequestNumber: "15", pullRequestUrl: gh("acme/ml-models", 15),
    commits: [{ commitHash: "5555555555555555555555555555555555555555", timestamp: NOW - 3 * DAY - 5 * HOUR }] },
  mr: { repoName: "analytics/dbt", branchName: "mr-orders", pullRequestStatus: "OPEN", pullRequestNumber: "7", pullRequestUrl: "https://gitlab.example.com/analytics/dbt/-/merge_requests/7",
    commits: [{ commitHash: "6666666666666666666666666666666666666666", timestamp: NOW - 30 * MIN }] },
  old: { repoName: "analytics/dbt", branchName: "old-branch",
    commits: [{ commitHash: "7777777777777777777777777777777777777777", timestamp: NOW - 210 * DAY }] },
} satisfies Record<string, BranchDeploymentSeed>;

export type Label = keyof typeof ORG;
export const name = (label: Label): string => nameOf(ORG[label].repoName, ORG[label].branchName);

export function seedOrganization(emulator: Emulator): void {
  seedBranchDeployments(emulator.state, Object.values(ORG) as BranchDeploymentSeed[]);
}
