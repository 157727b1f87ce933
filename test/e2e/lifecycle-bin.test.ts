/**
 * Issue 10's "Done when", through the built bin/ as a subprocess: get, list, close, prune, delete,
 * add-location and delete-location against the emulator seeded (through its control endpoint, as
 * for an emulator process) with the realistic organization of test/cli/lifecycle-org.ts. Each test
 * checks stdout exactly, the exit code, and the effect: requests recorded, state left behind.
 *
 * The CLI dates ages with its own clock (the real one, in a subprocess), so the seeded commit times
 * are moved by whole seconds from lifecycle-org's fixed "now" to the real now: every commit keeps
 * its age (30 minutes to seven months), and the selections of `prune` do not drift with the date.
 */
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BranchDeploymentSeed } from "../../emulator/seed.ts";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { name, nameOf, NOW_MS, ORG, type Label } from "../cli/lifecycle-org.ts";
import { BIN, createSandbox, type Result, type Sandbox } from "../helpers/cli-process.ts";

const TOKEN = "bin-lifecycle-token-5c4b3a";
const SHIFT = Math.floor(Date.now() / 1000) - NOW_MS / 1000;
const SEEDS = Object.fromEntries(
  Object.entries(ORG).map(([label, seed]) => [label, { ...seed, commits: seed.commits.map((c) => ({ ...c, timestamp: c.timestamp + SHIFT })) }]),
) as Record<Label, BranchDeploymentSeed>;
/** Newest latest commit first, as `list` orders them. */
const ALL: Label[] = ["mr", "ingest", "deps", "typo", "model", "spark", "old"];
const STALE = ["--status", "closed,merged", "--older-than", "30d"];
const SELECTED: Label[] = ["deps", "typo", "model", "spark", "old"];
const LOCATION = ["--location-file", "dagster_cloud.yaml", "--location-name", "etl"];

let emulator: Emulator;
let sandbox: Sandbox;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN], loadDelayMs: 50 });
  sandbox = createSandbox();
  // A checkout of one of the organization's branches: get and close need no flags in it.
  sandbox.git("remote", "add", "origin", "git@github.com:acme/data-platform.git");
  sandbox.git("checkout", "-q", "-b", "feature/ingest-v2");
  writeFileSync(join(sandbox.repo, "dagster_cloud.yaml"), "locations:\n  - location_name: etl\n    code_source:\n      package_name: etl\n");
});
afterAll(async () => {
  await emulator.close();
  sandbox.cleanup();
});
beforeEach(async () => {
  emulator.reset();
  const response = await fetch(`${emulator.url}/__emulator/branch-deployments`, { method: "POST", body: JSON.stringify(Object.values(SEEDS)) });
  expect(response.status).toBe(200);
});

const ENV = { DAGSTER_CLOUD_API_TOKEN: TOKEN, NO_COLOR: "1" };
const run = (args: string[], env: Record<string, string> = {}) => sandbox.run([...args, "--url", emulator.url], { env: { ...ENV, ...env } });
const bd = (...args: string[]) => run(["branch-deployment", ...args]);
const operations = () => emulator.requests.map((r) => r.operationName);
const mutations = () => emulator.requests.filter((r) => /^\s*mutation\b/.test((r.body as { query?: string }).query ?? "")).map((r) => r.operationName);
const remaining = () => emulator.state.list().map((d) => d.deploymentName).sort();
const lines = (...labels: Label[]) => labels.map((l) => `${name(l)}\n`).join("");
const idOf = (label: Label) => emulator.state.byName(name(label))!.deploymentId;
const latest = (label: Label) => SEEDS[label].commits.at(-1)!;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
const noToken = (result: Result) => expect(result.stdout + result.stderr).not.toContain(TOKEN);

describe("list and get send no mutation", () => {
  it("list, piped: one tab-separated line per deployment, newest commit first, `-` for what is absent", async () => {
    const result = await bd("list");
    const expected = ALL.map((label) => {
      const seed = SEEDS[label];
      const commit = latest(label);
      return [name(label), seed.repoName, seed.branchName, seed.pullRequestNumber, seed.pullRequestStatus, commit.commitHash, iso(commit.timestamp), seed.pullRequestUrl]
        .map((value) => value ?? "-")
        .join("\t");
    });
    expect(result).toEqual({ code: 0, stdout: `${expected.join("\n")}\n`, stderr: "" });
    expect(operations()).toEqual(["CliBranchDeployments"]);
  });

  it("list --json: the documented keys, null for what is absent", async () => {
    const result = await bd("list", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(
      ALL.map((label) => {
        const seed = SEEDS[label];
        const { commitHash, timestamp } = latest(label);
        const pr = { pullRequestNumber: seed.pullRequestNumber ?? null, pullRequestStatus: seed.pullRequestStatus ?? null, pullRequestUrl: seed.pullRequestUrl ?? null };
        return { name: name(label), repoName: seed.repoName, branchName: seed.branchName, ...pr, commitHash, timestamp };
      }),
    );
    expect(mutations()).toEqual([]);
  });

  it("get, in a checkout of the branch: exit 0 and the name, from local git, no flags", async () => {
    const result = await bd("get");
    expect(result).toEqual({ code: 0, stdout: lines("ingest"), stderr: expect.stringMatching(/^Local git: repo acme\/data-platform, branch feature\/ingest-v2, commit [0-9a-f]{7}\n$/) });
    expect(operations()).toEqual(["CliGetBranchDeploymentName", "CliBranchDeploymentByName"]);
  });

  it("get of an unknown branch: exit 4, one line on stderr, empty stdout, nothing created", async () => {
    const result = await bd("get", "--git-repo-name", "acme/ml-models", "--branch-name", "never-pushed");
    expect(result).toEqual({ code: 4, stdout: "", stderr: 'Error: No branch deployment exists for "acme/ml-models" branch "never-pushed".\n' });
    expect(operations()).toEqual(["CliGetBranchDeploymentName", "CliBranchDeploymentByName"]);
    expect(emulator.state.byName(nameOf("acme/ml-models", "never-pushed"))).toBeUndefined();
  });
});

describe("close", () => {
  it("sends the latest commit, field by field as seeded, with the new status; prints the name", async () => {
    const result = await bd("close", "--git-repo-name", "acme/data-platform", "--branch-name", "feature/ingest-v2");
    expect(result).toEqual({ code: 0, stdout: lines("ingest"), stderr: "" });
    expect(mutations()).toEqual(["CliCreateOrUpdateBranchDeployment"]);
    const seed = SEEDS.ingest;
    const commit = latest("ingest");
    const sent = emulator.requests.at(-1)!.variables as Record<string, Record<string, unknown>>;
    expect(sent.branchData).toEqual({
      repoName: seed.repoName,
      branchName: seed.branchName,
      branchUrl: seed.branchUrl,
      pullRequestUrl: seed.pullRequestUrl,
      pullRequestStatus: "CLOSED",
      pullRequestNumber: seed.pullRequestNumber,
    });
    for (const key of ["commitHash", "timestamp", "commitMessage", "commitUrl", "authorName", "authorEmail", "authorAvatarUrl"] as const) {
      expect(sent.commit?.[key], key).toBe(commit[key] ?? null);
    }
    expect(sent).toMatchObject({ baseDeploymentName: "prod", snapshotBaseCondition: null });
    const record = emulator.state.byName(name("ingest"))!;
    expect(record.branchDeploymentGitMetadata?.pullRequestStatus).toBe("CLOSED");
    expect(record.commits.at(-1)?.commitHash).toBe(commit.commitHash);
  });

  it("--dry-run (from local git, --status merged): shows the same request on stderr, sends no mutation", async () => {
    const result = await bd("close", "--status", "merged", "--dry-run");
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: "" });
    const [context, header, ...json] = result.stderr.split("\n");
    expect(context).toMatch(/^Local git: repo acme\/data-platform, branch feature\/ingest-v2/);
    expect(header).toBe(`Dry run: would send CliCreateOrUpdateBranchDeployment to ${emulator.url}/graphql with variables:`);
    const shown = JSON.parse(json.join("\n")) as { branchData: Record<string, unknown>; commit: Record<string, unknown> };
    expect(shown.branchData.pullRequestStatus).toBe("MERGED");
    expect(shown.commit.commitHash).toBe(latest("ingest").commitHash);
    expect(mutations()).toEqual([]);
    expect(emulator.state.byName(name("ingest"))?.branchDeploymentGitMetadata?.pullRequestStatus).toBe("OPEN");
  });
});

describe("prune", () => {
  it("--dry-run prints the selection and deletes nothing", async () => {
    const result = await bd("prune", ...STALE, "--dry-run");
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: lines(...SELECTED) });
    expect(result.stderr).toMatch(/^Would delete 5 branch deployments \(pull request closed or merged, or latest commit older than 30d\):\nNAME +REPOSITORY/);
    expect(mutations()).toEqual([]);
    expect(remaining()).toHaveLength(8);
  });

  it("--yes deletes exactly the selection, each looked up again first, and never production", async () => {
    const ids = SELECTED.map(idOf);
    const result = await bd("prune", ...STALE, "--yes");
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: lines(...SELECTED) });
    expect(result.stderr).toMatch(/\nDeleted 5 of 5 branch deployments\.\n$/);
    expect(remaining()).toEqual(["prod", name("mr"), name("ingest")].sort());
    const sent = (op: string) => emulator.requests.filter((r) => r.operationName === op).map((r) => r.variables);
    expect(sent("DeploymentByNameQuery")).toEqual(SELECTED.map((label) => ({ deploymentName: name(label) })));
    expect(sent("CliDeleteDeployment")).toEqual(ids.map((deploymentId) => ({ deploymentId })));

    // Selecting everything still leaves production alone.
    const all = await bd("prune", "--status", "open,closed,merged", "--older-than", "1m", "--yes");
    expect({ code: all.code, stdout: all.stdout }).toEqual({ code: 0, stdout: lines("mr", "ingest") });
    expect(remaining()).toEqual(["prod"]);
    expect(emulator.requests.some((r) => JSON.stringify(r.variables ?? {}).includes('"prod"') || (r.variables as { deploymentId?: number })?.deploymentId === 1)).toBe(false);
  });

  it("without --yes and without a terminal: exit 2 naming --yes, nothing deleted", async () => {
    const result = await bd("prune", ...STALE);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(/\nError: Refusing to delete 5 branch deployments without --yes: there is no terminal to ask for confirmation\.\nCheck the selection with --dry-run, then run again with --yes\.\n$/);
    expect(mutations()).toEqual([]);
    expect(remaining()).toHaveLength(8);
  });

  const hasScript = process.platform === "linux" && (() => {
    try {
      return execFileSync("script", ["--version"], { encoding: "utf8" }).includes("util-linux");
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasScript).each([
    ["y", 0, lines("deps", "typo"), 6],
    ["n", 1, "", 8],
  ])("on a terminal it asks; answer %s: exit %i, and it exits with stdin still open", async (answer, code, printed, left) => {
    const result = await onTerminal(["branch-deployment", "prune", "--status", "merged", "--url", emulator.url], answer);
    expect(result.code).toBe(code);
    expect(result.output).toContain(`Delete these 2 branch deployments? [y/N] ${answer}\r\n`);
    expect(result.output).toContain(printed.replaceAll("\n", "\r\n"));
    expect(remaining()).toHaveLength(left);
  });
});

describe("delete", () => {
  it("--if-exists on a missing name: exit 0, nothing on stdout", async () => {
    expect(await bd("delete", "no-such-deployment", "--if-exists")).toEqual({ code: 0, stdout: "", stderr: "No deployment named no-such-deployment: nothing to delete.\n" });
    expect(mutations()).toEqual([]);
  });
});

describe("--json of the commands that change something", () => {
  it("create-or-update, add-location (LOADED, loadSeconds), delete-location, delete", async () => {
    const created = await bd("create-or-update", "--json", "--git-repo-name", "acme/app", "--branch-name", "feature/x", "--commit-hash", "abc123", "--timestamp", "1700000000");
    const deployment = nameOf("acme/app", "feature/x");
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({
      name: deployment,
      id: 9,
      url: `${emulator.url}/${deployment}`,
      repoName: "acme/app",
      branchName: "feature/x",
      pullRequestNumber: null,
      pullRequestStatus: null,
      commitHash: "abc123",
      timestamp: 1700000000,
    });

    const added = await run(["deployment", "add-location", ...LOCATION, "--image", "reg/etl:1", "-d", deployment, "--json"]);
    expect(added.code).toBe(0);
    const report = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(report).toEqual({ location: "etl", deployment, status: "LOADED", loadSeconds: expect.any(Number) });
    expect(report.loadSeconds).toBeGreaterThanOrEqual(0.05);
    expect(emulator.state.workspace.list(9).map((l) => [l.document.location_name, l.loadStatus])).toEqual([["etl", "LOADED"]]);

    const removed = await run(["deployment", "delete-location", "etl", "-d", deployment, "--json"]);
    expect({ code: removed.code, json: JSON.parse(removed.stdout) }).toEqual({ code: 0, json: { deleted: "etl", deployment } });
    const deleted = await bd("delete", deployment, "--json");
    expect({ code: deleted.code, json: JSON.parse(deleted.stdout) }).toEqual({ code: 0, json: { deleted: deployment, id: 9 } });
    expect(remaining()).not.toContain(deployment);
  });
});

describe("--dry-run shows the request on stderr, sends no mutation, never shows the token", () => {
  it.each([
    [
      "create-or-update",
      ["branch-deployment", "create-or-update", "--git-repo-name", "acme/app", "--branch-name", "b", "--commit-hash", "abc", "--timestamp", "5"],
      "CliCreateOrUpdateBranchDeployment",
      () => ({
        branchData: { repoName: "acme/app", branchName: "b", branchUrl: null, pullRequestUrl: null, pullRequestStatus: null, pullRequestNumber: null },
        commit: { commitHash: "abc", timestamp: 5, commitMessage: null, commitUrl: null, authorName: null, authorEmail: null, authorAvatarUrl: null },
        baseDeploymentName: null,
        snapshotBaseCondition: null,
      }),
    ],
    ["add-location", ["deployment", "add-location", ...LOCATION, "--image", "reg/etl:1", "-d", "prod"], "CliAddOrUpdateLocation", () => ({
      document: { location_name: "etl", code_source: { package_name: "etl" }, image: "reg/etl:1" },
    })],
    ["delete", ["branch-deployment", "delete", name("spark")], "CliDeleteDeployment", () => ({ deploymentId: idOf("spark") })],
  ])("%s", async (_, args, operation, variables) => {
    const expected = variables();
    const result = await sandbox.run([...args, "--dry-run", "--url", emulator.url, "--api-token", TOKEN], { env: { NO_COLOR: "1" } });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: "" });
    const [header, ...json] = result.stderr.split("\n");
    expect(header).toBe(`Dry run: would send ${operation} to ${emulator.url}/graphql with variables:`);
    expect(JSON.parse(json.join("\n"))).toEqual(expected);
    expect(mutations()).toEqual([]);
    expect(remaining()).toHaveLength(8);
    expect(emulator.state.workspace.list(1)).toEqual([]);
    noToken(result);
  });
});

describe("exit codes by kind of failure", () => {
  const addLocation = (image: string, ...more: string[]) => ["deployment", "add-location", ...LOCATION, "--image", image, "-d", name("mr"), ...more];
  it.each<[string, string[], Record<string, string>, Parameters<Emulator["configure"]>[0], number, RegExp]>([
    ["usage error: 2", ["branch-deployment", "list", "--limit", "0"], {}, {}, 2, /^Error: Invalid --limit "0": expected a whole number from 1 to 1000\.\n/],
    ["token rejected: 3", ["branch-deployment", "list"], { DAGSTER_CLOUD_API_TOKEN: "wrong-token-0000" }, {}, 3, /^Error: Dagster\+ rejected the API token .*\(HTTP 401 Unauthorized\)\.\n/],
    ["deployment not found: 4", ["branch-deployment", "delete", "no-such-deployment"], {}, {}, 4, /^Error: No deployment named no-such-deployment exists in this organization\.\n/],
    ["location not found: 4", ["deployment", "delete-location", "nope", "-d", "prod"], {}, {}, 4, /^Error: No location named nope in deployment prod: nothing was deleted\.\n/],
    ["wait timed out (no agent): 5", addLocation("reg/etl:1", "--agent-heartbeat-timeout", "1"), {}, { agent: "none" }, 5, /\nError: No Dagster\+ agent is heartbeating for deployment \w+ \(waited 1(\.\d)? s\)\.\n/],
    ["location failed to load: 6", addLocation("reg/broken:1"), {}, {}, 6, /\nError: Location etl failed to load: /],
  ])("%s", async (_, args, env, config, code, stderr) => {
    emulator.configure(config);
    const result = await run(args, env);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: "" });
    expect(result.stderr).toMatch(stderr);
    noToken(result);
    if (env.DAGSTER_CLOUD_API_TOKEN) expect(result.stdout + result.stderr).not.toContain(env.DAGSTER_CLOUD_API_TOKEN);
  });

  it.each<[NodeJS.Signals, number]>([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ])("%s during the add-location wait: exit %i, empty stdout", async (signal, code) => {
    emulator.configure({ agent: "none" });
    const child = spawn(process.execPath, [BIN, ...addLocation("reg/etl:1"), "--url", emulator.url], { cwd: sandbox.repo, env: sandbox.env(ENV) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("Waiting for the agent") && child.exitCode === null && !child.killed) child.kill(signal);
    });
    const exit = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ exit, stdout }).toEqual({ exit: code, stdout: "" });
    expect(stderr).toContain(`Error: Stopped waiting (${signal}).\nThe update was sent: Dagster+ goes on with it.\n`);
    expect(mutations()).toEqual(["CliAddOrUpdateLocation"]);
  });
});

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`), answers `answer` once the question is
 * shown, and keeps stdin open: the process must exit by itself (a readline left open would hang).
 */
function onTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((arg) => `'${arg}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: sandbox.repo, env: sandbox.env(ENV) });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    const before = output;
    output += chunk.toString();
    if (!before.includes("[y/N] ") && output.includes("[y/N] ")) child.stdin.write(`${answer}\n`);
  });
  const hang = setTimeout(() => child.kill("SIGKILL"), 8000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(hang);
      child.stdin.destroy();
      resolve({ code, output });
    }),
  );
}
