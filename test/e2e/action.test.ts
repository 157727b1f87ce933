import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { collect, createSandbox, ROOT, type Result, type Sandbox } from "../helpers/cli-process.ts";
import { parseOutputs } from "../fixtures/templates/github.ts";

/**
 * The GitHub Action's committed entry point (action/index.js), run with node as the runner runs
 * it: INPUT_* variables (hyphens kept: INPUT_API-TOKEN), the GITHUB_* environment of a
 * pull_request run, a fake event file, $GITHUB_OUTPUT a temporary file, the workspace a checkout
 * at the PR's head commit; Dagster+ is the emulator.
 */
const TOKEN = "action-secret-token-83b1d0";
const FIXTURE_HEAD = "3f2a9c1e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
const ENTRY = join(ROOT, "action/index.js");
const NAME = createHash("sha1").update("acme/app..feature/x").digest("hex");

let emulator: Emulator;
let sandbox: Sandbox;
let head: string;
let runner: string;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN], loadDelayMs: 50 });
  sandbox = createSandbox();
  writeFileSync(join(sandbox.repo, "dagster_cloud.yaml"), "locations:\n  - location_name: my_location\n    code_source:\n      package_name: my_package\n  - location_name: other\n    code_source:\n      module_name: other.defs\n");
  sandbox.git("add", ".");
  sandbox.git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "Add feature x");
  head = sandbox.git("rev-parse", "HEAD");
  runner = join(sandbox.home, "_temp");
  mkdirSync(runner);
});
afterAll(async () => {
  await emulator.close();
  sandbox.cleanup();
});
beforeEach(() => emulator.reset());

interface ActionRun extends Result {
  outputs: Record<string, string>;
  outputText: string;
}

/** Runs the action for `event` (a fixture) with these inputs, as a runner would. */
async function runAction(event: string, inputs: Record<string, string>, extra: Record<string, string> = {}): Promise<ActionRun> {
  const eventPath = join(runner, "event.json");
  writeFileSync(eventPath, readFileSync(join(ROOT, "test/fixtures/ci", event), "utf8").replaceAll(FIXTURE_HEAD, head));
  const outputPath = join(runner, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(outputPath, "");
  const fixture = (JSON.parse(readFileSync(join(ROOT, "test/fixtures/ci/github.json"), "utf8")) as Record<string, Record<string, string>>).pr;
  const env = {
    ...fixture,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_WORKSPACE: sandbox.repo,
    RUNNER_TEMP: runner,
    // What action.yml's defaults give when an input is not set.
    "INPUT_LOCATION-FILE": "dagster_cloud.yaml",
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...extra,
  };
  const result = await collect(process.execPath, [ENTRY], { cwd: sandbox.repo, env: sandbox.env(env) });
  const outputText = readFileSync(outputPath, "utf8");
  return { ...result, outputText, outputs: parseOutputs(outputText) };
}

/** The token appears once, in the mask command that hides it from the rest of the log. */
function expectTokenOnlyMasked(run: ActionRun, token = TOKEN): void {
  const lines = run.stdout.split("\n");
  expect(lines[0]).toBe(`::add-mask::${token}`);
  expect(lines.slice(1).join("\n")).not.toContain(token);
  expect(run.stderr).not.toContain(token);
  expect(run.outputText).not.toContain(token);
}

const CONNECTION = () => ({ url: emulator.url, "api-token": TOKEN });

describe("the GitHub Action", () => {
  it("metadata: a node24 JavaScript action whose entry is the committed bundle, with the documented inputs and outputs", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: Record<string, unknown> };
    expect(action.runs).toEqual({ using: "node24", main: "action/index.js" });
    expect(Object.keys(action.inputs)).toEqual(["organization", "url", "api-token", "location-file", "location-name", "image", "base-deployment-name"]);
    expect(Object.keys(action.outputs)).toEqual(["deployment", "url"]);
  });

  it("action/index.js is the build of src/action/ (rebuilding gives the same bytes)", async () => {
    const check = await collect(process.execPath, [join(ROOT, "scripts/build-action.mjs"), "--check"], { cwd: ROOT });
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });

  it.each(["github-event-pr-synchronize.json", "github-event-pr-fork.json"])(
    "%s: creates or updates the branch deployment from the event, deploys the location, sets the outputs",
    async (event) => {
      const run = await runAction(event, { ...CONNECTION(), "location-name": "my_location", image: `ghcr.io/acme/app:${head}`, "base-deployment-name": "prod" });
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expectTokenOnlyMasked(run);
      const fork = event.includes("fork");
      const name = fork ? createHash("sha1").update("acme/app..main").digest("hex") : NAME;
      expect(run.outputs).toEqual({ deployment: name, url: `${emulator.url}/${name}` });
      expect(run.stdout).toContain(`Branch deployment ${name}: ${emulator.url}/${name}\n`);

      const [create] = emulator.requests.filter((r) => r.operationName === "CliCreateOrUpdateBranchDeployment");
      expect(create?.variables).toMatchObject({
        branchData: {
          repoName: "acme/app",
          branchName: fork ? "main" : "feature/x",
          pullRequestNumber: "7",
          pullRequestStatus: "OPEN",
          pullRequestUrl: "https://github.com/acme/app/pull/7",
          branchUrl: `https://github.com/${fork ? "octocat/app/tree/main" : "acme/app/tree/feature/x"}`,
        },
        commit: { commitHash: head, commitMessage: "Add feature x", authorName: "Ann Author" },
        baseDeploymentName: "prod",
      });
      const [add] = emulator.requests.filter((r) => r.operationName === "CliAddOrUpdateLocation");
      expect(add?.headers["dagster-cloud-deployment"]).toBe(name);
      expect(add?.variables).toEqual({
        document: {
          location_name: "my_location",
          code_source: { package_name: "my_package" },
          image: `ghcr.io/acme/app:${head}`,
          git: { commit_hash: head, url: `https://github.com/${fork ? "octocat" : "acme"}/app/tree/${head}` },
        },
      });
    },
  );

  it("without location-name and image: creates the branch deployment only", async () => {
    const run = await runAction("github-event-pr-synchronize.json", CONNECTION());
    expect(run.code, run.stderr).toBe(0);
    expect(run.outputs.deployment).toBe(NAME);
    expect(emulator.requests.map((r) => r.operationName)).toEqual(["CliCreateOrUpdateBranchDeployment"]);
  });

  it.each([
    { event: "github-event-pr-merged.json", status: "MERGED" },
    { event: "github-event-pr-closed.json", status: "CLOSED" },
  ])("$event: marks the branch deployment $status and deploys nothing", async ({ event, status }) => {
    await fetch(`${emulator.url}/__emulator/branch-deployments`, {
      method: "POST",
      body: JSON.stringify({ repoName: "acme/app", branchName: "feature/x", pullRequestStatus: "OPEN", pullRequestNumber: "7", commits: [{ commitHash: head, timestamp: 1_700_000_000 }] }),
    });
    const run = await runAction(event, { ...CONNECTION(), "location-name": "my_location", image: "ghcr.io/acme/app:x" });
    expect(run.code, run.stderr).toBe(0);
    expectTokenOnlyMasked(run);
    expect(run.outputs).toEqual({ deployment: NAME, url: `${emulator.url}/${NAME}` });
    const mutations = emulator.requests.filter((r) => r.operationName === "CliCreateOrUpdateBranchDeployment");
    expect(mutations.map((r) => (r.variables as { branchData: { pullRequestStatus: string } }).branchData.pullRequestStatus)).toEqual([status]);
    expect(emulator.requests.some((r) => r.operationName === "CliAddOrUpdateLocation")).toBe(false);
  });

  it("closed, without a branch deployment: a warning, success, no outputs", async () => {
    const run = await runAction("github-event-pr-closed.json", CONNECTION());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("::warning::This pull request has no branch deployment: nothing to mark closed.\n");
    expect(run.outputText).toBe("");
  });

  it("a failure is exit 1 with one ::error:: line; the token is nowhere, even when the server repeats it", async () => {
    emulator.injectFault({ kind: "graphql-error", message: `token ${TOKEN} is not allowed here` });
    const run = await runAction("github-event-pr-synchronize.json", CONNECTION());
    expect(run.code).toBe(1);
    expectTokenOnlyMasked(run);
    const errors = run.stdout.split("\n").filter((line) => line.startsWith("::error::"));
    expect(errors).toEqual([expect.stringMatching(/^::error::Could not create or update the branch deployment: .*token \*\*\*\* is not allowed here/)]);
    expect(run.outputText).toBe("");
  });

  it("a rejected token is exit 1 with an ::error:: line naming the problem, and the token masked", async () => {
    const wrong = "wrong-token-value-1234";
    const run = await runAction("github-event-pr-synchronize.json", { url: emulator.url, "api-token": wrong });
    expect(run.code).toBe(1);
    expectTokenOnlyMasked(run, wrong);
    expect(run.stdout).toMatch(/^::error::Could not create or update the branch deployment: .*token/im);
  });

  it.each<{ inputs: Record<string, string>; error: string }>([
    { inputs: { url: "http://127.0.0.1:9" }, error: "::error::The api-token input is empty." },
    { inputs: { "api-token": TOKEN }, error: "::error::Set the organization input (or url, for a Dagster+ URL)." },
  ])("a missing input is an ::error:: naming it, before any request: $error", async ({ inputs, error }) => {
    const run = await runAction("github-event-pr-synchronize.json", inputs);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(error);
    expect(emulator.requests).toHaveLength(0);
  });

  it("outside a pull_request event: an ::error:: saying how to run it", async () => {
    const run = await runAction("github-event-push.json", CONNECTION(), { GITHUB_EVENT_NAME: "push" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::This action handles pull_request events, not "push".');
    expect(emulator.requests).toHaveLength(0);
  });
});
