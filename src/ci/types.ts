/**
 * What a CI provider tells us about the run, and the shape of a provider's description.
 * The table of providers is in ./providers/index.ts; ./context.ts picks one and validates what it read.
 */

export type PullRequestStatus = "OPEN" | "CLOSED" | "MERGED";

export interface CiPullRequest {
  /** The number people see: GitHub's `#7`, GitLab's project-level `!7` (never the global MR id). */
  number: string;
  url?: string;
  status: PullRequestStatus;
}

export interface CiContext {
  provider: { id: string; name: string };
  repoName?: string;
  /** The source branch: never the target branch, never `HEAD`, never a `refs/pull/...` ref. */
  branchName?: string;
  /** The source branch's head commit: never a merge commit made for the build. */
  commitHash?: string;
  branchUrl?: string;
  /** Absent on a push (not a pull request). */
  pullRequest?: CiPullRequest;
  /** Where each value came from ("GITHUB_HEAD_REF", "event pull_request.head.sha"), for --verbose. */
  sources: Partial<Record<CiField, string>>;
  /** Warnings for stderr: values ignored, and why. */
  notes: string[];
}

export type CiField =
  | "repoName"
  | "branchName"
  | "commitHash"
  | "branchUrl"
  | "pullRequestNumber"
  | "pullRequestUrl"
  | "pullRequestStatus";

/** A value and the place it was read from. */
export interface Sourced {
  value: string;
  source: string;
}

/** What a provider's `read` returns; ./context.ts validates every value before it reaches CiContext. */
export interface ProviderReading {
  repoName?: Sourced;
  branchName?: Sourced;
  commitHash?: Sourced;
  branchUrl?: Sourced;
  pullRequest?: { number: Sourced; url?: Sourced; status: Sourced & { value: PullRequestStatus } };
}

/** What a provider may use: environment values already trimmed and checked, files, and a way to warn. */
export interface ProviderInput {
  /** A variable's value, trimmed; undefined when unset, empty, or unsafe (with a note saying so). */
  get(name: string): Sourced | undefined;
  /** A variable holding a web URL, cleaned by `webUrl`; undefined (with a note) when it is not http(s). */
  url(name: string, options?: { upgradeHttp?: boolean }): Sourced | undefined;
  /** Text (or an integer) from a file such as GitHub's event, checked like an environment value. */
  take(raw: unknown, source: string): Sourced | undefined;
  /** A file's text, or undefined when it does not exist (the injected `Deps.readFile`). */
  readFile(path: string): Promise<string | undefined>;
  note(message: string): void;
}

export type Env = Record<string, string | undefined>;

export interface CiProvider {
  id: string;
  name: string;
  /** How the stderr line names a change request: `PR #7` or `MR !7`. */
  change: { word: "PR" | "MR"; sigil: "#" | "!" };
  /** True when this provider runs the build. Looks only at marker variables. */
  detect(env: Env): boolean;
  read(input: ProviderInput): ProviderReading | Promise<ProviderReading>;
}
