import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { CREATE_OR_UPDATE, createVariables, GET_NAME, post, TOKEN } from "./client.ts";

const NAME_QUERY = { query: GET_NAME, variables: { repoName: "r", branchName: "b" } };

describe("HTTP surface", () => {
  let emulator: Emulator;
  const logs: string[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ log: (line) => logs.push(line) });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    logs.length = 0;
  });

  it("gives a URL on 127.0.0.1 without a trailing slash", () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
  });

  it.each(["/graphql", "/acme/graphql", "/acme/prod/graphql", "/extra/path/prod/graphql"])("serves POST %s", async (path) => {
    const answer = await post(`${emulator.url}${path}`, NAME_QUERY);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.json).toMatchObject({ data: { getBranchDeploymentName: expect.stringMatching(/^[0-9a-f]{40}$/) } });
  });

  it.each(["/", "/graphql/", "/graphqlx", "/api/other"])("answers 404 on %s", async (path) => {
    expect((await post(`${emulator.url}${path}`, NAME_QUERY)).status).toBe(404);
  });

  it("answers 405 to GET on a graphql path", async () => {
    const response = await fetch(`${emulator.url}/acme/graphql?query={__typename}`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it.each([
    ["not JSON", "query { x }"],
    ["no query", { variables: {} }],
    ["variables not an object", { query: GET_NAME, variables: [1] }],
  ])("answers 400 with a JSON error when the body has %s", async (_name, body) => {
    const answer = await post(`${emulator.url}/graphql`, body);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: [{ message: expect.any(String) }] });
  });

  it("answers 401 without a token, without echoing anything secret", async () => {
    const answer = await post(`${emulator.url}/graphql`, NAME_QUERY, { "dagster-cloud-api-token": "" });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: expect.any(String) });
    expect(emulator.requests.map((r) => r.status)).toEqual([401]);
  });

  it("records every request, with lower-cased headers, the operation name and its arrival time", async () => {
    const start = Date.now();
    await post(`${emulator.url}/acme/graphql`, { query: CREATE_OR_UPDATE, variables: createVariables() }, { "X-Custom": "1" });
    await post(`${emulator.url}/nowhere`, "plain text");
    expect(emulator.requests).toEqual([
      {
        method: "POST",
        path: "/acme/graphql",
        headers: expect.objectContaining({ "x-custom": "1", "dagster-cloud-api-token": TOKEN }),
        body: { query: CREATE_OR_UPDATE, variables: createVariables() },
        operationName: "CliCreateOrUpdateBranchDeployment",
        variables: createVariables(),
        status: 200,
        receivedAt: expect.any(Number),
      },
      { method: "POST", path: "/nowhere", headers: expect.any(Object), body: "plain text", status: 404, receivedAt: expect.any(Number) },
    ]);
    for (const { receivedAt } of emulator.requests) expect(receivedAt).toBeGreaterThanOrEqual(start);
    expect(emulator.requests[1]!.receivedAt).toBeGreaterThanOrEqual(emulator.requests[0]!.receivedAt);
    expect(logs).toEqual([
      "POST /acme/graphql CliCreateOrUpdateBranchDeployment -> 200",
      "POST /nowhere - -> 404",
    ]);
  });
});

describe("with a token list", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: ["good-1", "good-2"] });
  });
  afterAll(() => emulator.close());

  it.each([
    ["good-1", 200],
    ["good-2", 200],
    ["bad-secret-token", 401],
  ])("token %s -> %i", async (token, status) => {
    const answer = await post(`${emulator.url}/graphql`, NAME_QUERY, { "dagster-cloud-api-token": token });
    expect(answer.status).toBe(status);
    expect(answer.text).not.toContain(token);
  });
});
