/**
 * `readRepoContext`: what CI context detection needs from the local checkout: the repository name
 * from the `origin` remote, the checked-out branch, and HEAD's commit. Read-only, never fetches.
 */
import { commonFailure, otherFailure } from "./git-failure.ts";
import { readCommit, type CommitInfo } from "./commit.ts";
import { repoNameFromRemoteUrl } from "./remote-url.ts";
import { runGit, type GitReadOptions } from "./run-git.ts";

export interface RepoContext {
  /** `owner/repo` (or `group/sub/repo`) from `remote.origin.url`; undefined without a usable origin. */
  repoName?: string;
  /** The checked-out branch; undefined on a detached HEAD (never the string "HEAD"). */
  branchName?: string;
  /** HEAD's commit; undefined when the branch has no commit yet or HEAD's object is absent. */
  headCommit?: CommitInfo;
}

export async function readRepoContext(cwd: string, options: GitReadOptions): Promise<RepoContext> {
  // First, because it needs a repository: `git config` outside one (or in one git refuses to trust)
  // just finds nothing, which would read as "no origin".
  const head = await runGit(cwd, ["symbolic-ref", "--quiet", "HEAD"], options);
  if (head.exitCode !== 0 && head.exitCode !== 1) {
    throw commonFailure(head.dir, head.stderr, options.alternative, head.trusted) ?? otherFailure("symbolic-ref", head.exitCode, head.stderr, options.alternative);
  }
  // Exit 1: HEAD is detached. A HEAD pointing outside refs/heads/ is not a branch either.
  const ref = head.exitCode === 0 ? head.stdout.replace(/\n$/, "") : "";
  const branchName = ref.startsWith("refs/heads/") && ref.length > "refs/heads/".length ? ref.slice("refs/heads/".length) : undefined;

  // -z: the value exactly, NUL-terminated. Exit 1: no such key.
  const origin = await runGit(cwd, ["config", "-z", "--get", "remote.origin.url"], options);
  if (origin.exitCode !== 0 && origin.exitCode !== 1) throw otherFailure("config", origin.exitCode, origin.stderr, options.alternative);
  const url = origin.exitCode === 0 ? origin.stdout.replace(/\0$/, "") : "";
  const repoName = repoNameFromRemoteUrl(url);

  const headCommit = await readCommit(cwd, "HEAD", options);
  return {
    ...(repoName === undefined ? {} : { repoName }),
    ...(branchName === undefined ? {} : { branchName }),
    ...(headCommit === undefined ? {} : { headCommit }),
  };
}
