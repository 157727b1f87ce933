import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { closeCommand } from "../../src/commands/branch-deployment/close.ts";
import { getCommand } from "../../src/commands/branch-deployment/get.ts";
import { listCommand } from "../../src/commands/branch-deployment/list.ts";
import { pruneCommand } from "../../src/commands/branch-deployment/prune.ts";
import { exitCodeFor, UsageError } from "../../src/errors.ts";

/** Parses argv with the four commands, their runners only recording the options (gh's runF). */
async function parse(argv: string[]): Promise<{ options?: Record<string, unknown>; error?: unknown }> {
  let options: Record<string, unknown> | undefined;
  const record = async (o: object) => void (options = o as Record<string, unknown>);
  const program = new Command("dagster-cloud").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const group = program.command("branch-deployment");
  getCommand(group, record);
  listCommand(group, record);
  closeCommand(group, record);
  pruneCommand(group, record);
  try {
    await program.parseAsync(["branch-deployment", ...argv], { from: "user" });
    return { options };
  } catch (error) {
    return { error };
  }
}

const CONNECTION = { organization: undefined, apiToken: undefined, url: undefined, deployment: undefined };

describe("get and close: repository and branch", () => {
  it.each([
    [["get", "--git-repo-name", "o/r", "--branch-name", "b"], { branch: { repoName: "o/r", branchName: "b", gitSafeDirectory: undefined } }],
    [["get", "--repo-name=o/r", "--branch-name", "feature/x", "-o", "acme"], { branch: { repoName: "o/r", branchName: "feature/x", gitSafeDirectory: undefined } }],
    [["close", "--git-repo-name", "o/r", "--branch-name", "b"], { branch: { repoName: "o/r", branchName: "b", gitSafeDirectory: undefined }, status: undefined }],
    // Absent names come from the CI context or local git, when the command runs.
    [["get"], { branch: { repoName: undefined, branchName: undefined, gitSafeDirectory: undefined } }],
    [["close", "--branch-name", "b", "--git-repo-name", "", "--git-safe-directory", "/w"], { branch: { repoName: undefined, branchName: "b", gitSafeDirectory: "/w" } }],
    [["close", "--git-repo-name", "o/r", "--branch-name", "b", "--status", "MERGED"], { status: "MERGED" }],
    // No status: the CI event's (MERGED or CLOSED) when the command runs, else CLOSED.
    [["close", "--git-repo-name", "o/r", "--branch-name", "b", "--status", ""], { status: undefined }],
  ])("%j", async (argv, expected) => {
    expect((await parse(argv)).options).toMatchObject(expected);
  });

  it("get's options, whole", async () => {
    expect((await parse(["get", "--git-repo-name", "o/r", "--branch-name", "b", "--verbose", ""])).options).toEqual({
      connection: CONNECTION,
      branch: { repoName: "o/r", branchName: "b", gitSafeDirectory: undefined },
      json: false,
      verbose: true,
    });
  });

  it.each([
    [["close", "--git-repo-name", "o/r", "--branch-name", "b", "--status", "open"], 'Invalid --status "open".'],
    [["get", "--git-repo-name", "o/r", "--branch-name", "b", "extra"], 'Unexpected argument "extra".'],
  ])("%j: usage error (exit 2) %s", async (argv, message) => {
    const { error } = await parse(argv);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
    expect(exitCodeFor(error)).toBe(2);
  });
});

describe("list", () => {
  it.each([
    [["list"], { status: undefined, limit: 100, json: false, stdoutIsTTY: false }],
    [["list", "--status", "closed", "--limit", "5", "--json"], { status: "CLOSED", limit: 5, json: true }],
    [["list", "--limit", "1000", "--status", " Open "], { status: "OPEN", limit: 1000 }],
  ])("%j", async (argv, expected) => {
    expect((await parse(argv)).options).toMatchObject(expected);
  });

  it.each([
    [["list", "--status", "stale"], 'Invalid --status "stale".'],
    [["list", "--status", "closed,merged"], 'Invalid --status "closed,merged".'],
    [["list", "--limit", "0"], 'Invalid --limit "0": expected a whole number from 1 to 1000.'],
    [["list", "--limit", "1001"], 'Invalid --limit "1001": expected a whole number from 1 to 1000.'],
    [["list", "--limit", "2.5"], 'Invalid --limit "2.5": expected a whole number from 1 to 1000.'],
    [["list", "--limit", "-3"], 'Invalid --limit "-3": expected a whole number from 1 to 1000.'],
  ])("%j: usage error %s", async (argv, message) => {
    const { error } = await parse(argv);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
  });
});

describe("prune", () => {
  const DAY = 86_400_000;
  it.each([
    [["prune", "--status", "closed,merged"], { statuses: ["CLOSED", "MERGED"], olderThan: undefined }],
    [["prune", "--status", "closed", "--status", "MERGED", "--status", "closed"], { statuses: ["CLOSED", "MERGED"] }],
    [["prune", "--older-than", "30d"], { statuses: [], olderThan: { ms: 30 * DAY, text: "30d" } }],
    [["prune", "--older-than", "90m", "--status", "open"], { statuses: ["OPEN"], olderThan: { ms: 90 * 60_000, text: "90m" } }],
    [["prune", "--older-than", "8w", "--dry-run", "--json"], { olderThan: { ms: 56 * DAY, text: "8w" }, dryRun: true, json: true, yes: false }],
    [["prune", "--status", "merged", "-y"], { yes: true, dryRun: false }],
    [["prune", "--status", "merged", "--yes", "--dry-run"], { yes: true, dryRun: true }],
  ])("%j", async (argv, expected) => {
    expect((await parse(argv)).options).toMatchObject(expected);
  });

  it.each([
    [["prune"], "Say which branch deployments to prune: --status, --older-than, or both."],
    [["prune", "--yes"], "Say which branch deployments to prune: --status, --older-than, or both."],
    [["prune", "--status", "", "--older-than", ""], "Say which branch deployments to prune: --status, --older-than, or both."],
    [["prune", "--status", "closed,"], 'Invalid --status "closed,": an empty status.'],
    [["prune", "--status", "closed,stale"], 'Invalid --status "stale".'],
    [["prune", "--older-than", "30"], 'Invalid --older-than "30": expected a number and a unit.'],
    [["prune", "--older-than", "0d"], 'Invalid --older-than "0d": it must be more than zero.'],
    [["prune", "--older-than", "1.5d"], 'Invalid --older-than "1.5d": expected a number and a unit.'],
    [["prune", "--older-than", "1d12h"], 'Invalid --older-than "1d12h": expected a number and a unit.'],
    [["prune", "--older-than", "3M"], 'Invalid --older-than "3M": expected a number and a unit.'],
    [["prune", "--older-than", "521w"], 'Invalid --older-than "521w": it is more than ten years.'],
    [["prune", "--older-than", "-1d"], 'Invalid --older-than "-1d": expected a number and a unit.'],
  ])("%j: usage error %s", async (argv, message) => {
    const { error } = await parse(argv);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
    expect(exitCodeFor(error)).toBe(2);
  });
});
