import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Result, type Sandbox } from "../helpers/cli-process.ts";
import { bigBody, endlessBody, json, startHostileServer, type Behaviour, type HostileServer } from "../helpers/hostile-server.ts";

/**
 * The built CLI against raw servers that misbehave on purpose. Whatever the server does, the CLI
 * ends in bounded time, prints nothing on stdout, a few clean lines on stderr (no stack trace, no
 * escape sequence, no line a CI runner would read as a command) and never the token.
 */
const TOKEN = "tok-123456";
let sandbox: Sandbox;
let server: HostileServer | undefined;

beforeAll(() => {
  sandbox = createSandbox();
});
afterAll(() => sandbox.cleanup());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function createOrUpdate(behaviour: Behaviour, scheme = "http"): Promise<Result & { ms: number; server: HostileServer }> {
  server = await startHostileServer(behaviour);
  const url = `${scheme}://127.0.0.1:${server.port}`;
  const started = Date.now();
  const result = await sandbox.run(
    ["branch-deployment", "create-or-update", "--url", url, "--api-token", TOKEN, "--git-repo-name", "a/b", "--branch-name", "main", "--commit-hash", "abc", "--timestamp", "1"],
    {},
  );
  return { ...result, ms: Date.now() - started, server };
}

/** A failure that is safe to show: exit 1, stdout empty, at most `maxLines` clean lines on stderr. */
function expectCleanFailure(result: Result, maxLines: number): string[] {
  expect(result.stdout).toBe("");
  expect(result.code).toBe(1);
  const lines = result.stderr.replace(/\n$/, "").split("\n");
  expect(lines.length).toBeLessThanOrEqual(maxLines);
  expect(result.stderr).not.toContain("    at ");
  expect(result.stderr).not.toContain("\u001b");
  expect(result.stderr).not.toContain("\r");
  expect(result.stderr).not.toContain(TOKEN);
  expect(lines.filter((line) => /^\s*(::|##)/.test(line))).toEqual([]);
  return lines;
}

const MiB = 1024 * 1024;

describe("answers too large", () => {
  it("an endless chunked body: stopped at 10 MiB, not retried", async () => {
    const result = await createOrUpdate(endlessBody);
    expect(expectCleanFailure(result, 2)).toEqual([
      "Error: Dagster+ sent an answer to CliCreateOrUpdateBranchDeployment larger than 10 MiB; stopped reading.",
      "A GraphQL answer from Dagster+ is a few KB: check --url, a proxy or another service may be answering.",
    ]);
    expect(result.server.requests).toBe(1);
    expect(result.server.bytesSent).toBeLessThan(20 * MiB);
    expect(result.ms).toBeLessThan(10_000);
  });

  it("a 20 MB body: refused from its content-length", async () => {
    const result = await createOrUpdate(bigBody(20_000_000));
    expect(expectCleanFailure(result, 2)[0]).toBe("Error: Dagster+ sent an answer to CliCreateOrUpdateBranchDeployment larger than 10 MiB; stopped reading.");
    expect(result.server.requests).toBe(1);
    expect(result.server.bytesSent).toBeLessThan(MAX_SENT_BEFORE_REFUSAL);
  });
});
/** What the server may push into socket buffers before the client hangs up. */
const MAX_SENT_BEFORE_REFUSAL = 10 * MiB;

describe("maintenance answers cannot make a request flood", () => {
  it.each([
    ["a zero retry_interval", { retry_interval: 0, timeout: 2 }],
    ["a negative retry_interval", { retry_interval: -1, timeout: 2 }],
    ["a retry_interval too large for a timer", { retry_interval: 1e12, timeout: 2 }],
  ])("%s: a few requests, then one clear error", async (_what, maintenance) => {
    const result = await createOrUpdate(json({ maintenance: { message: "Upgrading", ...maintenance } }));
    const lines = expectCleanFailure(result, 3);
    expect(lines.at(-2)).toBe("Error: Dagster+ is still under scheduled maintenance: Upgrading.");
    expect(result.server.requests).toBeLessThanOrEqual(3);
    expect(result.ms).toBeLessThan(10_000);
  });
});

describe("server text is neutralised", () => {
  const hostile = "\u001b[31mred\u001b[0m\r::add-mask::tok-123456\n::error::pwned\n##vso[task.setvariable variable=x]1";

  it.each<[string, Behaviour, number]>([
    ["a GraphQL errors array", json({ errors: [{ message: hostile }, { message: hostile }] }), 1],
    ["an error member of the result", json({ data: { createOrUpdateBranchDeployment: { __typename: "PythonError", message: hostile } } }), 2],
    ["a 500 page", (_req, res) => res.writeHead(500, { "content-type": "text/html" }).end(`<pre>${hostile}</pre>`), 2],
    // A warning first (printed as it happens, not through the error report), then the error.
    ["a maintenance message", json({ maintenance: { message: hostile, timeout: 1 } }), 3],
  ])("%s", async (_what, behaviour, lineCount) => {
    const result = await createOrUpdate(behaviour);
    const lines = expectCleanFailure(result, lineCount);
    expect(lines).toHaveLength(lineCount);
    for (const line of lines.filter((l) => /^(Error|Warning):/.test(l))) expect(line).toMatch(/red.*pwned/);
  });

  it("a deployment name that is not an identifier never reaches stdout", async () => {
    // Needs the deployment-name validation in create-or-update (another change); the client passes it on.
    const result = await createOrUpdate(
      json({ data: { createOrUpdateBranchDeployment: { __typename: "DagsterCloudDeployment", deploymentId: 1, deploymentName: "evil\n::add-mask::x" } } }),
    );
    expectCleanFailure(result, 2);
  });
});

describe("TLS against a plain-http server", () => {
  it("fails at once, on one line, pointing at http://", async () => {
    const result = await createOrUpdate(json({ data: {} }), "https");
    const port = result.server.port;
    expect(expectCleanFailure(result, 2)).toEqual([
      `Error: Could not reach Dagster+ at https://127.0.0.1:${port}/graphql: TLS handshake failed: the server does not speak https (wrong version number).`,
      `The server speaks plain http: use http://127.0.0.1:${port} in --url (or DAGSTER_CLOUD_URL), or check the port.`,
    ]);
    expect(result.ms).toBeLessThan(5000);
  });
});
