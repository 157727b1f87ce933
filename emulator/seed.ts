/**
 * Seeding branch deployments directly into the state, with commits at given times, so a test can
 * start from a realistic organization (repositories, branches, open/closed/merged PRs, commits
 * from months ago to now) without a request per commit. Through `seedBranchDeployments(state, ...)`
 * in process, or `POST /__emulator/branch-deployments` for an emulator running as a process.
 */
import type { CommitData, DeploymentRecord, EmulatorState, PullRequestStatus } from "./state.ts";

export interface BranchDeploymentSeed {
  repoName: string;
  branchName: string;
  branchUrl?: string | null;
  pullRequestUrl?: string | null;
  pullRequestStatus?: PullRequestStatus | null;
  pullRequestNumber?: string | null;
  baseDeploymentName?: string | null;
  /** Oldest first, at least one; the last is the latest commit. */
  commits: (Pick<CommitData, "commitHash" | "timestamp"> & Partial<CommitData>)[];
}

const STATUSES: readonly (PullRequestStatus | null)[] = ["OPEN", "CLOSED", "MERGED", null];
const BRANCH_STRINGS = ["branchUrl", "pullRequestUrl", "pullRequestNumber", "baseDeploymentName"] as const;
const COMMIT_STRINGS = ["commitMessage", "commitUrl", "authorName", "authorEmail", "authorAvatarUrl"] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optionalString = (v: unknown): boolean => v === undefined || v === null || typeof v === "string";

/** Checks seeds from JSON (one or an array). Throws an Error naming every problem. */
export function parseSeeds(body: unknown): BranchDeploymentSeed[] {
  const list = Array.isArray(body) ? body : [body];
  const problems: string[] = [];
  list.forEach((seed, i) => {
    const at = `seed ${i}`;
    if (!isObject(seed)) return void problems.push(`${at}: expected an object`);
    for (const key of ["repoName", "branchName"]) {
      if (typeof seed[key] !== "string" || seed[key] === "") problems.push(`${at}: ${key} must be a non-empty string`);
    }
    for (const key of BRANCH_STRINGS) if (!optionalString(seed[key])) problems.push(`${at}: ${key} must be a string or null`);
    if (seed.pullRequestStatus !== undefined && !STATUSES.includes(seed.pullRequestStatus as PullRequestStatus)) {
      problems.push(`${at}: pullRequestStatus must be OPEN, CLOSED, MERGED or null`);
    }
    if (!Array.isArray(seed.commits) || seed.commits.length === 0) return void problems.push(`${at}: commits must be a non-empty array`);
    seed.commits.forEach((commit: unknown, j) => {
      if (!isObject(commit)) return void problems.push(`${at} commit ${j}: expected an object`);
      if (typeof commit.commitHash !== "string" || commit.commitHash === "") problems.push(`${at} commit ${j}: commitHash must be a non-empty string`);
      if (typeof commit.timestamp !== "number" || !Number.isFinite(commit.timestamp)) problems.push(`${at} commit ${j}: timestamp must be a number (unix seconds)`);
      for (const key of COMMIT_STRINGS) if (!optionalString(commit[key])) problems.push(`${at} commit ${j}: ${key} must be a string or null`);
    });
  });
  if (problems.length > 0) throw new Error(problems.join("; "));
  return list as BranchDeploymentSeed[];
}

/** Creates (or updates) each seed's branch deployment as createOrUpdate calls would, one per commit. */
export function seedBranchDeployments(state: EmulatorState, seeds: readonly BranchDeploymentSeed[]): DeploymentRecord[] {
  return seeds.map((seed) => {
    if (seed.baseDeploymentName && !state.byName(seed.baseDeploymentName)) {
      throw new Error(`baseDeploymentName ${JSON.stringify(seed.baseDeploymentName)} is not a deployment`);
    }
    let record: DeploymentRecord | undefined;
    for (const commit of seed.commits) {
      ({ record } = state.upsertBranchDeployment({
        branchData: {
          repoName: seed.repoName,
          branchName: seed.branchName,
          branchUrl: seed.branchUrl ?? null,
          pullRequestUrl: seed.pullRequestUrl ?? null,
          pullRequestStatus: seed.pullRequestStatus ?? null,
          pullRequestNumber: seed.pullRequestNumber ?? null,
        },
        commit: {
          commitHash: commit.commitHash,
          timestamp: commit.timestamp,
          commitMessage: commit.commitMessage ?? null,
          commitUrl: commit.commitUrl ?? null,
          authorName: commit.authorName ?? null,
          authorEmail: commit.authorEmail ?? null,
          authorAvatarUrl: commit.authorAvatarUrl ?? null,
        },
        baseDeploymentName: seed.baseDeploymentName ?? null,
        snapshotBaseCondition: null,
      }));
    }
    return record!;
  });
}
