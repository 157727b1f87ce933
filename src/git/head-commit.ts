/**
 * Reads the HEAD commit's metadata for `create-or-update --read-git-state`.
 *
 * The Python CLI runs `git log -1 --format=%H%n%ae%n%an%n%cd%n%s --date=unix` in the current
 * directory. We run the same command through simple-git, which is imported lazily so that merely
 * importing this module costs nothing at start-up.
 */
import { resolve } from "node:path";
import type { SimpleGitOptions } from "simple-git";
import { GitError } from "../errors.ts";

export interface HeadCommit {
  /** Full object name of HEAD (40 hex digits, or 64 in a SHA-256 repository). */
  commitHash: string;
  authorEmail: string;
  authorName: string;
  /** Committer date, unix seconds. */
  timestamp: number;
  /** The subject (`%s`): the first paragraph of the message on one line, no trailing newline. */
  commitMessage: string;
}

/** What we ask git for, exactly as the Python CLI does. Five fields, one per line. */
const LOG_ARGS = [
  "log",
  "-1",
  // `log.showSignature=true` in a user's config would mix gpg output into stdout.
  "--no-show-signature",
  "--format=%H%n%ae%n%an%n%cd%n%s",
  "--date=unix",
];

/**
 * simple-git refuses to run when the child's environment holds variables such as EDITOR, PAGER,
 * GIT_ASKPASS, GIT_SSH_COMMAND, GIT_CONFIG_GLOBAL or GIT_CONFIG_COUNT/KEY_n (CI runners and IDE
 * terminals set these routinely), and refuses some `-c` keys. Those checks protect callers that
 * splice untrusted input into git arguments; our arguments are constants and the environment is the
 * user's own, so we allow them all. `Required<...>` makes a simple-git upgrade that adds a category
 * fail type-checking here rather than fail at run time on someone's CI.
 */
const ALLOW_ALL: Required<NonNullable<SimpleGitOptions["unsafe"]>> = {
  allowUnsafeAlias: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeEditor: true,
  allowUnsafeMergeDriver: true,
  allowUnsafePager: true,
  allowUnsafeProtocolOverride: true,
  allowUnsafePack: true,
  allowUnsafeSshCommand: true,
  allowUnsafeGitProxy: true,
  allowUnsafeHooksPath: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeDiffTextConv: true,
  allowUnsafeFilter: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeTemplateDir: true,
  // Not needed (we never change the binary), and the one flag that is not about the environment.
  allowUnsafeCustomBinary: false,
};

const ALTERNATIVE = "drop --read-git-state and pass --commit-hash and --timestamp instead";

function fail(message: string, hint: string, cause?: unknown): GitError {
  return new GitError(`Cannot read git state: ${message}`, { hint, cause });
}

/**
 * Reads HEAD's metadata in `cwd` (any directory inside the work tree). `env` is the environment for
 * the git child process; `undefined` inherits this process's environment. It is passed through
 * unchanged, GIT_DIR and friends included.
 */
export async function readHeadCommit(
  cwd: string,
  env?: Record<string, string | undefined>,
): Promise<HeadCommit> {
  const dir = resolve(cwd);
  const { simpleGit, GitConstructError } = await import("simple-git");

  // simple-git hides the exit code and puts a spawn failure's *stack trace* into the error message,
  // so take the raw result through the `errors` hook and judge it ourselves.
  let result: { exitCode: number | null; stderr: string } | undefined;

  let stdout: string;
  try {
    const git = simpleGit({
      baseDir: dir,
      // Read-only command: a checkout owned by another user (CI containers) is fine to read.
      config: ["safe.directory=*"],
      unsafe: ALLOW_ALL,
      errors(error, raw) {
        result = { exitCode: raw.exitCode, stderr: Buffer.concat(raw.stdErr).toString("utf8") };
        return error;
      },
    });
    if (env !== undefined) git.env(env);
    stdout = await git.raw(LOG_ARGS);
  } catch (error) {
    if (error instanceof GitConstructError) {
      throw fail(`directory ${dir} does not exist`, `Run from inside your git checkout, or ${ALTERNATIVE}.`, error);
    }
    throw explain(dir, result, error);
  }
  if (result !== undefined && result.exitCode !== 0) throw explain(dir, result, undefined);
  return parse(stdout);
}

function explain(
  dir: string,
  result: { exitCode: number | null; stderr: string } | undefined,
  error: unknown,
): GitError {
  const other = `Fix the problem above, or ${ALTERNATIVE}.`;
  if (result === undefined) {
    // simple-git stopped before running git (e.g. one of its own safety checks).
    const reason = error instanceof Error ? firstLine(error.message) : "";
    return fail(`could not run git${reason ? `: ${reason}` : ""}`, other, error);
  }

  const { exitCode, stderr } = result;
  // A failed spawn: simple-git reports the negative errno as the exit code and `err.stack` as stderr.
  const spawnFailure = /^Error: spawn \S+ (E[A-Z0-9]+)\b/.exec(stderr);
  if (spawnFailure !== null || (exitCode !== null && exitCode < 0)) {
    const code = spawnFailure?.[1];
    if (code === "ENOENT") {
      return fail(
        `the "git" command was not found on PATH`,
        `Install git and make sure it is on PATH, or ${ALTERNATIVE}.`,
        error,
      );
    }
    return fail(`could not run the "git" command (${code ?? `exit code ${exitCode}`})`, other, error);
  }

  const line = gitMessage(stderr);
  if (/not a git repository \(or any/i.test(stderr)) {
    return fail(`${dir} is not inside a git repository`, `Run from inside your git checkout, or ${ALTERNATIVE}.`, error);
  }
  if (/does not have any commits yet|bad default revision 'HEAD'/i.test(stderr)) {
    return fail(
      `the git repository at ${dir} has no commits yet`,
      `Commit something first, or ${ALTERNATIVE}.`,
      error,
    );
  }
  if (/dubious ownership|unsafe repository/i.test(stderr)) {
    // Only git versions that ignore `-c safe.directory` (before 2.36-ish) get here.
    return fail(
      `git refuses to read ${dir} because it is owned by another user (${line})`,
      `Run \`git config --global --add safe.directory '*'\`, or ${ALTERNATIVE}.`,
      error,
    );
  }
  const what = line === "" ? `git log exited with ${exitCode === null ? "a signal" : `code ${exitCode}`}` : line;
  return fail(`git log failed: ${what}`, other, error);
}

/** The line of git's stderr that says what went wrong: the first `fatal:`/`error:` line, else the first line. */
function gitMessage(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.replace(/\r$/, "").trim())
    .filter((line) => line !== "");
  return lines.find((line) => /^(fatal|error):/i.test(line)) ?? lines[0] ?? "";
}

function firstLine(text: string): string {
  return text.split("\n").map((line) => line.trim()).find((line) => line !== "") ?? "";
}

function parse(stdout: string): HeadCommit {
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
    throw fail(
      `unexpected output from git log: ${JSON.stringify(stdout.slice(0, 200))}`,
      `Report this as a bug, or ${ALTERNATIVE}.`,
    );
  }
  return { commitHash, authorEmail, authorName, timestamp: Number(date), commitMessage };
}
