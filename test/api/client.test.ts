import { describe, expect, it } from "vitest";
import { createClient, maintenanceInterval, maintenanceLimit, retryAfter, type ClientOptions, type Operation, type RequestInfo } from "../../src/api/client.ts";
import { AGENT_STATUS } from "../../src/api/operations/agent-status.ts";
import { CREATE_OR_UPDATE_BRANCH_DEPLOYMENT } from "../../src/api/operations/create-or-update-branch-deployment.ts";
import {
  AnswerTooLarge,
  ConnectionFailure,
  connectionFailure,
  nodeTransport,
  type HttpResponse,
  type Transport,
} from "../../src/api/transport.ts";
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
  return {
    call: (info?: RequestInfo) => request(CREATE_OR_UPDATE_BRANCH_DEPLOYMENT, VARIABLES, info),
    query: <T>(operation: Operation<T>, info?: RequestInfo) => request(operation, {}, info),
    sleeps,
    warnings,
  };
}

/** An HTTP answer for a scripted transport: JSON unless `body` is already text. */
function answer(body: unknown, status = 200, extra: Partial<HttpResponse> = {}): HttpResponse {
  return {
    status,
    statusText: "",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...extra,
  };
}

/** A transport that answers call n (0-based) with `script(n)`, throwing it if it is an Error; it counts calls. */
function scripted(script: (n: number) => HttpResponse | Error) {
  const counter = { calls: 0 };
  const transport: Transport = async () => {
    const next = script(counter.calls++);
    if (next instanceof Error) throw next;
    return next;
  };
  return Object.assign(counter, { transport });
}

const CREATED = { data: { createOrUpdateBranchDeployment: deployment() } };
/** Any C0/C1 control character, ESC included: none may reach a message. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

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
    expect(c.warnings[0]).toBe("Dagster+ answered HTTP 502 Bad Gateway; retrying in 1 s...");
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
    expect(c.warnings[0]).toMatch(/^could not reach Dagster\+ \(.+\); retrying in 1 s\.\.\.$/);
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
    const answer = { maintenance: { message: "Upgrading", timeout: 12, retry_interval: 5 } };
    server.use(...[1, 2, 3, 4].map(() => mswRawOnce(200, answer)));
    const c = client();
    const error = await failure(c.call());
    expect(error.message).toBe("Dagster+ is still under scheduled maintenance: Upgrading.");
    expect((error as TransportError).hint).toBe("Try again when the maintenance window is over (waited 12 s).");
    expect(c.sleeps).toEqual([5000, 5000, 2000]);
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
    ["9".repeat(400), 300000],
    ["Fri, 27 Nov 9999 12:00:00 GMT", 300000],
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

describe("maintenance answers are bounded", () => {
  it.each<[string, number]>([
    ["0", 5000],
    ["-5", 5000],
    ["7.5", 7500],
    ["1e12", 300_000],
    ["1e400", 30_000], // JSON for Infinity
    ["null", 30_000],
    ['"soon"', 30_000],
  ])("retry_interval %s sleeps %i ms", async (interval, ms) => {
    const server = scripted((n) => (n === 0 ? answer(`{"maintenance":{"message":"m","retry_interval":${interval}}}`) : answer(CREATED)));
    const c = client({ transport: server.transport });
    await c.call();
    expect(c.sleeps).toEqual([ms]);
    expect(server.calls).toBe(2);
  });

  it.each<[string, number | null | undefined, number]>([
    ["a zero interval and a huge timeout", 1e12, 721],
    ["a zero interval and no timeout", undefined, 721],
    ["a zero interval and a 20 s timeout", 20, 5],
  ])("with %s, a server in maintenance forever is asked a bounded number of times", async (_what, timeout, calls) => {
    const server = scripted((n) => (n < 2000 ? answer({ maintenance: { message: "m", retry_interval: 0, timeout } }) : new Error("request flood")));
    const c = client({ transport: server.transport });
    const error = await failure(c.call());
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toBe("Dagster+ is still under scheduled maintenance: m.");
    expect(server.calls).toBe(calls);
    expect(Math.min(...c.sleeps)).toBeGreaterThanOrEqual(5000);
    expect(c.sleeps.reduce((a, b) => a + b, 0)).toBe(Math.min(timeout ?? Infinity, 3600) * 1000);
  });

  it.each<[number | null | undefined, number]>([
    [undefined, 30_000],
    [Infinity, 30_000],
    [NaN, 30_000],
    [-1, 5000],
    [4.9, 5000],
    [299, 299_000],
    [1e300, 300_000],
  ])("maintenanceInterval(%s) = %i", (seconds, ms) => expect(maintenanceInterval(seconds)).toBe(ms));

  it.each<[number | null | undefined, number]>([
    [undefined, 3_600_000],
    [null, 3_600_000],
    [Infinity, 3_600_000],
    [-3, 0],
    [600, 600_000],
  ])("maintenanceLimit(%s) = %i", (seconds, ms) => expect(maintenanceLimit(seconds)).toBe(ms));

  it("every sleep fits in a timer, whatever the server says", async () => {
    const huge = "9".repeat(400);
    const server = scripted((n) =>
      n === 0 ? answer("", 503, { headers: { "retry-after": huge } }) : n === 1 ? answer({ maintenance: { retry_interval: 1e15 } }) : answer(CREATED),
    );
    const c = client({ transport: server.transport });
    await c.call();
    expect(c.sleeps).toEqual([300_000, 300_000]);
  });

  it("the maintenance message is put on one line, escapes neutralised", async () => {
    const message = "\u001b[2J\u001b]0;pwned\u0007Upgrading\r\n::add-mask::x";
    const server = scripted((n) => (n === 0 ? answer({ maintenance: { message, retry_interval: 5 } }) : answer(CREATED)));
    const c = client({ transport: server.transport });
    await c.call();
    expect(c.warnings).toEqual(["Dagster+ is under scheduled maintenance (\\e[2J\\e]0;pwned\\u0007Upgrading\\r\\n::add-mask::x). Retrying in 5 s..."]);
  });
});

describe("server text in messages is neutralised and bounded", () => {
  it("GraphQL errors: each on one line, the first three listed, the rest counted", async () => {
    const errors = ["\u001b[31mred\u001b[0m", "two\n::error::x", "three", "four", "five"].map((message) => ({ message }));
    const server = scripted(() => answer({ errors }));
    const error = await failure(client({ transport: server.transport }).call());
    expect(error.message).toBe("Dagster+ rejected CliCreateOrUpdateBranchDeployment: \\e[31mred\\e[0m; two\\n::error::x; three (and 2 more)");
    expect(error.message).not.toMatch(CONTROL);
  });

  it("a long GraphQL error is cut", async () => {
    const server = scripted(() => answer({ errors: [{ message: "x".repeat(5000) }] }));
    const error = await failure(client({ transport: server.transport }).call());
    expect(error.message.length).toBeLessThan(300);
    expect(error.message.endsWith("x…")).toBe(true);
  });

  it("status text, content type and body excerpt of a bad answer", async () => {
    const server = scripted(() =>
      answer("<h1>\u001b]0;title\u0007Oops\r\n::add-mask::secret</h1>", 500, { statusText: "Bad\u001b[1m", headers: { "content-type": "text/\u001b[5mhtml" } }),
    );
    const error = await failure(client({ transport: server.transport }).call());
    expect(error.message).toBe(
      "Dagster+ answered CliCreateOrUpdateBranchDeployment with HTTP 500 Bad\\e[1m (text/\\e[5mhtml) and no GraphQL result: <h1>\\e]0;title\\u0007Oops ::add-mask::secret</h1>",
    );
    expect(error.message).not.toMatch(CONTROL);
  });

  it("a retry warning quotes the status text safely", async () => {
    const server = scripted((n) => (n === 0 ? answer("", 503, { statusText: "Busy\r\u001b[2K" }) : answer(CREATED)));
    const c = client({ transport: server.transport });
    await c.call();
    expect(c.warnings).toEqual(["Dagster+ answered HTTP 503 Busy\\r\\e[2K; retrying in 1 s..."]);
  });
});

describe("info.resent: a mutation sent again after an attempt that may have been applied", () => {
  const reset = () => new ConnectionFailure("ECONNRESET: socket hang up", false, { afterSend: true });
  const refused = () => connectionFailure(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }));
  it.each<[string, () => HttpResponse | Error, boolean]>([
    ["the connection broke after the request was sent", reset, true],
    ["a 502", () => answer("", 502), true],
    ["a 503", () => answer("", 503), true],
    ["a 504", () => answer("", 504), true],
    ["a refused connection", refused, false],
    ["a 429", () => answer("", 429), false],
    ["a 409", () => answer("", 409), false],
  ])("after %s", async (_what, first, resent) => {
    const server = scripted((n) => (n === 0 ? first() : answer(CREATED)));
    const info: RequestInfo = { resent: !resent };
    await client({ transport: server.transport }).call(info);
    expect(server.calls).toBe(2);
    expect(info).toEqual({ resent });
  });

  it("not for a query, nor when the first attempt succeeds", async () => {
    const info: RequestInfo = { resent: true };
    const agents = scripted((n) => (n === 0 ? reset() : answer({ data: { agents: [] } })));
    await client({ transport: agents.transport }).query(AGENT_STATUS, info);
    expect([agents.calls, info.resent]).toEqual([2, false]);
    info.resent = true;
    const created = scripted(() => answer(CREATED));
    await client({ transport: created.transport }).call(info);
    expect([created.calls, info.resent]).toEqual([1, false]);
  });

  it("a mutation that timed out is still not resent", async () => {
    const server = scripted(() => new ConnectionFailure("no complete answer within 120 s", true, { afterSend: true }));
    const info: RequestInfo = { resent: false };
    await failure(client({ transport: server.transport }).call(info));
    expect([server.calls, info.resent]).toEqual([1, false]);
  });
});

describe("failures retrying cannot fix", () => {
  it("an answer over the size cap fails at once, with one clear line", async () => {
    const server = scripted(() => new AnswerTooLarge(10 * 1024 * 1024));
    const c = client({ transport: server.transport });
    const error = await failure(c.call());
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toBe("Dagster+ sent an answer to CliCreateOrUpdateBranchDeployment larger than 10 MiB; stopped reading.");
    expect((error as TransportError).hint).toMatch(/^A GraphQL answer from Dagster\+ is a few KB: check --url/);
    expect([server.calls, c.sleeps]).toEqual([1, []]);
  });

  it("TLS spoken to a plain-http server: one line, and a hint with the http URL", async () => {
    const openssl = Object.assign(
      new Error("write EPROTO 800C226D2E7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n"),
      { code: "EPROTO" },
    );
    const server = scripted(() => connectionFailure(openssl, "https://127.0.0.1:8443/graphql"));
    const c = client({ transport: server.transport });
    const error = await failure(c.call());
    expect(error.message).toBe(`Could not reach Dagster+ at ${ORG_URL}/graphql: TLS handshake failed: the server does not speak https (wrong version number).`);
    expect((error as TransportError).hint).toBe("The server speaks plain http: use http://127.0.0.1:8443 in --url (or DAGSTER_CLOUD_URL), or check the port.");
    expect([server.calls, c.sleeps]).toEqual([1, []]);
  });

  it("any connection failure's message is one line", () => {
    const failure = connectionFailure(Object.assign(new Error("first line\n  second line\r\n"), { code: "ECONNRESET" }));
    expect(failure.message).toBe("ECONNRESET: first line second line");
  });
});
