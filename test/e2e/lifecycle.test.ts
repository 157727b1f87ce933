import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { BIN, createSandbox, ROOT, type Sandbox } from "../helpers/cli-process.ts";
import { startProxy, type TestProxy } from "../helpers/proxy.ts";

/**
 * The whole branch-deployment lifecycle with the command lines of real-world-usage.md:
 * create-or-update, add-location (both spellings) and its wait, delete-location, delete. Dagster+
 * is the TLS emulator behind a proxy, so `--organization acme` really means https://acme.dagster.cloud.
 */
const TOKEN = "life-secret-token-77aa";
const TLS = join(ROOT, "test/fixtures/tls");
const BRANCH = createHash("sha1").update("acme/app..feature/x").digest("hex");

let emulator: Emulator;
let proxy: TestProxy;
let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({
    tokens: [TOKEN],
    loadDelayMs: 300,
    tls: { key: readFileSync(join(TLS, "server-key.pem")), cert: readFileSync(join(TLS, "server.pem")) },
  });
  proxy = await startProxy({ redirectTo: { host: "127.0.0.1", port: emulator.port } });
  sandbox = createSandbox();
  writeFileSync(
    join(sandbox.repo, "dagster_cloud.yaml"),
    "locations:\n  - location_name: my_location\n    code_source:\n      package_name: my_package\n    build:\n      directory: .\n  - location_name: other\n    code_source:\n      module_name: other.defs\n",
  );
  env = {
    HTTPS_PROXY: proxy.url,
    NODE_EXTRA_CA_CERTS: join(TLS, "ca.pem"),
    ORG: "acme",
    DAGSTER_CLOUD_API_TOKEN: TOKEN,
    DAGSTER_CLOUD_URL: "https://dagster.cloud/acme",
    REGISTRY: "registry.example.com/app",
    TAG: "abc123",
    SHA: "0123456789abcdef0123456789abcdef01234567",
    GIT_URL: "https://github.com/acme/app/tree/0123456789abcdef0123456789abcdef01234567",
  };
});
afterAll(async () => {
  await Promise.all([emulator.close(), proxy.close()]);
  sandbox.cleanup();
});
beforeEach(() => emulator.configure({ agent: "running", loadDelayMs: 300 }));

const createOrUpdate = `dagster-cloud branch-deployment create-or-update --organization "$ORG" --git-repo-name acme/app --branch-name feature/x --read-git-state`;

describe("the branch-deployment lifecycle", () => {
  it("create-or-update, then deployment add-location waits until the location has loaded", async () => {
    const script = `
      BRANCH_DEPLOYMENT_NAME=$(${createOrUpdate})
      dagster-cloud deployment add-location --organization "$ORG" --deployment "$BRANCH_DEPLOYMENT_NAME" \\
          --api-token "$DAGSTER_CLOUD_API_TOKEN" --location-file dagster_cloud.yaml --location-name my_location \\
          --image "$REGISTRY:$TAG" --commit-hash "$SHA" --git-url "$GIT_URL"
      echo "deployed to $BRANCH_DEPLOYMENT_NAME"`;
    const result = await sandbox.sh(script, { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`deployed to ${BRANCH}\n`);
    expect(result.stderr).toMatch(new RegExp(`^Added or updated location my_location in deployment ${BRANCH}\\.\\n`));
    expect(result.stderr).toMatch(/✓ Location my_location loaded in \d+(\.\d+)? s\.\n$/);
    const sent = emulator.requests.find((r) => r.operationName === "CliAddOrUpdateLocation");
    expect(sent?.path).toBe(`/${BRANCH}/graphql`);
    expect(sent?.headers["dagster-cloud-deployment"]).toBe(BRANCH);
    expect(sent?.variables).toEqual({
      document: {
        location_name: "my_location",
        code_source: { package_name: "my_package" },
        image: "registry.example.com/app:abc123",
        git: { commit_hash: env.SHA, url: env.GIT_URL },
      },
    });
  });

  it("workspace add-location with the Action's flags waits for this update, not the earlier load", async () => {
    emulator.requests.length = 0;
    const script = `
      dagster-cloud workspace add-location --url "$DAGSTER_CLOUD_URL/${BRANCH}" \\
          --api-token "$DAGSTER_CLOUD_API_TOKEN" --location-file dagster_cloud.yaml --location-name my_location \\
          --image "$REGISTRY:v2" --location-load-timeout 600 --agent-heartbeat-timeout 90 \\
          --git-url "$GIT_URL" --commit-hash "$SHA"`;
    const result = await sandbox.sh(script, { env });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: "" });
    // The location was LOADED before this update: the wait must have seen the new version load.
    const polls = emulator.requests.filter((r) => r.operationName === "CliLocationsQuery");
    expect(polls.length).toBeGreaterThan(1);
    expect(result.stderr).toMatch(/✓ Location my_location loaded in/);
  });

  it("a broken image: exit 6 with the load error and its chain on stderr", async () => {
    const result = await sandbox.run(["deployment", "add-location", "-d", BRANCH, "--location-file", "dagster_cloud.yaml", "--location-name", "my_location", "--image", "registry.example.com/broken:1"], { env: { ...env, DAGSTER_CLOUD_URL: undefined, DAGSTER_CLOUD_ORGANIZATION: "acme" } });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 6, stdout: "" });
    expect(result.stderr).toMatch(/Error: Location my_location failed to load: /);
    expect(result.stderr).toMatch(/The above exception was caused by the following exception:/);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("no agent: exit 5 once the heartbeat timeout has passed", async () => {
    emulator.configure({ agent: "none" });
    const result = await sandbox.run(["deployment", "add-location", "other", "--location-file", "dagster_cloud.yaml", "-d", BRANCH, "--agent-heartbeat-timeout", "1", "-o", "acme"], { env });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 5, stdout: "" });
    expect(result.stderr).toMatch(new RegExp(`Error: No Dagster\\+ agent is heartbeating for deployment ${BRANCH} \\(waited 1(\\.\\d)? s\\)\\.`));
  });

  it("--no-wait returns once the update is sent", async () => {
    emulator.configure({ agent: "none" });
    const result = await sandbox.run(["deployment", "update-location", "other", "--from", "dagster_cloud.yaml", "-d", BRANCH, "-o", "acme", "--no-wait"], { env });
    expect(result).toEqual({ code: 0, stdout: "", stderr: `Added or updated location other in deployment ${BRANCH}.\n` });
  });

  it("Ctrl-C while waiting stops cleanly with exit 130", async () => {
    emulator.configure({ agent: "none" });
    const child = spawn(process.execPath, [BIN, "deployment", "add-location", "other", "--location-file", "dagster_cloud.yaml", "-d", BRANCH, "-o", "acme"], {
      cwd: sandbox.repo,
      env: sandbox.env(env),
    });
    let stderr = "";
    let stdout = "";
    let sent = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && stderr.includes("Waiting for the agent")) sent = child.kill("SIGINT");
    });
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ code, stdout }).toEqual({ code: 130, stdout: "" });
    expect(stderr).toMatch(/Error: Stopped waiting \(SIGINT\)\./);
  });

  it("delete-location, then branch-deployment delete; production is refused", async () => {
    const script = `
      dagster-cloud deployment delete-location other -o "$ORG" -d ${BRANCH}
      dagster-cloud branch-deployment delete ${BRANCH} -o "$ORG"
      dagster-cloud branch-deployment delete -o "$ORG" --deployment prod || echo "refused with $?"`;
    const result = await sandbox.sh(script, { env });
    expect(result.stdout).toBe("refused with 1\n");
    // As the Python CLI: each delete request goes to the deployment's own URL, with no deployment header.
    const deletes = emulator.requests.filter((r) => ["DeploymentByNameQuery", "CliDeleteDeployment"].includes(r.operationName ?? ""));
    expect(deletes.map((r) => [r.operationName, r.path, r.headers["dagster-cloud-deployment"]])).toEqual([
      ["DeploymentByNameQuery", `/${BRANCH}/graphql`, undefined],
      ["CliDeleteDeployment", `/${BRANCH}/graphql`, undefined],
      ["DeploymentByNameQuery", "/prod/graphql", undefined],
    ]);
    expect(result.stderr).toBe(
      `✓ Deleted location other from deployment ${BRANCH}.\n` +
        `✓ Deleted branch deployment ${BRANCH}.\n` +
        "Error: Deployment prod is a PRODUCTION deployment, not a branch deployment: it was not deleted.\nThis command deletes branch deployments only.\n",
    );
    const again = await sandbox.run(["branch-deployment", "delete", BRANCH, "-o", "acme"], { env });
    expect(again).toMatchObject({ code: 4, stdout: "" });
    expect(again.stderr).toMatch(new RegExp(`^Error: No deployment named ${BRANCH} exists in this organization\\.`));
  });
});
