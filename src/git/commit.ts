/**
 * `readCommit`: one commit's metadata, or `undefined` when the checkout does not have that commit.
 * CI checkouts are often shallow (depth 1) and GitHub's pull-request checkout is a merge commit whose
 * PR head may be absent, so absence is an answer, not an error. We never fetch.
 */
import { GitError } from "../errors.ts";
import { commonFailure, otherFailure, shown } from "./git-failure.ts";
import { logArgs, parseLog, type HeadCommit } from "./head-commit.ts";
import { runGit, type GitReadOptions } from "./run-git.ts";

export type CommitInfo = HeadCommit;

/** HEAD or a full object name: never anything git could read as an option or a range. */
const REV = /^(?:HEAD|[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * `rev` is "HEAD" or a full lower-case sha. Resolves `undefined` when that commit is not in the
 * repository (or HEAD has no commit yet); throws GitError when the directory is not a usable
 * repository (not one, owned by another user, git missing).
 */
export async function readCommit(cwd: string, rev: string, options: GitReadOptions): Promise<CommitInfo | undefined> {
  if (!REV.test(rev)) {
    throw new GitError(`Cannot read git state: ${JSON.stringify(shown(rev))} is not HEAD or a full commit hash`, {
      hint: "Report this as a bug.",
    });
  }
  // Exit 1 and no output when the object is absent or is not a commit; 128 when git cannot start.
  const check = await runGit(cwd, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], options);
  if (check.exitCode === 1) return undefined;
  if (check.exitCode !== 0) {
    throw commonFailure(check.dir, check.stderr, options.alternative, check.trusted) ?? otherFailure("rev-parse", check.exitCode, check.stderr, options.alternative);
  }
  const sha = check.stdout.trim();
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) throw otherFailure("rev-parse", check.exitCode, `unexpected output ${JSON.stringify(sha.slice(0, 100))}`, options.alternative);
  const log = await runGit(cwd, logArgs(sha), options);
  if (log.exitCode !== 0) throw otherFailure("log", log.exitCode, log.stderr, options.alternative);
  return parseLog(log.stdout, options.alternative);
}
