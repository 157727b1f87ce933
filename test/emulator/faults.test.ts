import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Fault } from "../../emulator/faults.ts";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { BY_NAME, CREATE_OR_UPDATE, createVariables, DELETE, GET_NAME, gql, post } from "./client.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const nameQuery = () => gql(emulator.url, GET_NAME, { repoName: "r", branchName: "b" });
const createMutation = () => gql(emulator.url, CREATE_OR_UPDATE, createVariables());

describe("HTTP-level faults", () => {
  it.each<[Fault, number, string, string | null]>([
    [{ kind: "status", status: 503 }, 503, "Service Unavailable", null],
    [{ kind: "status", status: 502 }, 502, "Bad Gateway", null],
    [{ kind: "status", status: 504 }, 504, "Gateway Timeout", null],
    [{ kind: "status", status: 409, body: '{"error":"conflict"}' }, 409, '{"error":"conflict"}', null],
    [{ kind: "status", status: 429, retryAfter: "2" }, 429, "Too Many Requests", "2"],
  ])("%o answers %i", async (fault, status, body, retryAfter) => {
    emulator.injectFault(fault);
    const answer = await nameQuery();
    expect([answer.status, answer.text, answer.headers.get("retry-after")]).toEqual([status, body, retryAfter]);
    expect(emulator.requests[0]).toMatchObject({ status, fault });
    expect((await nameQuery()).status).toBe(200);
  });

  it("maintenance answers 200 with the maintenance object", async () => {
    emulator.injectFault({ kind: "maintenance" }, { kind: "maintenance", message: "Back soon", retryInterval: 1, timeout: 5 });
    expect((await nameQuery()).json).toEqual({ maintenance: { message: "Dagster Cloud is down for scheduled maintenance." } });
    const second = await nameQuery();
    expect([second.status, second.json]).toEqual([200, { maintenance: { message: "Back soon", timeout: 5, retry_interval: 1 } }]);
  });

  it("drop closes the connection without an answer", async () => {
    emulator.injectFault({ kind: "drop" });
    await expect(nameQuery()).rejects.toThrow(/fetch failed/);
    expect(emulator.requests[0]?.status).toBe(0);
    expect((await nameQuery()).status).toBe(200);
  });

  it("graphql-error answers errors without data", async () => {
    emulator.injectFault({ kind: "graphql-error", message: "Internal Server Error (Trace ID: 1)" });
    const answer = await nameQuery();
    expect([answer.status, answer.json]).toEqual([200, { errors: [{ message: "Internal Server Error (Trace ID: 1)" }] }]);
  });

  it("not-json answers 200 with HTML", async () => {
    emulator.injectFault({ kind: "not-json" });
    const answer = await nameQuery();
    expect([answer.status, answer.headers.get("content-type"), answer.json]).toEqual([200, "text/html", undefined]);
    expect(answer.text).toMatch(/^<html>/);
  });

  it("delay answers normally, later", async () => {
    emulator.injectFault({ kind: "delay", ms: 200 });
    const started = performance.now();
    const answer = await nameQuery();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(answer.json).toMatchObject({ data: { getBranchDeploymentName: expect.any(String) } });
  });
});

describe("queue", () => {
  it("is first-in first-out, one fault per GraphQL request", async () => {
    emulator.injectFault({ kind: "status", status: 503 }, { kind: "status", status: 502 });
    emulator.injectFault({ kind: "status", status: 429, retryAfter: "1" });
    expect(emulator.pendingFaults()).toHaveLength(3);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await nameQuery()).status);
    expect(statuses).toEqual([503, 502, 429, 200]);
    expect(emulator.pendingFaults()).toEqual([]);
  });

  it("applies before the token check, and not to non-GraphQL requests", async () => {
    emulator.injectFault({ kind: "status", status: 503 });
    expect((await post(`${emulator.url}/elsewhere`, {})).status).toBe(404);
    expect((await fetch(`${emulator.url}/graphql`)).status).toBe(405);
    expect((await fetch(`${emulator.url}/__emulator/requests`)).status).toBe(200);
    expect((await gql(emulator.url, GET_NAME, {}, { "dagster-cloud-api-token": "" })).status).toBe(503);
  });

  it("is emptied by reset", () => {
    emulator.injectFault({ kind: "drop" });
    emulator.reset();
    expect(emulator.pendingFaults()).toEqual([]);
  });

  it("refuses a malformed fault", () => {
    expect(() => emulator.injectFault({ kind: "status" } as unknown as Fault)).toThrow(/invalid fault/);
  });
});

describe("result faults", () => {
  it.each(["PythonError", "UnauthorizedError", "DeploymentNotFoundError", "DuplicateDeploymentError", "DeploymentLimitError"] as const)(
    "make the next mutation answer %s",
    async (typename) => {
      emulator.injectFault({ kind: "result", typename, message: "nope" });
      const answer = await createMutation();
      expect(answer.json).toEqual({ data: { createOrUpdateBranchDeployment: { __typename: typename, message: "nope" } } });
      expect(emulator.state.list()).toHaveLength(1);
      expect((await createMutation()).json).toMatchObject({ data: { createOrUpdateBranchDeployment: { __typename: "DagsterCloudDeployment" } } });
    },
  );

  it("wait for a mutation: queries before it are served normally", async () => {
    await createMutation();
    emulator.injectFault({ kind: "result", typename: "PythonError", message: "delete failed" }, { kind: "status", status: 503 });
    const found = await gql(emulator.url, BY_NAME, { deploymentName: "prod" });
    expect(found.json).toMatchObject({ data: { deploymentByName: { __typename: "DagsterCloudDeployment" } } });
    const deleted = await gql(emulator.url, DELETE, { deploymentId: 2 });
    expect(deleted.json).toEqual({
      data: { deleteDeployment: { __typename: "PythonError", message: "delete failed", stack: [expect.any(String)] } },
    });
    expect((await nameQuery()).status).toBe(503);
    expect(emulator.state.byId(2)).toBeDefined();
  });

  it("still let the selection set decide what comes back", async () => {
    emulator.injectFault({ kind: "result", typename: "DeploymentLimitError", message: "limit" });
    const answer = await gql(emulator.url, "mutation M($c: DeploymentCommitInput!) { createOrUpdateBranchDeployment(branchData: {repoName: \"r\", branchName: \"b\"}, commit: $c) { __typename } }", {
      c: { commitHash: "a", timestamp: 1 },
    });
    expect(answer.json).toEqual({ data: { createOrUpdateBranchDeployment: { __typename: "DeploymentLimitError" } } });
  });

  it("fail loudly when the typename is not a member of the field's union", async () => {
    emulator.injectFault({ kind: "result", typename: "DuplicateDeploymentError", message: "x" });
    const answer = await gql(emulator.url, DELETE, { deploymentId: 1 });
    expect(answer.json).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: expect.stringMatching(/"DuplicateDeploymentError" result fault cannot apply to deleteDeployment/),
          path: ["deleteDeployment"],
        }),
      ],
    });
  });
});
