/**
 * Runs the lifecycle commands (get, list, close, prune) in process, through a small commander
 * program of their own, with main()'s error-to-exit-code rule, so they can be tested end to end
 * against the emulator before (and independently of) their wiring in src/cli.ts.
 */
import { Command, CommanderError } from "commander";
import { closeCommand } from "../../src/commands/branch-deployment/close.ts";
import { closeRun } from "../../src/commands/branch-deployment/close-run.ts";
import { getCommand } from "../../src/commands/branch-deployment/get.ts";
import { getRun } from "../../src/commands/branch-deployment/get-run.ts";
import { listCommand } from "../../src/commands/branch-deployment/list.ts";
import { listRun } from "../../src/commands/branch-deployment/list-run.ts";
import { pruneCommand } from "../../src/commands/branch-deployment/prune.ts";
import { pruneRun } from "../../src/commands/branch-deployment/prune-run.ts";
import type { Deps } from "../../src/deps.ts";
import { CliError, exitCodeFor, UsageError } from "../../src/errors.ts";
import { fakeDeps, type FakeDepsOptions } from "../helpers/fake-deps.ts";

export interface LifecycleResult {
  code: number;
  stdout: string;
  stderr: string;
  error: unknown;
}

export interface LifecycleOptions extends FakeDepsOptions {
  stdoutIsTTY?: boolean;
  confirm?: Deps["confirm"];
}

export async function runLifecycle(argv: readonly string[], options: LifecycleOptions = {}): Promise<LifecycleResult> {
  const deps = fakeDeps(options);
  const program = new Command("dagster-cloud").exitOverride().configureOutput({
    writeOut: (text) => deps.io.out(text),
    writeErr: (text) => deps.io.err(text),
    outputError: () => undefined,
  });
  const group = program.command("branch-deployment");
  getCommand(group, (o) => getRun(o, deps));
  listCommand(group, (o) => listRun({ ...o, stdoutIsTTY: options.stdoutIsTTY ?? false }, deps));
  closeCommand(group, (o) => closeRun(o, deps));
  pruneCommand(group, (o) => pruneRun(o, { ...deps, confirm: options.confirm }));
  let error: unknown;
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (caught) {
    error = caught instanceof CommanderError ? (caught.exitCode === 0 ? undefined : new UsageError(caught.message)) : caught;
  }
  if (error instanceof CliError) deps.io.err(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ""}`);
  else if (error !== undefined) deps.io.err(`Unexpected: ${String(error)}\n`);
  return { code: error === undefined ? 0 : exitCodeFor(error), stdout: deps.stdout(), stderr: deps.stderr(), error };
}
