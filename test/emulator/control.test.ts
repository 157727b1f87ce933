import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { CREATE_OR_UPDATE, createVariables, gql } from "./client.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: ["only-this"] });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function control(method: string, name: string, body?: unknown): Promise<[number, unknown]> {
  const response = await fetch(`${emulator.url}/__emulator/${name}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return [response.status, await response.json()];
}

describe("control API", () => {
  it("lists recorded requests, without recording itself or needing a token", async () => {
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables(), { "dagster-cloud-api-token": "only-this" });
    const [status, requests] = await control("GET", "requests");
    expect(status).toBe(200);
    expect(requests).toEqual([
      expect.objectContaining({ path: "/graphql", operationName: "CliCreateOrUpdateBranchDeployment", status: 200 }),
    ]);
    expect(emulator.requests).toHaveLength(1);
  });

  it("queues one fault or an array of faults", async () => {
    expect(await control("POST", "faults", { kind: "status", status: 503 })).toEqual([200, { queued: 1, pending: 1 }]);
    expect(await control("POST", "faults", [{ kind: "drop" }, { kind: "result", typename: "PythonError", message: "m" }])).toEqual([
      200,
      { queued: 2, pending: 3 },
    ]);
    expect(await control("GET", "faults")).toEqual([200, emulator.pendingFaults()]);
    const answer = await gql(emulator.url, "{ deployments { deploymentId } }", {}, { "dagster-cloud-api-token": "only-this" });
    expect(answer.status).toBe(503);
  });

  it.each([{ kind: "nope" }, { kind: "status", status: "503" }, { kind: "result", typename: "Oops", message: "m" }, "text"])(
    "rejects the malformed fault %o with 400",
    async (fault) => {
      const [status, body] = await control("POST", "faults", fault);
      expect(status).toBe(400);
      expect(body).toEqual({ error: expect.stringMatching(/fault/) });
      expect(emulator.pendingFaults()).toEqual([]);
    },
  );

  it("resets requests, faults and state", async () => {
    await gql(emulator.url, CREATE_OR_UPDATE, createVariables(), { "dagster-cloud-api-token": "only-this" });
    emulator.injectFault({ kind: "drop" });
    expect((await control("GET", "deployments"))[1]).toHaveLength(2);
    expect(await control("POST", "reset")).toEqual([200, { ok: true }]);
    expect(emulator.requests).toEqual([]);
    expect(emulator.pendingFaults()).toEqual([]);
    expect((await control("GET", "deployments"))[1]).toEqual([expect.objectContaining({ deploymentId: 1, deploymentName: "prod" })]);
  });

  it("answers 405 to a wrong method and 404 to an unknown endpoint", async () => {
    expect((await control("GET", "reset"))[0]).toBe(405);
    expect((await control("POST", "unknown", {}))[0]).toBe(404);
  });
});
