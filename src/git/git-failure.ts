/**
 * GitErrors for everything that can go wrong reading git: one line saying what, a hint saying what
 * to do. Any text that comes from git or the file system passes through oneLine() first.
 */
import { GitError } from "../errors.ts";
import { oneLine } from "../text.ts";

/** How a caller can do without git, e.g. "drop --read-git-state and pass ... instead". */
export type Alternative = string | undefined;

export function gitFailure(message: string, action: string, alternative: Alternative, cause?: unknown): GitError {
  const hint = alternative === undefined ? `${action}.` : `${action}, or ${alternative}.`;
  return new GitError(`Cannot read git state: ${message}`, { hint, cause });
}

/** A path or value for a message: control characters escaped, bounded. */
export function shown(text: string): string {
  return oneLine(text, 300);
}

/** A path as a shell word, for a command the user can paste. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The line of git's stderr that says what went wrong: the first `fatal:`/`error:` line, else the first line. */
export function gitMessage(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.replace(/\r$/, "").trim())
    .filter((line) => line !== "");
  return lines.find((line) => /^(fatal|error):/i.test(line)) ?? lines[0] ?? "";
}

/**
 * The failures every command shares (not a repository, someone else's repository), or undefined.
 * `dir` is where we ran git; git names the repository's top directory in its ownership message.
 */
export function commonFailure(dir: string, stderr: string, alternative: Alternative, trusted?: string): GitError | undefined {
  if (/not a git repository \(or any/i.test(stderr)) {
    return gitFailure(`${shown(dir)} is not inside a git repository`, "Run from inside your git checkout", alternative);
  }
  const owner = /dubious ownership in repository at '([^\n]*)'|unsafe repository \('([^\n]*)' is owned/i.exec(stderr);
  if (owner !== null) {
    const top = owner[1] ?? owner[2] ?? dir;
    const word = shown(shellWord(top));
    const mismatch = trusted !== undefined && trusted !== top ? ` (the trusted directory ${shown(trusted)} is not its top directory)` : "";
    return gitFailure(
      `git refuses to read ${shown(top)} because another user owns it${mismatch}`,
      `If you trust it, run \`git config --global --add safe.directory ${word}\` or pass --git-safe-directory ${word} ` +
        "(DAGSTER_CLOUD_GIT_SAFE_DIRECTORY)",
      alternative,
    );
  }
  if (/cannot use bare repository/i.test(stderr)) {
    return gitFailure(
      `${shown(dir)} is inside a bare repository or a .git directory, which git reads only when GIT_DIR names it`,
      "Run from the work tree of your checkout, or set GIT_DIR",
      alternative,
    );
  }
  return undefined;
}

/** Any other failure of `git <command>`: git's own words, on one line. */
export function otherFailure(command: string, exitCode: number | null, stderr: string, alternative: Alternative): GitError {
  const line = gitMessage(stderr);
  const what = line === "" ? `git ${command} exited with ${exitCode === null ? "a signal" : `code ${exitCode}`}` : `git ${command} failed: ${shown(line)}`;
  return gitFailure(what, "Fix the problem above", alternative);
}
