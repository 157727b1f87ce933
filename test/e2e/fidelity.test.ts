import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { createSandbox, ROOT, type Sandbox } from "../helpers/cli-process.ts";
import { readFileSync } from "node:fs";

/** Exactly what the user meant reaches Dagster+, or nothing does (each case was wrong before). */
const TOKEN = "fidelity-secret-token-1a2b3c";
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

let emulator: Emulator;
let sandbox: Sandbox;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN], loadDelayMs: 0 });
  sandbox = createSandbox();
  writeFileSync(join(sandbox.repo, "dagster_cloud.yaml"), "locations:\n  - location_name: app\n    code_source:\n      package_name: app\n");
  // A config file that cannot be parsed: a fully flagged call must never open it.
  mkdirSync(join(sandbox.home, ".dagster_cloud_cli"));
  writeFileSync(join(sandbox.home, ".dagster_cloud_cli/config"), "organization: [broken\nuser_token: also-broken\n");
});
afterAll(async () => {
  await emulator.close();
  sandbox.cleanup();
});
beforeEach(() => emulator.reset());

const env = { NO_COLOR: "1" };
const explicit = ["--git-repo-name", "acme/app", "--branch-name", "feature/x", "--commit-hash", "abc123", "--timestamp", "1700000000"];
const createArgs = () => ["branch-deployment", "create-or-update", "--url", emulator.url, "--api-token", TOKEN, ...explicit];

async function createBranchDeployment(): Promise<string> {
  const result = await sandbox.run(createArgs(), { env });
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

describe("a fully flagged call never reads the config file (here a broken one)", () => {
  it("create-or-update, add-location, delete-location and delete all succeed", async () => {
    const name = await createBranchDeployment();
    const deployment = ["--url", `${emulator.url}/${name}`, "--api-token", TOKEN];
    const added = await sandbox.run(["deployment", "add-location", "app", "--location-file", "dagster_cloud.yaml", ...deployment, "--location-load-timeout", "30"], { env });
    expect(added).toMatchObject({ code: 0, stdout: "" });
    const removed = await sandbox.run(["deployment", "delete-location", "app", ...deployment], { env });
    expect(removed).toMatchObject({ code: 0, stdout: "" });
    const deleted = await sandbox.run(["branch-deployment", "delete", name, "--url", `${emulator.url}/${name}`, "--api-token", TOKEN], { env });
    expect(deleted).toMatchObject({ code: 0, stdout: "", stderr: `✓ Deleted branch deployment ${name}.\n` });
  });

  it("without the flags, the broken file is named", async () => {
    const result = await sandbox.run(["branch-deployment", "create-or-update", ...explicit], { env });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(/config file .*\.dagster_cloud_cli\/config is not valid YAML/);
  });
});

describe("the wire", () => {
  it("Dagster-Cloud-Version is the protocol's release; User-Agent names this CLI", async () => {
    await createBranchDeployment();
    const [request] = emulator.requests;
    expect(request?.headers["dagster-cloud-version"]).toBe("1.13.7");
    expect(request?.headers["user-agent"]).toMatch(new RegExp(`^dagster-cloud-ts/${version.replace(/\./g, "\\.")} node/\\d+\\.\\d+\\.\\d+$`));
    expect(request?.headers["dagster-cloud-scope"]).toBe("deployment");
  });

  it("--flag=--value is accepted and sent verbatim", async () => {
    const result = await sandbox.run([...createArgs(), "--commit-message=--verbose", "--author-name=-x"], { env });
    expect(result.code).toBe(0);
    const commit = (emulator.requests[0]?.variables as { commit: Record<string, unknown> }).commit;
    expect({ message: commit.commitMessage, author: commit.authorName }).toEqual({ message: "--verbose", author: "-x" });
  });

  it("a URL that ends in /graphql: a note, and the requests go to /graphql (not /graphql/graphql)", async () => {
    const result = await sandbox.run(["branch-deployment", "create-or-update", "--url", `${emulator.url}/graphql`, "--api-token", TOKEN, ...explicit], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Note: --url ends in \/graphql; using http:\/\/127\.0\.0\.1:\d+ as the base URL/);
    expect(emulator.requests.map((r) => r.path)).toEqual(["/graphql"]);
  });

  it("a millisecond timestamp gets a warning and is sent as given", async () => {
    const args = createArgs().map((arg) => (arg === "1700000000" ? "1700000000000" : arg));
    const result = await sandbox.run(args, { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Warning: --timestamp 1700000000000 looks like milliseconds; Dagster\+ expects seconds/);
    expect((emulator.requests[0]?.variables as { commit: { timestamp: number } }).commit.timestamp).toBe(1700000000000);
  });
});

describe("nothing is sent that the user did not mean", () => {
  it.each([
    ["--branch-url $EMPTY --read-git-state", `--git-repo-name a/b --branch-name main --branch-url $EMPTY --read-git-state`, /^Error: --branch-url needs a value, but the next argument is the option --read-git-state\.\n/],
    ["--branch-name $EMPTY --read-git-state", `--git-repo-name a/b --branch-name $EMPTY --read-git-state`, /^Error: --branch-name needs a value, but the next argument is the option --read-git-state\.\n/],
  ])("%s: a usage error, nothing sent", async (_name, flags, message) => {
    const result = await sandbox.sh(`EMPTY=""; dagster-cloud branch-deployment create-or-update --url "$URL" --api-token "$T" ${flags}`, {
      env: { ...env, URL: emulator.url, T: TOKEN },
    });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(message);
    expect(emulator.requests).toEqual([]);
  });

  it("a URL without a scheme is a usage error naming --url / DAGSTER_CLOUD_URL; nothing is sent", async () => {
    const port = new URL(emulator.url).port;
    const result = await sandbox.run(["branch-deployment", "create-or-update", "--url", `127.0.0.1:${port}`, "--api-token", TOKEN, ...explicit], { env });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `Error: Invalid URL in --url / DAGSTER_CLOUD_URL ("127.0.0.1:${port}"): it has no scheme.\nWrite it in full: https://127.0.0.1:${port} (or http:// for a local server).\n`,
    });
    expect(emulator.requests).toEqual([]);
  });

  it("a value with newlines is shown on one line, escaped", async () => {
    const result = await sandbox.run([...createArgs(), "--pull-request-status", "open\nplease\n".repeat(10)], { env });
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").length).toBeLessThanOrEqual(3);
    expect(result.stderr).toMatch(/^Error: Invalid --pull-request-status "open\\nplease\\n/);
  });
});

describe("retries that cannot lie", () => {
  it("the connection drops after Dagster+ deleted the deployment: the resent delete's 'not found' is checked, exit 0", async () => {
    const name = await createBranchDeployment();
    emulator.requests.length = 0;
    // The delete mutation is carried out, then its connection is cut before the answer.
    emulator.injectFault({ kind: "drop-after" });
    const result = await sandbox.run(["branch-deployment", "delete", name, "--url", `${emulator.url}/${name}`, "--api-token", TOKEN], { env });
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(result.stderr).toMatch(/^Warning: could not reach Dagster\+ .*; retrying in .*\n/);
    expect(result.stderr).toContain(`Note: the connection dropped while deleting ${name}; Dagster+ shows it gone, so the first attempt went through.\n`);
    expect(result.stderr).toMatch(new RegExp(`✓ Deleted branch deployment ${name}\\.\n$`));
    expect(emulator.requests.map((r) => [r.operationName, r.status])).toEqual([
      ["DeploymentByNameQuery", 200],
      ["CliDeleteDeployment", 0],
      ["CliDeleteDeployment", 200],
      ["DeploymentByNameQuery", 200],
    ]);
  });
});

describe("not found is named, with the right fix (exit 4)", () => {
  it("delete-location of an unknown location", async () => {
    const result = await sandbox.run(["deployment", "delete-location", "nope", "--url", `${emulator.url}/prod`, "--api-token", TOKEN], { env });
    expect(result).toMatchObject({ code: 4, stdout: "" });
    expect(result.stderr).toMatch(/^Error: No location named nope in this deployment: nothing was deleted\.\nCheck the name \(LOCATION\)/);
  });

  it("delete of an unknown deployment; --if-exists makes it a success", async () => {
    const args = ["branch-deployment", "delete", "0123456789abcdef0123456789abcdef01234567", "--url", emulator.url, "--api-token", TOKEN];
    const missing = await sandbox.run(args, { env });
    expect(missing).toMatchObject({ code: 4, stdout: "" });
    expect(missing.stderr).toMatch(/^Error: No deployment named 0123456789abcdef0123456789abcdef01234567 exists in this organization\./);
    const quiet = await sandbox.run([...args, "--if-exists"], { env });
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: "No deployment named 0123456789abcdef0123456789abcdef01234567: nothing to delete.\n" });
  });
});
