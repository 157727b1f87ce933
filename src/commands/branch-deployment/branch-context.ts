/**
 * Where a branch deployment's identity and commit come from when flags do not say: the CI provider's
 * variables (src/ci/), then the local git checkout. Used by create-or-update, get, close and
 * `ci branch-deployment`. Explicit flags always win, value by value (the callers merge).
 */
import { describeContext, detectCiContext } from "../../ci/context.ts";
import type { CiContext } from "../../ci/types.ts";
import type { Deps } from "../../deps.ts";
import { GitError, UsageError } from "../../errors.ts";
import type { HeadCommit } from "../../git/head-commit.ts";
import { oneLine } from "../../text.ts";
import type { BranchFlags, BranchIdentity } from "./branch-flags.ts";

export interface DetectOptions {
  /** The git checkout to read (`ci branch-deployment PROJECT_DIR`); default: the working directory. */
  dir: string;
  /** --git-safe-directory / DAGSTER_CLOUD_GIT_SAFE_DIRECTORY. */
  trustedDirectory: string | undefined;
  verbose: boolean;
}

const LOCAL_GIT = { id: "git", name: "Local git" };

/**
 * The CI context, completed from local git where the CI said nothing; one stderr line says what was
 * found (and, with --verbose, where each value came from).
 */
export async function detectBranch(deps: Deps, options: DetectOptions): Promise<CiContext> {
  const { io } = deps;
  const ci = await detectCiContext(deps.env, deps.readFile);
  const context: CiContext = ci ?? { provider: LOCAL_GIT, sources: {}, notes: [] };
  const git = { trustedDirectory: options.trustedDirectory };
  const needsGit = context.repoName === undefined || context.branchName === undefined || context.commitHash === undefined;
  if (needsGit) {
    try {
      const local = await deps.readRepoContext(options.dir, git);
      fill(context, "repoName", local.repoName, "the origin remote");
      // In CI the checkout's branch is not the source branch (Jenkins' PR-5, a tag pipeline's
      // main): when the CI names none, --branch-name must.
      if (ci === undefined) fill(context, "branchName", local.branchName, "the checked-out branch");
      fill(context, "commitHash", local.headCommit?.commitHash, "HEAD");
    } catch (error) {
      // Without CI context, git is the only source: its error is the answer. In CI, say and go on.
      if (ci === undefined || !(error instanceof GitError)) throw error;
      context.notes.push(`Note: no git checkout to complete the CI context (${oneLine(error.message, 200)}).`);
    }
  }
  for (const note of context.notes) io.err(`${io.style.yellow(oneLine(note, 400))}\n`);
  io.err(`${describeContext(context)}\n`);
  if (options.verbose) {
    for (const [field, source] of Object.entries(context.sources)) io.err(`${io.style.dim(`  ${field} from ${oneLine(source, 200)}`)}\n`);
  }
  return context;
}

function fill(context: CiContext, field: "repoName" | "branchName" | "commitHash", value: string | undefined, source: string): void {
  if (context[field] !== undefined || value === undefined) return;
  context[field] = value;
  context.sources[field] = source;
}

/** `git log -1 <commit>` when the checkout has that commit; else undefined, with a warning. */
export async function commitMetadata(
  deps: Deps,
  options: Pick<DetectOptions, "dir" | "trustedDirectory"> & { timestampGiven: boolean },
  sha: string,
): Promise<HeadCommit | undefined> {
  let commit: HeadCommit | undefined;
  try {
    commit = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha) ? await deps.readCommit(options.dir, sha, { trustedDirectory: options.trustedDirectory }) : undefined;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
  }
  if (commit === undefined) {
    // GitHub's default checkout is a depth-1 merge commit: the PR's head is often not there.
    const time = options.timestampGiven ? "" : "the current time as its time, and ";
    deps.io.err(
      `${deps.io.style.yellow("Warning:")} commit ${oneLine(sha.slice(0, 12))} is not in this checkout: sending ${time}no message or author ` +
        "(fetch it, or pass --timestamp and --commit-message).\n",
    );
  }
  return commit;
}

/** --git-safe-directory, else DAGSTER_CLOUD_GIT_SAFE_DIRECTORY (empty: not set). */
export function trustedDirectory(flag: string | undefined, env: Deps["env"]): string | undefined {
  return flag ?? (env.DAGSTER_CLOUD_GIT_SAFE_DIRECTORY || undefined);
}

/**
 * The repository and branch: those given, else the context's; a usage error naming the flag that
 * would have given one that neither has.
 */
export function requireIdentity(found: CiContext, given: Partial<BranchIdentity> = {}): BranchIdentity {
  const context = { ...found, repoName: given.repoName ?? found.repoName, branchName: given.branchName ?? found.branchName };
  if (context.repoName === undefined) {
    throw new UsageError("Cannot tell the repository: no CI variables name it and the git checkout has no usable origin remote.", {
      hint: "Pass --git-repo-name owner/repo.",
    });
  }
  if (context.branchName === undefined) {
    const why = context.provider.id === LOCAL_GIT.id ? "the git checkout is on a detached HEAD" : `${context.provider.name} names no source branch for this build`;
    throw new UsageError(`Cannot tell the branch: ${why}.`, {
      hint: "Pass --branch-name (a detached checkout has no branch; HEAD is never used as one).",
    });
  }
  return { repoName: context.repoName, branchName: context.branchName };
}

/** The identity, and the pull request's status when a CI context gave one (a GitHub `closed` event). */
export interface ResolvedBranch extends BranchIdentity {
  contextStatus?: "OPEN" | "CLOSED" | "MERGED" | undefined;
}

/** The repository and branch: the flags, completed from the CI context and local git when one is missing. */
export async function resolveIdentity(flags: BranchFlags, deps: Deps, verbose: boolean): Promise<ResolvedBranch> {
  if (flags.repoName !== undefined && flags.branchName !== undefined) return { repoName: flags.repoName, branchName: flags.branchName };
  const context = await detectBranch(deps, { dir: deps.cwd, trustedDirectory: trustedDirectory(flags.gitSafeDirectory, deps.env), verbose });
  return { ...requireIdentity(context, flags), contextStatus: context.pullRequest?.status };
}
