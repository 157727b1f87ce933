import { describe, expect, it } from "vitest";
import { createClient, retryAfter, type ClientOptions } from "../../src/api/client.ts";
import { CREATE_OR_UPDATE_BRANCH_DEPLOYMENT } from "../../src/api/operations/create-or-update-branch-deployment.ts";
import { ConnectionFailure, connectionFailure, nodeTransport, type Transport } from "../../src/api/transport.ts";
import { ApiError, AuthError, TransportError } from "../../src/errors.ts";
import { strictMswServer } from "../helpers/msw.ts";
import { deployment, mswCreateOrUpdate, mswNetworkErrorOnce, mswRawOnce, ORG_URL, type Seen } from "../helpers/msw-dagster.ts";

const server = strictMswServer();
const TOKEN = "user:secret-token-1234";
const VARIABLES = { branchData: { repoName: "acme/app", branchName: "b" }, commit: { commitHash: "abc", timestamp: 1 } };

function client(overrides: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  const warnings: string[] = [];
  let clock = Date.parse("2026-11-27T12:00:00Z");
  const request = createClient({
    baseUrl: ORG_URL,
    token: TOKEN,
    tokenSource: "DAGSTER_CLOUD_API_TOKEN",
    userAgent: "dagster-cloud-ts/9.9.9 node/test",
    version: "9.9.9",
    transport: nodeTransport,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    random: () => 0.5,
    warn: (line) => warnings.push(line),
    ...overrides,
  });
  return { call: () => request(CREATE_OR_UPDATE_BRANCH_DEPLOYMENT, VARIABLES), sleeps, warnings };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect(String((error as Error).message) + String((error as ApiError).hint)).not.toContain("secret-token");
  return error as Error;
}

describe("GraphQL client", () => {
  it("POSTs query, variables and operationName with the Dagster+ headers", async () => {
    const seen: Seen[] = [];
    server.use(mswCreateOrUpdate(deployment(), seen));
    expect(await client().call()).toEqual({ createOrUpdateBranchDeployment: deployment() });
    expect(seen).toHaveLength(1);
    const [{ headers, body }] = seen as [Seen];
    expect(Object.fromEntries(headers)).toMatchObject({
      "dagster-cloud-api-token": TOKEN,
      "dagster-cloud-scope": "deployment",
      "dagster-cloud-version": "9.9.9",
      "user-agent": "dagster-cloud-ts/9.9.9 node/test",
      "content-type": "application/json",
    });
    expect(body).toEqual({
      query: CREATE_OR_UPDATE_BRANCH_DEPLOYMENT.document,
      variables: VARIABLES,
      operationName: "CliCreateOrUpdateBranchDeployment",
    });
  });

  it("retries 502, 503 and 504 with exponential backoff", async () => {
    server.use(mswRawOnce(502, "bad gateway"), mswRawOnce(503, "unavailable"), mswRawOnce(504, "timeout"), mswCreateOrUpdate(deployment()));
    const c = client();
    await c.call();
    expect(c.sleeps).toEqual([1000, 2000, 4000]);
    expect(c.warnings[0]).toBe("Dagster+ answered HTTP 502 Bad Gateway; retrying in 1.0 s...");
  });

  it("adds jitter of ±25% to the backoff", async () => {
    server.use(mswRawOnce(503, "x"), mswRawOnce(503, "x"), mswCreateOrUpdate(deployment()));
    const c = client({ random: () => 0 });
    await c.call();
    expect(c.sleeps).toEqual([750, 1500]);
  });

  it("honours Retry-After in seconds on 429, and retries 409", async () => {
    server.use(mswRawOnce(429, { error: "slow down" }, { "retry-after": "7" }), mswRawOnce(409, { error: "conflict" }), mswCreateOrUpdate(deployment()));
    const c = client();
    await c.call();
    expect(c.sleeps).toEqual([7000, 2000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    server.use(mswRawOnce(503, "x", { "retry-after": "Fri, 27 Nov 2026 12:00:12 GMT" }), mswCreateOrUpdate(deployment()));
    const c = client();
    await c.call();
    expect(c.sleeps).toEqual([12000]);
  });

  it("gives up after 3 retries with a clear error", async () => {
    server.use(...[1, 2, 3, 4].map(() => mswRawOnce(503, "unavailable")));
    const error = await failure(client().call());
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toBe("Dagster+ answered HTTP 503 Service Unavailable to CliCreateOrUpdateBranchDeployment, 4 times in a row.");
  });

  it("retries a dropped connection", async () => {
    server.use(mswNetworkErrorOnce(), mswCreateOrUpdate(deployment()));
    const c = client();
    await c.call();
    expect(c.sleeps).toEqual([1000]);
    expect(c.warnings[0]).toMatch(/^could not reach Dagster\+ \(.+\); retrying in 1\.0 s\.\.\.$/);
  });

  it("does not resend a mutation whose answer timed out", async () => {
    let calls = 0;
    const timingOut: Transport = async () => {
      calls++;
      throw new ConnectionFailure("no answer within 60 s", true);
    };
    const error = await failure(client({ transport: timingOut }).call());
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toBe(`Could not reach Dagster+ at ${ORG_URL}/graphql: no answer within 60 s.`);
  });

  it("waits out scheduled maintenance, then succeeds", async () => {
    server.use(
      mswRawOnce(200, { maintenance: { message: "Upgrading", timeout: 600, retry_interval: 5 } }),
      mswRawOnce(200, { maintenance: { message: "Upgrading", timeout: 600, retry_interval: 5 } }),
      mswCreateOrUpdate(deployment()),
    );
    const c = client();
    await c.call();
    expect(c.sleeps).toEqual([5000, 5000]);
    expect(c.warnings).toEqual([
      "Dagster+ is under scheduled maintenance (Upgrading). Retrying in 5 s...",
      "Dagster+ is under scheduled maintenance (Upgrading). Retrying in 5 s...",
    ]);
  });

  it("stops waiting for maintenance after its timeout", async () => {
    const answer = { maintenance: { message: "Upgrading", timeout: 10, retry_interval: 4 } };
    server.use(...[1, 2, 3, 4].map(() => mswRawOnce(200, answer)));
    const error = await failure(client().call());
    expect(error.message).toBe("Dagster+ is still under scheduled maintenance: Upgrading.");
  });

  it("throws on a GraphQL errors array, even with data", async () => {
    server.use(mswRawOnce(200, { data: { createOrUpdateBranchDeployment: deployment() }, errors: [{ message: "first" }, { message: "second" }] }));
    const error = await failure(client().call());
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe("Dagster+ rejected CliCreateOrUpdateBranchDeployment: first; second");
  });

  it.each([401, 403])("HTTP %i names where the token came from, never the token", async (status) => {
    server.use(mswRawOnce(status, { error: "bad token" }));
    const error = await failure(client().call());
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(new RegExp(`^Dagster\\+ rejected the API token from DAGSTER_CLOUD_API_TOKEN \\(HTTP ${status} `));
  });

  it("a body that is not JSON is a clear error", async () => {
    server.use(mswRawOnce(200, "<html><body>Sign in</body></html>"));
    const error = await failure(client().call());
    expect(error.message).toBe(
      "Dagster+ answered CliCreateOrUpdateBranchDeployment with HTTP 200 OK (text/html) and no GraphQL result: <html><body>Sign in</body></html>",
    );
    expect((error as ApiError).hint).toMatch(/Check --url/);
  });

  it("a 404 points at the organization or URL", async () => {
    server.use(mswRawOnce(404, "Not Found"));
    const error = await failure(client().call());
    expect(error.message).toMatch(/HTTP 404 Not Found/);
    expect((error as ApiError).hint).toBe(`Check the organization (--organization) or --url: nothing answers at ${ORG_URL}/graphql.`);
  });

  it("JSON without data, errors or maintenance is an error", async () => {
    server.use(mswRawOnce(200, { hello: "world" }));
    const error = await failure(client().call());
    expect(error.message).toMatch(/no GraphQL result: \{"hello":"world"\}/);
  });

  it.each([
    [{ __typename: "DagsterCloudDeployment", deploymentId: 1 }, /createOrUpdateBranchDeployment/],
    [{ __typename: "DagsterCloudDeployment", deploymentId: 1, deploymentName: "" }, /createOrUpdateBranchDeployment\.deploymentName/],
    [{ __typename: "SomethingNew", message: "x" }, /createOrUpdateBranchDeployment/],
  ])("a malformed answer is an error: %j", async (result, where) => {
    server.use(mswCreateOrUpdate(result));
    const error = await failure(client().call());
    expect(error.message).toMatch(/^Dagster\+ gave an unexpected answer to CliCreateOrUpdateBranchDeployment \(/);
    expect(error.message).toMatch(where);
  });
});

describe("retryAfter", () => {
  const now = Date.parse("2026-11-27T12:00:00Z");
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["3", 3000],
    ["1.5", 1500],
    ["Fri, 27 Nov 2026 12:00:30 GMT", 30000],
    ["Fri, 27 Nov 2026 11:00:00 GMT", 0],
    ["99999", 300000],
    ["soon", undefined],
  ])("%s -> %s ms", (header, ms) => {
    expect(retryAfter(header, now)).toBe(ms);
  });
});

describe("connection failures that retrying cannot fix", () => {
  it.each([
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", /NODE_EXTRA_CA_CERTS/],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", /NODE_EXTRA_CA_CERTS/],
    ["ERR_TLS_CERT_ALTNAME_INVALID", /NODE_EXTRA_CA_CERTS/],
    ["ENOTFOUND", /check --organization or --url/],
  ])("%s fails at once with a hint", async (code, hint) => {
    let calls = 0;
    const failing: Transport = async () => {
      calls++;
      throw connectionFailure(Object.assign(new Error("failed"), { code }));
    };
    const c = client({ transport: failing });
    const error = await failure(c.call());
    expect(calls).toBe(1);
    expect(c.sleeps).toEqual([]);
    expect((error as TransportError).hint).toMatch(hint);
  });
});
