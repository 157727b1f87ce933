import { createProgram, defaultRunners, runProgram, type Runners } from "./cli.ts";
import type { Deps } from "./deps.ts";
import { CliError, exitCodeFor, UsageError } from "./errors.ts";
import type { IO } from "./io.ts";
import { collectSecrets } from "./secrets.ts";
import { oneLine, safeLines } from "./text.ts";

/**
 * Runs the CLI and returns the exit code. The only place that prints errors and picks exit
 * codes (README "Exit codes"): 0 success, 1 failure, 2 usage error, 3 token rejected, 4 not found,
 * 5 timed out waiting, 6 location failed to load, 130/143 interrupted.
 */
export async function main(argv: readonly string[], deps: Deps, runners: Runners = defaultRunners(deps)): Promise<number> {
  const { io } = deps;
  // Before commander sees argv: nothing it or we print afterwards can show these.
  for (const secret of collectSecrets(argv, deps.env)) io.addSecret(secret);
  const verbose = argv.includes("--verbose");
  try {
    await runProgram(createProgram(deps, runners, argv), argv);
  } catch (error) {
    reportError(error, io, verbose);
    return exitCodeFor(error);
  }
  const failed = await io.flush();
  if (failed) {
    // The caller must never get exit 0 without the result.
    const code = (failed as NodeJS.ErrnoException).code ?? failed.message;
    reportError(new CliError(`Could not write the result to stdout (${code}).`, { hint: "Check where stdout goes: a full disk, a closed pipe or a read-only file." }), io, false);
    return 1;
  }
  return 0;
}

export function reportError(error: unknown, io: IO, verbose: boolean): void {
  const { style } = io;
  if (error instanceof CliError) {
    io.err(`${style.red.bold("Error:")} ${oneLine(error.message, 600)}\n`);
    if (error.details) io.err(`${safeLines(error.details)}\n`);
    if (error.hint) io.err(`${style.dim(oneLine(error.hint, 600))}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${style.red.bold("Error:")} unexpected failure: ${oneLine(message.split("\n")[0] ?? "", 300)}\n`);
    io.err(`${style.dim("This is a bug: please report it, with the output of the same command run with --verbose.")}\n`);
  }
  // A usage error is about the command line: a stack trace would only be noise.
  if (verbose && !(error instanceof UsageError)) {
    for (let current: unknown = error; current instanceof Error; current = current.cause) {
      io.err(`${style.dim(safeLines(current.stack ?? current.message, 40))}\n`);
    }
  }
}
