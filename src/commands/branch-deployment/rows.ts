import { quote } from "../../text.ts";
import type { BranchDeploymentNode } from "../../api/operations/branch-deployments.ts";

/** One branch deployment as the lifecycle commands show it; the keys are `--json`'s. */
export interface DeploymentRow {
  name: string;
  repoName: string | null;
  branchName: string | null;
  pullRequestNumber: string | null;
  /** `OPEN`, `CLOSED`, `MERGED` (or a value the server added since), or null without a PR. */
  pullRequestStatus: string | null;
  pullRequestUrl: string | null;
  commitHash: string | null;
  /** The latest commit's time, unix seconds, as the server gives it. */
  timestamp: number | null;
}

/**
 * The branch deployments among `nodes`, newest latest commit first (then by name, so the order is
 * stable), those without a commit last. Anything whose type is not BRANCH is dropped here, so no
 * lifecycle command can show, select or touch a production deployment.
 */
/**
 * The branch deployments, newest commit first. A name that is not a deployment name (the server's
 * text, printed on stdout and passed to delete) is left out, with `skipped` told why.
 */
export function branchRows(nodes: readonly BranchDeploymentNode[], skipped: (line: string) => void = () => undefined): DeploymentRow[] {
  return nodes
    .filter((node) => node.deploymentType === "BRANCH")
    .filter((node) => {
      if (isDeploymentName(node.deploymentName)) return true;
      skipped(`Warning: left out a branch deployment whose name is not a deployment name: ${quote(node.deploymentName, 60)}.`);
      return false;
    })
    .map(toRow)
    .sort((a, b) => (b.timestamp ?? -Infinity) - (a.timestamp ?? -Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What Dagster+ names deployments: letters, digits, `-` and `_`. Anything else is not printed as one. */
export function isDeploymentName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(name);
}

export function toRow(node: BranchDeploymentNode): DeploymentRow {
  const git = node.branchDeploymentGitMetadata;
  const commit = node.latestCommit;
  return {
    name: node.deploymentName,
    repoName: git?.repoName ?? null,
    branchName: git?.branchName ?? null,
    pullRequestNumber: git?.pullRequestNumber ?? null,
    pullRequestStatus: git?.pullRequestStatus ?? null,
    pullRequestUrl: git?.pullRequestUrl ?? null,
    commitHash: commit?.commitHash ?? null,
    timestamp: commit && Number.isFinite(commit.timestamp) ? commit.timestamp : null,
  };
}

/** Unix seconds as `2026-11-24T12:00:00Z`, or undefined for a time JavaScript cannot represent. */
export function isoTime(seconds: number | null): string | undefined {
  if (seconds === null) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
