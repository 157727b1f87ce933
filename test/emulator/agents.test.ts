import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator/server.ts";
import { CREATE_OR_UPDATE, createVariables, gql } from "./client.ts";
import { ADD_OR_UPDATE_LOCATION, AGENT_STATUS, LOCATIONS_QUERY, locationDocument, type LocationEntry } from "./documents.ts";

const T0 = 1_700_000_000_000;
let clock = T0;
const started: Emulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ now: () => clock, ...options });
  started.push(emulator);
  return emulator;
}
beforeEach(() => void (clock = T0));
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

const agents = async (emulator: Emulator, headers: Record<string, string> = {}): Promise<unknown> =>
  ((await gql(emulator.url, AGENT_STATUS, {}, headers)).json as { data: { agents: unknown } }).data.agents;
const add = (emulator: Emulator, headers: Record<string, string> = {}) =>
  gql(emulator.url, ADD_OR_UPDATE_LOCATION, { document: locationDocument() }, headers);
async function status(emulator: Emulator, headers: Record<string, string> = {}): Promise<[string, number] | undefined> {
  const answer = await gql(emulator.url, LOCATIONS_QUERY, {}, headers);
  const entry = (answer.json as { data: { workspaceOrError: { locationEntries: LocationEntry[] } } }).data.workspaceOrError.locationEntries[0];
  return entry && [entry.loadStatus, entry.updatedTimestamp];
}
async function control(emulator: Emulator, method: string, name: string, body?: unknown): Promise<[number, unknown]> {
  const init = body === undefined ? { method } : { method, body: JSON.stringify(body) };
  const response = await fetch(`${emulator.url}/__emulator/${name}`, init);
  return [response.status, await response.json()];
}

describe("agents", () => {
  it("by default, each deployment has one RUNNING agent", async () => {
    const emulator = await start();
    expect(await agents(emulator)).toEqual([{ status: "RUNNING", errors: [] }]);
    const full = await gql(emulator.url, "{ agents { id agentLabel lastHeartbeatTime metadata { key value } } }");
    expect(full.json).toEqual({
      data: { agents: [{ id: "emulated-agent-1", agentLabel: null, lastHeartbeatTime: T0 / 1000, metadata: [{ key: "version", value: "emulated" }] }] },
    });
  });

  it("'none' gives no agent, and locations stay LOADING", async () => {
    const emulator = await start({ agent: "none", loadDelayMs: 0 });
    expect(await agents(emulator)).toEqual([]);
    await add(emulator);
    clock = T0 + 3_600_000;
    expect(await status(emulator)).toEqual(["LOADING", T0 / 1000]);
  });

  it("'not-running' gives one NOT_RUNNING agent, and locations stay LOADING", async () => {
    const emulator = await start({ agent: "not-running" });
    expect(await agents(emulator)).toEqual([{ status: "NOT_RUNNING", errors: [] }]);
    const heartbeat = await gql(emulator.url, "{ agents { lastHeartbeatTime } }");
    expect(heartbeat.json).toEqual({ data: { agents: [{ lastHeartbeatTime: T0 / 1000 - 600 }] } });
    await add(emulator);
    clock = T0 + 3_600_000;
    expect(await status(emulator)).toEqual(["LOADING", T0 / 1000]);
  });

  it("loading starts when an agent starts running, and starts over after it stops", async () => {
    const emulator = await start({ agent: "none", loadDelayMs: 1000 });
    await add(emulator);
    clock = T0 + 5000;
    expect(await control(emulator, "POST", "config", { agent: "running" })).toEqual([
      200,
      { loadDelayMs: 1000, agent: "running", deploymentAgents: {}, failImages: ["broken"] },
    ]);
    clock = T0 + 5500;
    emulator.configure({ agent: "not-running" });
    clock = T0 + 9000;
    emulator.configure({ agent: "running" });
    clock = T0 + 9999;
    expect(await status(emulator)).toEqual(["LOADING", T0 / 1000]);
    clock = T0 + 10_000;
    expect(await status(emulator)).toEqual(["LOADED", (T0 + 10_000) / 1000]);
  });

  it("a shorter delay set at runtime applies from that moment", async () => {
    const emulator = await start({ loadDelayMs: 60_000 });
    await add(emulator);
    clock = T0 + 2000;
    await control(emulator, "POST", "config", { loadDelayMs: 0 });
    expect(await status(emulator)).toEqual(["LOADED", (T0 + 2000) / 1000]);
  });

  it("can differ per deployment", async () => {
    const emulator = await start({ loadDelayMs: 0 });
    const created = await gql(emulator.url, CREATE_OR_UPDATE, createVariables());
    const branch = (created.json as { data: { createOrUpdateBranchDeployment: { deploymentName: string } } }).data.createOrUpdateBranchDeployment.deploymentName;
    emulator.configure({ deploymentAgents: { [branch]: "none" } });
    const inBranch = { "dagster-cloud-deployment": branch };
    expect(await agents(emulator, inBranch)).toEqual([]);
    expect(await agents(emulator)).toEqual([{ status: "RUNNING", errors: [] }]);
    await add(emulator);
    await add(emulator, inBranch);
    expect((await status(emulator))?.[0]).toBe("LOADED");
    expect((await status(emulator, inBranch))?.[0]).toBe("LOADING");
  });

  it("loads after a real delay with the default clock", async () => {
    const emulator = await startEmulator({ loadDelayMs: 100 });
    started.push(emulator);
    const before = Date.now() / 1000;
    await add(emulator);
    expect((await status(emulator))?.[0]).toBe("LOADING");
    await sleep(150);
    const [loadStatus, updated] = (await status(emulator)) ?? [];
    expect(loadStatus).toBe("LOADED");
    expect(updated).toBeGreaterThanOrEqual(before + 0.1);
    expect(updated).toBeLessThanOrEqual(Date.now() / 1000);
  });
});
