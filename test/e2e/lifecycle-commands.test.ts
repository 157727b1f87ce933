/**
 * get, list, close and prune, in process, against the emulator seeded with a realistic
 * organization (test/cli/lifecycle-org.ts): exact stdout, stderr, exit codes, the requests sent
 * and their effect on the emulator's state. Runs through test/cli/lifecycle-harness.ts until the
 * commands are wired into src/cli.ts; then a spawn-based test of the built bin/ can join these.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { seedBranchDeployments } from "../../emulator/seed.ts";
import { nodeTransport, type Transport } from "../../src/api/transport.ts";
import { runLifecycle, type LifecycleOptions } from "../cli/lifecycle-harness.ts";
import { name, nameOf, ORG, seedOrganization, type Label } from "../cli/lifecycle-org.ts";

const TOKEN = "lifecycle-token-9f8e7d";
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  seedOrganization(emulator);
});

const run = (args: string[], options: LifecycleOptions = {}) =>
  runLifecycle(["branch-deployment", ...args, "--url", emulator.url], {
    ...options,
    env: { DAGSTER_CLOUD_API_TOKEN: TOKEN, NO_COLOR: "1", ...options.env },
  });
const operations = () => emulator.requests.map((r) => r.operationName);
const mutations = () => emulator.requests.filter((r) => JSON.stringify(r.body).includes('"query":"mutation'));
const remaining = () => emulator.state.list().map((d) => d.deploymentName);
const lines = (...labels: Label[]) => labels.map((l) => `${name(l)}\n`).join("");
const ALL: Label[] = ["mr", "ingest", "deps", "typo", "model", "spark", "old"];

describe("list", () => {
  it("on a terminal: a table, newest commit first, with each commit's age; one query, no mutation", async () => {
    const result = await run(["list"], { stdoutIsTTY: true });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(
      [
        "NAME                                      REPOSITORY          BRANCH             PR          COMMIT   AGE",
        "02791811edd1c18ff30f4e9a4f0d51564c752ae6  analytics/dbt       mr-orders          #7 open     6666666  30m",
        "69b963001071fa8755d434d24fb38dcf0c0f5287  acme/data-platform  feature/ingest-v2  #101 open   1a2b3c4  2h",
        "39e1d36a10e7041d710ab6316cd3ed99cd40a4db  acme/ml-models      chore/deps         #15 merged  5555555  3d",
        "205018bdfbab1b87e12c491ee153edc811a2f326  acme/data-platform  fix/typo           #98 merged  2222222  12d",
        "cafed232a1f3f2a0c54e8cdfb45eb860d5c3390e  acme/ml-models      feature/new-model  #12 open    4444444  45d",
        "86449007275dcc16bd80b7cb826ce61bbe5b4497  acme/data-platform  exp/spark          #77 closed  3333333  13w",
        "00be602265038402584d70ee7f727be57039a05b  analytics/dbt       old-branch         -           7777777  30w",
        "",
      ].join("\n"),
    );
    expect(operations()).toEqual(["CliBranchDeployments"]);
    expect(emulator.requests[0]?.variables).toEqual({ limit: 100, pullRequestStatus: null });
  });

  it("piped: one tab-separated line per deployment, name first, `-` for what is absent", async () => {
    const result = await run(["list"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(-3)).toEqual([
      `${name("spark")}\tacme/data-platform\texp/spark\t77\tCLOSED\t${"3".repeat(40)}\t2026-08-24T12:00:00Z\thttps://github.com/acme/data-platform/pull/77`,
      `${name("old")}\tanalytics/dbt\told-branch\t-\t-\t${"7".repeat(40)}\t2026-05-01T12:00:00Z\t-`,
      "",
    ]);
    expect(result.stdout.split("\n").slice(0, -1).map((line) => line.split("\t")[0])).toEqual(ALL.map(name));
  });

  it("--json: an array of objects with the documented keys", async () => {
    const result = await run(["list", "--json"], { stdoutIsTTY: true });
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r.name)).toEqual(ALL.map(name));
    expect(rows[1]).toEqual({
      name: name("ingest"),
      repoName: "acme/data-platform",
      branchName: "feature/ingest-v2",
      pullRequestNumber: "101",
      pullRequestStatus: "OPEN",
      pullRequestUrl: "https://github.com/acme/data-platform/pull/101",
      commitHash: "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d",
      timestamp: ORG.ingest.commits[1]!.timestamp,
    });
    expect(rows[6]).toMatchObject({ pullRequestNumber: null, pullRequestStatus: null, pullRequestUrl: null });
  });

  it("--status merged asks Dagster+ for merged ones only", async () => {
    const result = await run(["list", "--status", "Merged"]);
    expect(result.stdout.split("\n").map((l) => l.split("\t")[0])).toEqual([name("deps"), name("typo"), ""]);
    expect(emulator.requests[0]?.variables).toEqual({ limit: 100, pullRequestStatus: "MERGED" });
  });

  it("--limit: a full page says there may be more, on stderr", async () => {
    const result = await run(["list", "--limit", "3"]);
    expect(result.stdout.split("\n")).toHaveLength(4);
    expect(result.stderr).toBe("Note: Dagster+ gave the 3 asked for; there may be more: raise --limit (up to 1000).\n");
  });

  it("nothing to list: empty stdout (`[]` with --json), a note on stderr", async () => {
    emulator.reset();
    expect(await run(["list"])).toMatchObject({ code: 0, stdout: "", stderr: "No branch deployments.\n" });
    expect(await run(["list", "--json"])).toMatchObject({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("values from the server cannot break the line format or the terminal", async () => {
    emulator.reset();
    seedBranchDeployments(emulator.state, [
      { repoName: "acme/x\ty", branchName: "evil\n::set-output name=x::\u001b[31mred", pullRequestStatus: "OPEN", pullRequestNumber: "1\t2", commits: [{ commitHash: "abc\r\ndef", timestamp: 1_790_000_000 }] },
    ]);
    const piped = await run(["list"]);
    expect(piped.stdout.split("\n")).toHaveLength(2);
    expect(piped.stdout.split("\t")).toHaveLength(8);
    expect(piped.stdout).toContain("acme/x\\ty\tevil\\n::set-output name=x::\\e[31mred\t1\\t2\tOPEN\tabc\\r\\ndef\t");
    const table = await run(["list"], { stdoutIsTTY: true });
    expect(table.stdout.split("\n")).toHaveLength(3);
    expect(table.stdout).not.toContain("\u001b");
  });
});

describe("get", () => {
  it("prints the existing branch deployment's name; two queries, no mutation", async () => {
    const result = await run(["get", "--git-repo-name", "acme/ml-models", "--branch-name", "chore/deps"]);
    expect(result).toMatchObject({ code: 0, stdout: `${name("deps")}\n`, stderr: "" });
    expect(operations()).toEqual(["CliGetBranchDeploymentName", "CliBranchDeploymentByName"]);
  });

  it("none: exit 4, nothing on stdout, one line on stderr, nothing created", async () => {
    const result = await run(["get", "--repo-name", "acme/ml-models", "--branch-name", "never-pushed"]);
    expect(result).toMatchObject({
      code: 4,
      stdout: "",
      stderr: 'Error: No branch deployment exists for "acme/ml-models" branch "never-pushed".\n',
    });
    expect(mutations()).toEqual([]);
    expect(emulator.state.byName(nameOf("acme/ml-models", "never-pushed"))).toBeUndefined();
  });
});

describe("close", () => {
  it("re-sends the latest commit and branch data with status CLOSED, and prints the name", async () => {
    const result = await run(["close", "--git-repo-name", "acme/data-platform", "--branch-name", "feature/ingest-v2"]);
    expect(result).toMatchObject({ code: 0, stdout: `${name("ingest")}\n`, stderr: "" });
    expect(operations()).toEqual(["CliGetBranchDeploymentName", "CliBranchDeploymentByName", "CliCreateOrUpdateBranchDeployment"]);
    const { branchUrl, pullRequestUrl, pullRequestNumber } = ORG.ingest;
    expect(emulator.requests[2]?.variables).toEqual({
      branchData: { repoName: "acme/data-platform", branchName: "feature/ingest-v2", branchUrl, pullRequestUrl, pullRequestStatus: "CLOSED", pullRequestNumber },
      commit: { authorAvatarUrl: null, ...ORG.ingest.commits[1] },
      baseDeploymentName: "prod",
      snapshotBaseCondition: null,
    });
    const record = emulator.state.byName(name("ingest"))!;
    expect(record.branchDeploymentGitMetadata?.pullRequestStatus).toBe("CLOSED");
    expect(record.commits.at(-1)).toEqual(record.commits.at(-2));
  });

  it("--status merged", async () => {
    const result = await run(["close", "--git-repo-name", "acme/ml-models", "--branch-name", "feature/new-model", "--status", "merged"]);
    expect(result.stdout).toBe(`${name("model")}\n`);
    expect(emulator.state.byName(name("model"))?.branchDeploymentGitMetadata?.pullRequestStatus).toBe("MERGED");
  });

  it("already in that status: prints the name and sends nothing", async () => {
    const result = await run(["close", "--git-repo-name", "acme/data-platform", "--branch-name", "exp/spark"]);
    expect(result).toMatchObject({ code: 0, stdout: `${name("spark")}\n` });
    expect(result.stderr).toBe(`Branch deployment ${name("spark")} is already marked closed: nothing sent.\n`);
    expect(mutations()).toEqual([]);
  });

  it("none: exit 4, nothing created", async () => {
    const result = await run(["close", "--git-repo-name", "acme/app", "--branch-name", "gone"]);
    expect(result).toMatchObject({ code: 4, stdout: "" });
    expect(result.stderr).toMatch(/^Error: No branch deployment exists for "acme\/app" branch "gone"\.\n/);
    expect(mutations()).toEqual([]);
  });
});

describe("prune", () => {
  const STALE = ["--status", "closed,merged", "--older-than", "30d"];
  const SELECTED: Label[] = ["deps", "typo", "model", "spark", "old"];

  it("--dry-run prints the selection and deletes nothing", async () => {
    const result = await run(["prune", ...STALE, "--dry-run"]);
    expect(result).toMatchObject({ code: 0, stdout: lines(...SELECTED) });
    expect(result.stderr).toMatch(/^Would delete 5 branch deployments \(pull request closed or merged, or latest commit older than 30d\):\nNAME /);
    expect(mutations()).toEqual([]);
    expect(remaining()).toHaveLength(8);
  });

  it("--dry-run --json prints the selection as JSON", async () => {
    const result = await run(["prune", "--older-than", "8w", "--dry-run", "--json"]);
    expect((JSON.parse(result.stdout) as { name: string }[]).map((r) => r.name)).toEqual([name("spark"), name("old")]);
  });

  it("--yes deletes exactly the selection, each checked again first, and never production", async () => {
    const result = await run(["prune", ...STALE, "--yes"]);
    expect(result).toMatchObject({ code: 0, stdout: lines(...SELECTED) });
    expect(result.stderr).toMatch(/\nDeleted 5 of 5 branch deployments\.\n$/);
    expect(remaining().sort()).toEqual(["prod", name("mr"), name("ingest")].sort());
    expect(mutations()).toHaveLength(5);
    expect(operations()).toEqual(["CliBranchDeployments", ...SELECTED.flatMap(() => ["DeploymentByNameQuery", "CliDeleteDeployment"])]);
  });

  it("selects by status alone, or by age alone", async () => {
    expect((await run(["prune", "--status", "closed", "--yes"])).stdout).toBe(lines("spark"));
    expect((await run(["prune", "--older-than", "100d", "-y"])).stdout).toBe(lines("old"));
    expect(remaining()).toHaveLength(6);
  });

  it("nothing selected: exit 0, empty stdout, no question asked", async () => {
    const result = await run(["prune", "--older-than", "520w"]);
    expect(result).toMatchObject({ code: 0, stdout: "", stderr: "No branch deployment to prune (latest commit older than 520w).\n" });
  });

  it("without --yes and without a terminal: exit 2 naming --yes, nothing deleted", async () => {
    const result = await run(["prune", ...STALE]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Error: Refusing to delete 5 branch deployments without --yes: there is no terminal to ask for confirmation\.\nCheck the selection with --dry-run, then run again with --yes\.\n$/);
    expect(mutations()).toEqual([]);
  });

  it.each([
    [true, 0, 2],
    [false, 1, 0],
  ])("on a terminal, asks on stderr; answer yes=%s: exit %i, %i deleted", async (answer, code, deleted) => {
    const asked: string[] = [];
    const confirm = async (question: string) => (asked.push(question), answer);
    const result = await run(["prune", "--status", "merged"], { confirm });
    expect(asked).toEqual(["Delete these 2 branch deployments? [y/N] "]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe(answer ? lines("deps", "typo") : "");
    expect(remaining()).toHaveLength(8 - deleted);
  });

  it("one failed deletion does not stop the others; exit 1", async () => {
    emulator.injectFault({ kind: "result", typename: "PythonError", message: "database is locked" });
    const result = await run(["prune", "--status", "closed,merged", "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(lines("typo", "spark"));
    expect(result.stderr).toContain(`✗ ${name("deps")}: Dagster+ could not delete branch deployment ${name("deps")}: database is locked (PythonError).\n`);
    expect(result.stderr).toContain("Deleted 2 of 3 branch deployments; 1 failed.\nError: 1 of 3 branch deployments could not be deleted.\n");
    expect(remaining()).toContain(name("deps"));
  });

  it("--yes --json reports each outcome", async () => {
    emulator.injectFault({ kind: "result", typename: "PythonError", message: "boom" });
    const result = await run(["prune", "--status", "merged", "--yes", "--json"]);
    const rows = JSON.parse(result.stdout) as { name: string; outcome: string; error: string | null }[];
    expect(rows.map(({ name, outcome }) => [name, outcome])).toEqual([
      [name("deps"), "failed"],
      [name("typo"), "deleted"],
    ]);
    expect(rows[0]?.error).toMatch(/boom/);
    expect(result.code).toBe(1);
  });

  it("never deletes a deployment that is not BRANCH, whatever the listing says", async () => {
    // A listing that (wrongly) includes prod as a closed branch deployment, and a branch deployment
    // that has become something else by the time it is checked again.
    const lying: Transport = async (request) => {
      const response = await nodeTransport(request);
      if (!request.body.includes("CliBranchDeployments")) return response;
      const json = JSON.parse(response.body) as { data: { branchDeployments: { nodes: Record<string, unknown>[] } } };
      const nodes = json.data.branchDeployments.nodes;
      nodes.push({ ...nodes[0], deploymentId: 1, deploymentName: "prod", deploymentType: "PRODUCTION" });
      emulator.state.byName(name("spark"))!.deploymentType = "PRODUCTION";
      return { ...response, body: JSON.stringify(json) };
    };
    const result = await run(["prune", "--status", "closed", "--yes"], { transport: lying });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`✗ ${name("spark")}: ${name("spark")} is a PRODUCTION deployment, not a branch deployment: not deleted.\n`);
    expect(remaining()).toContain("prod");
    expect(remaining()).toContain(name("spark"));
    expect(mutations()).toEqual([]);
  });

  it("a deployment already gone by the time it is checked is not a failure", async () => {
    const racing: Transport = async (request) => {
      const response = await nodeTransport(request);
      if (request.body.includes("CliBranchDeployments")) emulator.state.delete(emulator.state.byName(name("spark"))!.deploymentId);
      return response;
    };
    const result = await run(["prune", "--status", "closed,merged", "--yes"], { transport: racing });
    expect(result).toMatchObject({ code: 0, stdout: lines("deps", "typo") });
    expect(result.stderr).toContain(`${name("spark")} was already deleted.\n`);
  });

  it("the token never appears in any output", async () => {
    const result = await run(["prune", ...STALE, "--yes", "--verbose"]);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });
});
