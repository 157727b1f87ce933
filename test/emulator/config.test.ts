import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../emulator/cli.ts";
import { startEmulator, type Emulator } from "../../emulator/server.ts";

const started: Emulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

async function control(emulator: Emulator, method: string, name: string, body?: unknown): Promise<[number, unknown]> {
  const init = body === undefined ? { method } : { method, body: JSON.stringify(body) };
  const response = await fetch(`${emulator.url}/__emulator/${name}`, init);
  return [response.status, await response.json()];
}

describe("configuration", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ loadDelayMs: 5, agent: "not-running" });
  });
  afterAll(() => emulator.close());

  it("is read and changed on the control API, and restored by reset", async () => {
    expect(await control(emulator, "GET", "config")).toEqual([200, { loadDelayMs: 5, agent: "not-running", deploymentAgents: {}, failImages: ["broken"] }]);
    expect((await control(emulator, "POST", "config", { failImages: ["x"], agent: "none" }))[1]).toMatchObject({ failImages: ["x"], agent: "none" });
    expect(await control(emulator, "POST", "reset")).toEqual([200, { ok: true }]);
    expect(emulator.state.workspace.config()).toEqual({ loadDelayMs: 5, agent: "not-running", deploymentAgents: {}, failImages: ["broken"] });
  });

  it.each([
    [{ loadDelayMs: -1 }, /loadDelayMs must be a number >= 0/],
    [{ agent: "stopped" }, /agent must be one of running, none, not-running/],
    [{ deploymentAgents: { prod: "x" } }, /deploymentAgents must map/],
    [{ failImages: "broken" }, /failImages must be an array/],
    [{ delay: 1 }, /unknown setting "delay"/],
    [[], /must be a JSON object/],
  ])("rejects %o with 400", async (body, message) => {
    const [code, answer] = await control(emulator, "POST", "config", body);
    expect(code).toBe(400);
    expect(answer).toEqual({ error: expect.stringMatching(message) });
    expect(() => emulator.configure(body as never)).toThrow(message);
  });

  it("refuses invalid start options", async () => {
    await expect(startEmulator({ agent: "sometimes" as never })).rejects.toThrow(/agent must be one of/);
  });
});

describe("CLI flags", () => {
  const io = (err: string[]) => ({ out: () => {}, err: (t: string) => void err.push(t) });

  it("--load-delay-ms and --agent configure the emulator", async () => {
    const emulator = await runCli(["--load-delay-ms", "0", "--agent", "not-running", "--fail-image", "bad"], io([]));
    if (typeof emulator === "number") throw new Error(`exit ${emulator}`);
    started.push(emulator);
    expect(emulator.state.workspace.config()).toEqual({ loadDelayMs: 0, agent: "not-running", deploymentAgents: {}, failImages: ["bad"] });
  });

  it.each([
    [["--load-delay-ms", "soon"], /--load-delay-ms must be a number >= 0, got "soon"/],
    [["--load-delay-ms=-5"], /--load-delay-ms must be a number >= 0/],
    [["--agent", "sometimes"], /--agent must be one of running, none, not-running, got "sometimes"/],
  ])("%o exits 2", async (argv, message) => {
    const err: string[] = [];
    expect(await runCli(argv, io(err))).toBe(2);
    expect(err.join("")).toMatch(message);
  });
});
