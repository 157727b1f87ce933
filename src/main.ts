import { createProgram, defaultRunners, runProgram, type Runners } from "./cli.ts";
import type { Deps } from "./deps.ts";
import { CliError, exitCodeFor } from "./errors.ts";
import type { IO } from "./io.ts";

/**
 * Runs the CLI and returns the exit code. The only place that prints errors and picks exit
 * codes: 0 success, 1 failure, 2 usage error, 130 interrupted.
 */
export async function main(argv: readonly string[], deps: Deps, runners: Runners = defaultRunners(deps)): Promise<number> {
  try {
    await runProgram(createProgram(deps, runners), argv);
    return 0;
  } catch (error) {
    reportError(error, deps.io, argv.includes("--verbose"));
    return exitCodeFor(error);
  }
}

export function reportError(error: unknown, io: IO, verbose: boolean): void {
  const { style } = io;
  if (error instanceof CliError) {
    io.err(`${style.red.bold("Error:")} ${error.message}\n`);
    if (error.details) io.err(`${error.details}\n`);
    if (error.hint) io.err(`${style.dim(error.hint)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${style.red.bold("Error:")} unexpected failure: ${message.split("\n")[0]}\n`);
    io.err(`${style.dim("This is a bug: please report it, with the output of the same command run with --verbose.")}\n`);
  }
  if (verbose) {
    for (let current: unknown = error; current instanceof Error; current = current.cause) {
      io.err(`${style.dim(current.stack ?? current.message)}\n`);
    }
  }
}
