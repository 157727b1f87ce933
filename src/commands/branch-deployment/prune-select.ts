import type { PullRequestStatus } from "./pr-status.ts";
import type { DeploymentRow } from "./rows.ts";

export interface PruneCriteria {
  /** Select those whose pull request has one of these statuses. */
  statuses: readonly PullRequestStatus[];
  /** Select those whose latest commit is older than this (ms), and its text as given (`30d`). */
  olderThan: { ms: number; text: string } | undefined;
}

/**
 * The rows to delete: PR status in the list, OR latest commit older than the duration. A row with
 * no PR status is selected by age only; one with no commit time, by status only (its age is
 * unknown, and unknown is not old). `rows` are branch deployments only (see `branchRows`).
 */
export function selectForPrune(rows: readonly DeploymentRow[], criteria: PruneCriteria, nowMs: number): DeploymentRow[] {
  const cutoff = criteria.olderThan === undefined ? undefined : nowMs - criteria.olderThan.ms;
  return rows.filter(
    (row) =>
      (row.pullRequestStatus !== null && (criteria.statuses as readonly string[]).includes(row.pullRequestStatus)) ||
      (cutoff !== undefined && row.timestamp !== null && row.timestamp * 1000 < cutoff),
  );
}

/** `pull request closed or merged, or latest commit older than 30d`, for messages. */
export function describeCriteria(criteria: PruneCriteria): string {
  const parts: string[] = [];
  if (criteria.statuses.length > 0) {
    parts.push(`pull request ${criteria.statuses.map((s) => s.toLowerCase()).join(" or ")}`);
  }
  if (criteria.olderThan) parts.push(`latest commit older than ${criteria.olderThan.text}`);
  return parts.join(", or ");
}
