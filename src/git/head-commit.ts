/**
 * Reads the HEAD commit's metadata for `create-or-update --read-git-state`.
 *
 * The Python CLI runs `git log -1 --format=%H%n%ae%n%an%n%cd%n%s --date=unix` in the current
 * directory. We run the same (plus `--no-walk`, so a missing parent in a partial or grafted clone
 * does not matter) through the hardened runner of run-git.ts.
 */
import { commonFailure, gitFailure, otherFailure, shown, type Alternative } from "./git-failure.ts";
import { LOG_SAFETY } from "./git-args.ts";
import { runGit } from "./run-git.ts";

export interface HeadCommit {
  /** Full object name (40 hex digits, or 64 in a SHA-256 repository). */
  commitHash: string;
  authorEmail: string;
  authorName: string;
  /** Committer date, unix seconds. */
  timestamp: number;
  /** The subject (`%s`): the first paragraph of the message on one line, no trailing newline. */
  commitMessage: string;
}

const ALTERNATIVE = "drop --read-git-state and pass --commit-hash and --timestamp instead";

/** `git log` for exactly one commit, five fields one per line. `rev` must be validated by the caller. */
export function logArgs(rev: string): string[] {
  return ["log", "-1", "--no-walk", ...LOG_SAFETY, "--format=%H%n%ae%n%an%n%cd%n%s", "--date=unix", rev, "--"];
}

/**
 * Reads HEAD's metadata in `cwd` (any directory inside the work tree). `env` is this process's
 * environment: only an allowlist of it reaches git, GIT_DIR and friends included.
 * `options.trustedDirectory` names the one foreign-owned work tree to read anyway.
 */
export async function readHeadCommit(
  cwd: string,
  env: Record<string, string | undefined>,
  options: { trustedDirectory?: string } = {},
): Promise<HeadCommit> {
  const run = await runGit(cwd, logArgs("HEAD"), { env, alternative: ALTERNATIVE, ...options });
  if (run.exitCode !== 0) {
    const { dir, stderr } = run;
    throw (
      commonFailure(dir, stderr, ALTERNATIVE, run.trusted) ??
      (/does not have any commits yet|bad (?:default )?revision 'HEAD'|ambiguous argument 'HEAD'/i.test(stderr)
        ? gitFailure(`the git repository at ${shown(dir)} has no commits yet`, "Commit something first", ALTERNATIVE)
        : otherFailure("log", run.exitCode, stderr, ALTERNATIVE))
    );
  }
  return parseLog(run.stdout, ALTERNATIVE);
}

/** The five lines of logArgs' output. */
export function parseLog(stdout: string, alternative: Alternative): HeadCommit {
  // Exactly five lines: hash, email, name, date, subject. Only the final newline is git's; the
  // subject itself may be empty (`--allow-empty-message`), so strip one newline and no more.
  const fields = (stdout.endsWith("\n") ? stdout.slice(0, -1) : stdout).split("\n");
  const [commitHash, authorEmail, authorName, date, commitMessage] = fields;
  if (
    fields.length !== 5 ||
    commitHash === undefined ||
    authorEmail === undefined ||
    authorName === undefined ||
    date === undefined ||
    commitMessage === undefined ||
    !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commitHash) ||
    !/^-?\d+$/.test(date)
  ) {
    throw gitFailure(`unexpected output from git log: ${shown(JSON.stringify(stdout.slice(0, 200)))}`, "Report this as a bug", alternative);
  }
  return { commitHash, authorEmail, authorName, timestamp: Number(date), commitMessage };
}
