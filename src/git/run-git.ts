/**
 * The one way this CLI runs git: through simple-git (imported lazily, so importing this module costs
 * nothing at start-up), with the hardened environment and `-c` settings of git-env.ts, a time limit
 * and a cap on output. git's output is untrusted: a hostile repository can make it huge or slow.
 */
import { resolve } from "node:path";
import type { SimpleGitOptions } from "simple-git";
import { gitConfig, trustedPath } from "./git-args.ts";
import { gitEnvironment } from "./git-env.ts";
import { gitFailure, shown, type Alternative } from "./git-failure.ts";

export interface GitReadOptions {
  /** This process's environment. Only an allowlist of it reaches git (see git-env.ts). */
  env: Record<string, string | undefined>;
  /**
   * One directory to read although another user owns it (`-c safe.directory=<dir>`): the top of the
   * work tree, relative to `cwd` or absolute. Never a pattern. From --git-safe-directory.
   */
  trustedDirectory?: string;
  /** How the user can do without git; ends every hint ("drop --read-git-state and ..."). */
  alternative?: string;
  /** Kill git after this long. Default GIT_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** Reading one commit takes milliseconds; a network file system on a bad day, seconds. */
export const GIT_TIMEOUT_MS = 10_000;
/** Per stream. Our commands print a few short lines; a commit subject of this size is an attack. */
export const MAX_OUTPUT_BYTES = 256 * 1024;

export interface GitRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The directory git ran in (absolute). */
  dir: string;
  /** The trusted directory as git sees it, if any. */
  trusted: string | undefined;
}

/**
 * simple-git refuses some environment variables and `-c` keys unless allowed. Those checks protect
 * callers that splice untrusted input into git arguments; ours are constants (plus a validated
 * revision and the user's own trusted directory), and our `-c core.fsmonitor=...`, GIT_PAGER and
 * GIT_CONFIG_* would trip them. `Required<...>` makes a simple-git upgrade that adds a category fail
 * type-checking here rather than at run time.
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
  allowUnsafeCustomBinary: false,
};

/** Runs `git <args>` in `cwd`. Resolves whatever git's exit code; throws a GitError when git could not run to its end. */
export async function runGit(cwd: string, args: string[], options: GitReadOptions): Promise<GitRun> {
  const { alternative } = options;
  const dir = resolve(cwd);
  const trusted = options.trustedDirectory === undefined ? undefined : trustedPath(dir, options.trustedDirectory, alternative);
  const { simpleGit, GitConstructError } = await import("simple-git");

  const abort = new AbortController();
  let stopped: "timeout" | "output" | undefined;
  const stop = (why: "timeout" | "output"): void => {
    stopped ??= why;
    abort.abort();
  };
  const timer = setTimeout(() => stop("timeout"), options.timeoutMs ?? GIT_TIMEOUT_MS);
  // simple-git hides the exit code and puts a spawn failure's *stack trace* into its error, so take
  // the raw result through the `errors` hook and judge it ourselves.
  let raw: { exitCode: number; stdout: Buffer; stderr: Buffer } | undefined;
  try {
    const git = simpleGit({
      baseDir: dir,
      config: gitConfig(trusted),
      unsafe: ALLOW_ALL,
      abort: abort.signal,
      errors(_error, result) {
        raw = { exitCode: result.exitCode, stdout: Buffer.concat(result.stdOut), stderr: Buffer.concat(result.stdErr) };
        return undefined;
      },
    });
    git.env(gitEnvironment(options.env));
    git.outputHandler((_command, stdout, stderr) => {
      for (const stream of [stdout, stderr]) {
        let bytes = 0;
        stream.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_OUTPUT_BYTES) stop("output");
        });
      }
    });
    await git.raw(["--no-pager", ...args]);
  } catch (error) {
    if (error instanceof GitConstructError) {
      throw gitFailure(`directory ${shown(dir)} does not exist`, "Run from inside your git checkout", alternative, error);
    }
    // simple-git stopped before running git (one of its own checks); its message is ours to trust.
    const reason = error instanceof Error ? shown(error.message.split("\n")[0] ?? "") : "";
    throw gitFailure(`could not run git${reason ? `: ${reason}` : ""}`, "Fix the problem above", alternative, error);
  } finally {
    clearTimeout(timer);
  }

  const command = args[0] ?? "";
  if (stopped === "timeout") {
    throw gitFailure(`git ${command} did not finish within ${(options.timeoutMs ?? GIT_TIMEOUT_MS) / 1000} s in ${shown(dir)}`, "Check the repository (a network file system, a lock)", alternative);
  }
  if (stopped === "output") {
    throw gitFailure(`git ${command} printed more than ${MAX_OUTPUT_BYTES / 1024} KiB`, "Check the repository's HEAD commit", alternative);
  }
  if (raw === undefined) throw gitFailure(`git ${command} gave no result`, "Report this as a bug", alternative);
  const stderr = raw.stderr.toString("utf8");
  spawnFailure(raw.exitCode, stderr, alternative);
  return { exitCode: raw.exitCode, stdout: raw.stdout.toString("utf8"), stderr, dir, trusted };
}

/** A failed spawn: simple-git reports the negative errno as the exit code and `err.stack` as stderr. */
function spawnFailure(exitCode: number, stderr: string, alternative: Alternative): void {
  const match = /^Error: spawn \S+ (E[A-Z0-9]+)\b/.exec(stderr);
  if (match === null && exitCode >= 0) return;
  const code = match?.[1];
  if (code === "ENOENT") {
    throw gitFailure(`the "git" command was not found on PATH`, "Install git and make sure it is on PATH", alternative);
  }
  throw gitFailure(`could not run the "git" command (${code ?? `exit code ${exitCode}`})`, "Fix the problem above", alternative);
}
