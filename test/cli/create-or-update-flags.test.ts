import { describe, expect, it } from "vitest";
import type { CreateOrUpdateOptions } from "../../src/commands/branch-deployment/create-or-update.ts";
import { main } from "../../src/main.ts";
import { fakeDeps } from "../helpers/fake-deps.ts";
import { recordingRunners, type Recorded } from "../helpers/runners.ts";

const REQUIRED = ["--git-repo-name", "acme/app", "--branch-name", "feature/x", "--commit-hash", "abc123", "--timestamp", "1700000000"];

/** Parses a command line with the runner swapped out; returns the options it would run with. */
async function parse(args: string[]) {
  const deps = fakeDeps();
  const seen: Recorded[] = [];
  const code = await main(["branch-deployment", "create-or-update", ...args], deps, recordingRunners(seen));
  return { code, options: seen[0]?.options as CreateOrUpdateOptions | undefined, stdout: deps.stdout(), stderr: deps.stderr() };
}

describe("create-or-update flag parsing", () => {
  it.each<[string, string[], Partial<CreateOrUpdateOptions>]>([
    ["required flags", REQUIRED, { repoName: "acme/app", branchName: "feature/x", commitHash: "abc123", timestamp: 1700000000 }],
    ["--flag=value form", ["--git-repo-name=acme/app", "--branch-name=feature/x", "--commit-hash=abc", "--timestamp=1.5"], { repoName: "acme/app", timestamp: 1.5 }],
    ["--repo-name alias", ["--repo-name", "app", "--branch-name", "b", "--read-git-state"], { repoName: "app", readGitState: true }],
    ["timestamp 0 is a timestamp", [...REQUIRED, "--timestamp", "0"], { timestamp: 0 }],
    ["decimal timestamp", [...REQUIRED, "--timestamp", "1700000000.25"], { timestamp: 1700000000.25 }],
    ["status upper-cased", [...REQUIRED, "--pull-request-status", "open"], { pullRequestStatus: "OPEN" }],
    ["status Merged", [...REQUIRED, "--pull-request-status", "Merged"], { pullRequestStatus: "MERGED" }],
    ["empty status is none", [...REQUIRED, "--pull-request-status", ""], { pullRequestStatus: undefined }],
    ["empty optional flags are none", [...REQUIRED, "--author-avatar-url", "", "--pull-request-url", "", "--branch-url="], { authorAvatarUrl: undefined, pullRequestUrl: undefined, branchUrl: undefined }],
    ["--pull-request-url and -id aliases", [...REQUIRED, "--pull-request-url", "https://gh/pr/1", "--pull-request-id", "1"], { pullRequestUrl: "https://gh/pr/1", pullRequestNumber: "1" }],
    ["--code-review-url and -id", [...REQUIRED, "--code-review-url", "https://gl/mr/2", "--code-review-id", "2"], { pullRequestUrl: "https://gl/mr/2", pullRequestNumber: "2" }],
    ["last alias wins", [...REQUIRED, "--code-review-id", "1", "--pull-request-id", "2"], { pullRequestNumber: "2" }],
    ["snapshot on-create", [...REQUIRED, "--snapshot-base-condition", "on-create"], { snapshotBaseCondition: "ON_CREATE" }],
    ["snapshot ON_UPDATE", [...REQUIRED, "--snapshot-base-condition=ON_UPDATE"], { snapshotBaseCondition: "ON_UPDATE" }],
    ["base deployment", [...REQUIRED, "--base-deployment-name", "staging"], { baseDeploymentName: "staging" }],
    ["base deployment without a value", [...REQUIRED, "--base-deployment-name"], { baseDeploymentName: undefined }],
    ["an empty positional argument is ignored", [...REQUIRED, ""], { repoName: "acme/app" }],
    ["connection flags and short forms", [...REQUIRED, "-o", "acme", "-u", "tok", "--url", "https://x"], { connection: { organization: "acme", apiToken: "tok", url: "https://x" } }],
    ["--user-token alias", [...REQUIRED, "--user-token", "tok"], { connection: { organization: undefined, apiToken: "tok", url: undefined } }],
    ["--no-read-git-state", [...REQUIRED, "--read-git-state", "--no-read-git-state"], { readGitState: false }],
    ["--read-git-state makes hash and time optional", ["--git-repo-name", "a", "--branch-name", "b", "--read-git-state"], { commitHash: undefined, timestamp: undefined }],
    ["--verbose", [...REQUIRED, "--verbose"], { verbose: true }],
  ])("%s", async (_name, args, expected) => {
    const { code, options, stdout, stderr } = await parse(args);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(options).toMatchObject(expected);
  });

  it.each<[string, string[], RegExp]>([
    ["unknown flag", [...REQUIRED, "--bogus"], /^Error: unknown option '--bogus'\nRun 'dagster-cloud branch-deployment create-or-update --help' to see the usage\.\n$/],
    ["a typo gets a suggestion", [...REQUIRED, "--comit-hash", "x"], /unknown option '--comit-hash' \(Did you mean --commit-hash\?\)/],
    ["missing hash and time name both", ["--git-repo-name", "a", "--branch-name", "b", "--commit-hash", "x"], /^Error: Missing --commit-hash and --timestamp: both are required without --read-git-state\./],
    ["bad status lists the allowed values", [...REQUIRED, "--pull-request-status", "draft"], /Invalid --pull-request-status "draft"\.\nAllowed values: OPEN, CLOSED, MERGED/],
    ["bad timestamp", [...REQUIRED, "--timestamp", "yesterday"], /Invalid --timestamp "yesterday": expected unix seconds/],
    ["negative timestamp", [...REQUIRED, "--timestamp", "-5"], /Invalid --timestamp "-5"/],
    ["bad snapshot condition", [...REQUIRED, "--snapshot-base-condition", "always"], /Invalid --snapshot-base-condition "always"\.\nAllowed values: on-create, on-update/],
    ["a non-empty extra argument", [...REQUIRED, "extra"], /^Error: Unexpected argument "extra"\./],
    ["a flag without its value", ["--git-repo-name"], /option '--git-repo-name <name>' argument missing/],
  ])("usage error: %s", async (_name, args, stderr) => {
    const result = await parse(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.options).toBeUndefined();
    expect(result.stderr).toMatch(stderr);
  });
});

describe("command tree", () => {
  const run = async (argv: string[]) => {
    const deps = fakeDeps();
    const code = await main(argv, deps, recordingRunners());
    return { code, stdout: deps.stdout(), stderr: deps.stderr() };
  };

  it.each([["--help"], ["-h"], ["branch-deployment", "--help"], ["branch-deployment", "create-or-update", "-h"]])(
    "%s prints help on stdout and exits 0",
    async (...argv) => {
      const { code, stdout, stderr } = await run(argv);
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(stdout).toMatch(/^Usage: dagster-cloud/);
    },
  );

  it.each([["--version"], ["-v"]])("%s prints the version", async (flag) => {
    const { code, stdout } = await run([flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Dagster Cloud version: \d+\.\d+\.\d+/);
  });

  it("an unknown command is a usage error", async () => {
    const { code, stdout, stderr } = await run(["branch-deployments"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(/^Error: unknown command 'branch-deployments' \(Did you mean branch-deployment\?\)/);
  });

  it("a group without a command shows its help on stderr, exit 2", async () => {
    const { code, stdout, stderr } = await run(["branch-deployment"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(/Usage: dagster-cloud branch-deployment[\s\S]*create-or-update[\s\S]*Error: Missing command\./);
  });
});
