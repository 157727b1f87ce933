/**
 * What the action needs from GitHub's event file beyond what the CLI reads itself: which event
 * and action, whether a closed pull request was merged, and the head commit and repository for
 * the location's git metadata.
 */
import { readFileSync, statSync } from "node:fs";

/** GitHub caps webhook payloads at 25 MB; the event file is one of them. */
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

export interface PullRequestEvent {
  name: string;
  action: string | undefined;
  merged: boolean;
  headSha: string | undefined;
  /** `owner/repo` of the head branch (a fork's own for a fork's pull request). */
  headRepo: string | undefined;
}

/** The event, or a reason it cannot be read (for the caller's error message). */
export function readEvent(env: Record<string, string | undefined>): PullRequestEvent | string {
  const name = env.GITHUB_EVENT_NAME ?? "";
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return "GITHUB_EVENT_PATH is not set";
  let payload: unknown;
  try {
    if (statSync(path).size > MAX_EVENT_BYTES) return "the event file is larger than 25 MB";
    payload = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return `cannot read the event file (${(error as NodeJS.ErrnoException).code ?? "not JSON"})`;
  }
  const pr = field(payload, "pull_request");
  const head = field(pr, "head");
  const sha = field(head, "sha");
  const repo = field(field(head, "repo"), "full_name");
  const action = field(payload, "action");
  return {
    name,
    action: typeof action === "string" ? action : undefined,
    merged: field(pr, "merged") === true,
    headSha: typeof sha === "string" && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? sha : undefined,
    headRepo: typeof repo === "string" && /^[\w.-]+\/[\w.-]+$/.test(repo) ? repo : undefined,
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
