import { afterEach, describe, expect, it } from "vitest";
import type { Client, Operation } from "../../src/api/client.ts";
import type { LocationEntry } from "../../src/api/operations/locations.ts";
import {
  LocationLoadError,
  pollDelay,
  snapshotLocation,
  UNCHANGED_GRACE_MS,
  waitForLoad,
  WaitTimeoutError,
  type LocationSnapshot,
  type WaitOptions,
} from "../../src/commands/deployment/wait-for-load.ts";
import { ConnectionFailure } from "../../src/api/transport.ts";
import { ApiError, AuthError, CliError, TransportError } from "../../src/errors.ts";
import { createIO, plainStyle } from "../../src/io.ts";

const T0 = Date.parse("2026-11-27T12:00:00Z");
const URL_ = "https://acme.dagster.cloud/prod/locations";
const CLEAR = "\r\x1b[2K";
const LOAD_HINT = "raise the limit with --location-load-timeout, DAGSTER_CLOUD_LOCATION_LOAD_TIMEOUT or agent_timeout in the config file.";

/** The server's answer to an operation, as a function of the fake time (ms since the wait began). */
type Script = Partial<Record<"CliAgentStatus" | "CliLocationsQuery", (t: number) => unknown>>;

let unexpected: string[] = [];
afterEach(() => {
  expect(unexpected, "unexpected client calls").toEqual([]);
  unexpected = [];
});

/** A fake clock (it moves only when slept), a scripted client that records its calls, captured streams. */
function harness(script: Script, isTTY = false, env: Record<string, string | undefined> = { TERM: "xterm-256color" }) {
  let clock = T0;
  const sleeps: number[] = [];
  const calls: { name: string; t: number }[] = [];
  let out = "";
  let err = "";
  const client = (async <T>(operation: Operation<T>, variables: Record<string, unknown>): Promise<T> => {
    const t = clock - T0;
    calls.push({ name: operation.name, t });
    const answer = script[operation.name as keyof Script];
    if (!answer || Object.keys(variables).length > 0) {
      unexpected.push(`${operation.name} ${JSON.stringify(variables)} at ${t} ms`);
      throw new Error(`unexpected call to ${operation.name}`);
    }
    const data = answer(t);
    if (data instanceof Error) throw data;
    return operation.data.parse(data); // fixtures must satisfy the operation's schema
  }) as Client;
  const io = createIO({ stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s), isTTY } }, plainStyle, env);
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
    clock += ms;
  };
  const deps = { client, io, now: () => clock, sleep };
  return {
    deps,
    sleeps,
    calls,
    names: () => calls.map((c) => c.name),
    elapsed: () => clock - T0,
    stdout: () => out,
    stderr: () => err,
  };
}

function entry(overrides: Partial<LocationEntry> = {}): Record<string, unknown> {
  return {
    __typename: "WorkspaceLocationEntry",
    id: "extra-field-ignored",
    name: "analytics",
    loadStatus: "LOADED",
    updatedTimestamp: 1_800_000_000,
    versionKey: "v1",
    locationOrLoadError: { __typename: "RepositoryLocation", name: "analytics" },
    ...overrides,
  };
}
const workspace = (...entries: Record<string, unknown>[]) => ({
  workspaceOrError: { __typename: "Workspace", locationEntries: [entry({ name: "other" }), ...entries] },
});
const agents = (status: "RUNNING" | "NOT_RUNNING", errors: string[] = []) => ({
  agents: [{ status, errors: errors.map((message) => ({ error: { message } })) }],
});
const running = () => agents("RUNNING");
const BEFORE: LocationSnapshot = { versionKey: "v1", updatedTimestamp: 1_800_000_000, loadStatus: "LOADED" };

function options(overrides: Partial<WaitOptions> = {}): WaitOptions {
  return {
    locationName: "analytics",
    deploymentName: "prod",
    locationsUrl: undefined,
    loadTimeoutSeconds: 3600,
    heartbeatTimeoutSeconds: undefined,
    before: undefined,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

/** Poll times: 250, 625, 1188, 2032, 3298, 5196, 8044, 11044, 14044, ... (ms after the start). */
const SLOW_SLEEPS = [250, 375, 563, 844, 1266, 1898, 2848, 3000, 3000, 3000, 3000];

describe("waitForLoad: success", () => {
  it("a new location: absent, then LOADING, then LOADED; agents are asked until one is RUNNING", async () => {
    const h = harness({
      CliAgentStatus: running,
      CliLocationsQuery: (t) => (t < 1000 ? workspace() : workspace(entry({ loadStatus: t < 3000 ? "LOADING" : "LOADED" }))),
    });
    await waitForLoad(options(), h.deps);
    expect(h.elapsed()).toBe(3298);
    expect(h.names()).toEqual(["CliAgentStatus", ...Array(5).fill("CliLocationsQuery")]);
    expect(h.stderr().split("\n").at(-2)).toBe("✓ Location analytics loaded in 3.3 s.");
    expect(h.stdout()).toBe("");
  });

  it.each<[string, (t: number) => Record<string, unknown>, number]>([
    ["a new versionKey", (t) => entry({ versionKey: t < 2000 ? "v1" : "v2" }), 2032],
    ["a later updatedTimestamp", (t) => entry({ updatedTimestamp: 1_800_000_000 + (t < 2000 ? 0 : 5) }), 2032],
    ["LOADING seen once, then LOADED with the same version", (t) => entry({ loadStatus: t > 1000 && t < 1500 ? "LOADING" : "LOADED" }), 2032],
    ["a new versionKey, even with an older timestamp", (t) => entry(t < 5000 ? {} : { versionKey: "v3", updatedTimestamp: 1 }), 5196],
  ])("an already-loaded location counts only after %s", async (_what, script, doneAt) => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: (t) => workspace(script(t)) });
    await waitForLoad(options({ before: BEFORE }), h.deps);
    expect(h.elapsed()).toBe(doneAt);
  });

  it("a slow load: the poll interval starts at 250 ms and backs off by 1.5 to 3 s", async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: (t) => workspace(entry({ versionKey: "v2", loadStatus: t < 20_000 ? "LOADING" : "LOADED" })) });
    await waitForLoad(options({ before: BEFORE }), h.deps);
    expect(h.sleeps).toEqual(SLOW_SLEEPS);
    expect(h.elapsed()).toBe(20_044);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map(pollDelay)).toEqual([...SLOW_SLEEPS.slice(0, 8), 3000]);
  });

  it("an agent that appears late: agents are asked until one runs, and then no more", async () => {
    const h = harness({
      CliAgentStatus: (t) => agents(t < 30_000 ? "NOT_RUNNING" : "RUNNING"),
      CliLocationsQuery: (t) => workspace(entry({ versionKey: t < 40_000 ? "v1" : "v2" })),
    });
    await waitForLoad(options({ before: BEFORE, heartbeatTimeoutSeconds: 60 }), h.deps);
    expect(h.elapsed()).toBe(41_044);
    const agentCalls = h.calls.filter((c) => c.name === "CliAgentStatus").map((c) => c.t);
    expect(agentCalls.at(-1)).toBe(32_044);
    expect(agentCalls).toHaveLength(15);
  });
});

describe("waitForLoad: failures", () => {
  it("a load error with a two-link chain: one-line message, and the Python layout in details", async () => {
    const loadError = {
      __typename: "PythonError",
      message: "dagster._core.errors.DagsterImportError: Encountered ImportError: `No module named 'analytics'`\n",
      stack: [
        '  File "/venv/dagster/_core/code_pointer.py", line 138, in load_python_module\n    return importlib.import_module(module_name)\n',
        '  File "/usr/lib/python3.11/importlib/__init__.py", line 126, in import_module\n    return _bootstrap._gcd_import(name[level:], package, level)\n',
      ],
      errorChain: [
        { isExplicitLink: true, error: { message: "ModuleNotFoundError: No module named 'analytics'\n", stack: ['  File "<frozen importlib._bootstrap>", line 1204, in _gcd_import\n'] } },
        { isExplicitLink: false, error: { message: "KeyError: 'DAGSTER_HOME'\n", stack: [] } },
      ],
    };
    const h = harness({
      CliAgentStatus: running,
      CliLocationsQuery: (t) => workspace(entry(t < 1000 ? { loadStatus: "LOADING" } : { locationOrLoadError: loadError } as Partial<LocationEntry>)),
    });
    const error = await rejection(waitForLoad(options({ before: BEFORE }), h.deps));
    expect(error).toBeInstanceOf(LocationLoadError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.exitCode).toBe(6);
    expect(error.message).toBe("Location analytics failed to load: dagster._core.errors.DagsterImportError: Encountered ImportError: `No module named 'analytics'`");
    expect(error.hint).toBe("Fix the error in the location's code, then update the location again.");
    expect((error as LocationLoadError).details).toBe(
      [
        "Some locations failed to load after being synced by the agent:",
        "Error loading analytics:",
        "dagster._core.errors.DagsterImportError: Encountered ImportError: `No module named 'analytics'`",
        '  File "/venv/dagster/_core/code_pointer.py", line 138, in load_python_module',
        "    return importlib.import_module(module_name)",
        '  File "/usr/lib/python3.11/importlib/__init__.py", line 126, in import_module',
        "    return _bootstrap._gcd_import(name[level:], package, level)",
        "The above exception was caused by the following exception:",
        "ModuleNotFoundError: No module named 'analytics'",
        '  File "<frozen importlib._bootstrap>", line 1204, in _gcd_import',
        "The above exception occurred during handling of the following exception:",
        "KeyError: 'DAGSTER_HOME'",
      ].join("\n"),
    );
    expect(h.stderr()).not.toContain("✓");
  });

  it.each<[string, Partial<WaitOptions>, string[], string, string]>([
    ["the deployment", {}, [], "No Dagster+ agent is heartbeating for deployment prod (waited 60 s).", "Check that a Dagster+ agent is running and healthy for deployment prod, or raise the limit with --agent-heartbeat-timeout or DAGSTER_CLOUD_AGENT_HEARTBEAT_TIMEOUT."],
    ["no deployment name", { deploymentName: undefined }, [], "No Dagster+ agent is heartbeating for this deployment (waited 60 s).", "Check that a Dagster+ agent is running and healthy for this deployment, or raise the limit with --agent-heartbeat-timeout or DAGSTER_CLOUD_AGENT_HEARTBEAT_TIMEOUT."],
    ["an agent error", {}, ["old", "\nAgent could not reach the API.\nTraceback ..."], "No Dagster+ agent is heartbeating for deployment prod (waited 60 s).", "Last agent error: Agent could not reach the API. Check that a Dagster+ agent is running and healthy for deployment prod, or raise the limit with --agent-heartbeat-timeout or DAGSTER_CLOUD_AGENT_HEARTBEAT_TIMEOUT."],
  ])("no agent heartbeats: fails at exactly the heartbeat timeout, naming %s", async (_what, overrides, errors, message, hint) => {
    const h = harness({ CliAgentStatus: () => agents("NOT_RUNNING", errors), CliLocationsQuery: () => workspace() });
    const error = await rejection(waitForLoad(options({ heartbeatTimeoutSeconds: 60, ...overrides }), h.deps));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).exitCode).toBe(5);
    expect([error.message, error.hint]).toEqual([message, hint]);
    expect(h.elapsed()).toBe(60_000);
    expect(h.sleeps.at(-1)).toBe(60_000 - 59_044);
  });

  it.each<[string, LocationSnapshot | undefined, (t: number) => unknown, string]>([
    ["it has not appeared", undefined, () => workspace(), "it has not appeared"],
    ["it is LOADING", undefined, () => workspace(entry({ loadStatus: "LOADING" })), "it is still LOADING"],
    ["it is unchanged", BEFORE, () => workspace(entry()), "Dagster+ still shows the version from before this update"],
    ["it was LOADING before and finished the old version", { ...BEFORE, loadStatus: "LOADING" }, (t) => workspace(entry({ loadStatus: t < 5000 ? "LOADING" : "LOADED" })), "Dagster+ still shows the version from before this update"],
  ])("load timeout when %s: fails at exactly the timeout with the reason", async (_what, before, locations, reason) => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: locations });
    const error = await rejection(waitForLoad(options({ before, loadTimeoutSeconds: 30, locationsUrl: URL_ }), h.deps));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe(`Timed out after 30 s waiting for location analytics to load (${reason}).`);
    expect(error.hint).toBe(`Check the location's status at ${URL_}, or ${LOAD_HINT}`);
    expect(h.elapsed()).toBe(30_000);
  });

  it("no heartbeat timeout: a missing agent is waited for until the load timeout, and named in the hint", async () => {
    const h = harness({ CliAgentStatus: () => agents("NOT_RUNNING"), CliLocationsQuery: () => workspace() });
    const error = await rejection(waitForLoad(options({ loadTimeoutSeconds: 120 }), h.deps));
    expect(error.message).toBe("Timed out after 120 s waiting for location analytics to load (it has not appeared).");
    expect(error.hint).toBe(`No Dagster+ agent was seen heartbeating; check that one is running, or ${LOAD_HINT}`);
    expect(h.elapsed()).toBe(120_000);
    expect(h.names().filter((n) => n === "CliAgentStatus")).toHaveLength(h.names().length / 2);
  });

  it("a load timeout of 0 with a heartbeat timeout fails after one look, without sleeping", async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: () => workspace() });
    const error = await rejection(waitForLoad(options({ loadTimeoutSeconds: 0, heartbeatTimeoutSeconds: 60 }), h.deps));
    expect(error.message).toBe("Timed out after 0 s waiting for location analytics to load (it has not appeared).");
    expect(error.hint).toBe(`Check the location's status in Dagster+, or ${LOAD_HINT}`);
    expect(h.sleeps).toEqual([]);
    expect(h.names()).toEqual(["CliAgentStatus", "CliLocationsQuery"]);
  });

  it("workspaceOrError answering PythonError is an ApiError with its message", async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: () => ({ workspaceOrError: { __typename: "PythonError", message: "boom", stack: [] } }) });
    for (const promise of [waitForLoad(options(), h.deps), snapshotLocation(h.deps.client, "analytics")]) {
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.message).toBe("Dagster+ could not list the code locations: boom (PythonError).");
      expect(error.hint).toBe("This failed inside Dagster+; try again, and contact Dagster+ support if it persists.");
    }
  });

  it("errors from the client that retrying cannot fix propagate unchanged, at once", async () => {
    const permanent = new TransportError("Could not reach Dagster+ at https://x/graphql: certificate has expired.", {
      cause: new ConnectionFailure("certificate has expired", false, { permanent: true }),
    });
    for (const failure of [new AuthError("Dagster+ rejected the API token from --api-token (HTTP 401)."), permanent, new ApiError("Dagster+ rejected CliLocationsQuery: boom")]) {
      const h = harness({ CliAgentStatus: running, CliLocationsQuery: (t) => (t < 1000 ? workspace() : failure) });
      expect(await rejection(waitForLoad(options(), h.deps))).toBe(failure);
      expect(h.elapsed()).toBe(1188);
      expect(h.stderr()).not.toContain("Warning");
    }
  });
});

describe("waitForLoad: transient failures while polling", () => {
  const dropped = new TransportError("Could not reach Dagster+ at https://x/graphql: ECONNRESET: socket hang up.");

  it("a poll that fails after the client's retries is tried again with backoff, with a warning, and the wait goes on", async () => {
    const h = harness({
      CliAgentStatus: running,
      CliLocationsQuery: (t) => (t < 1000 ? workspace() : t < 20_000 ? dropped : workspace(entry({ loadStatus: "LOADED" }))),
    });
    await waitForLoad(options(), h.deps);
    expect(h.sleeps).toEqual([250, 375, 563, 2000, 4000, 8000, 16_000]);
    const warnings = h.stderr().split("\n").filter((line) => line.startsWith("Warning:"));
    expect(warnings).toEqual(
      ["2 s", "4 s", "8 s", "16 s"].map((wait) => `Warning: could not check on location analytics: ${dropped.message} Trying again in ${wait}...`),
    );
    expect(h.stderr()).toMatch(/✓ Location analytics loaded in 31 s\.\n$/);
  });

  it("the backoff stops growing at 30 s, and a failure at the load deadline ends the wait with that failure", async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: (t) => (t < 1000 ? workspace() : dropped) });
    expect(await rejection(waitForLoad(options({ loadTimeoutSeconds: 120 }), h.deps))).toBe(dropped);
    expect(h.elapsed()).toBe(120_000);
    expect(h.sleeps.slice(3)).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 120_000 - 91_188]);
  });

  it("an agent-status poll that fails is tried again too, within the heartbeat timeout", async () => {
    const h = harness({ CliAgentStatus: (t) => (t < 5000 ? dropped : running()), CliLocationsQuery: () => workspace(entry()) });
    await waitForLoad(options({ heartbeatTimeoutSeconds: 60 }), h.deps);
    expect(h.stderr()).toContain("Warning: could not check on location analytics: ");
    expect(h.names().at(-1)).toBe("CliLocationsQuery");
  });
});

describe("waitForLoad: untrusted names and tracebacks", () => {
  it("a location name with control characters is printed escaped, on one line", async () => {
    const name = "evil\n::add-mask::x\u001b[2J";
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: () => workspace(entry({ name })) });
    await waitForLoad(options({ locationName: name, deploymentName: "prod\r" }), h.deps);
    expect(h.stderr()).toBe(
      "Waiting for the agent to load location evil\\n::add-mask::x\\e[2J in deployment prod\\r...\n✓ Location evil\\n::add-mask::x\\e[2J loaded in 0.3 s.\n",
    );
  });

  it("a load error's traceback keeps its lines, with escape sequences neutralised", async () => {
    const loadError = { __typename: "PythonError", message: "Boom\u001b[31m\n", stack: ["  File x\n\u001b]0;title\u0007\n::error::pwned\n"], errorChain: [] };
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: () => workspace(entry({ locationOrLoadError: loadError } as Partial<LocationEntry>)) });
    const error = (await rejection(waitForLoad(options(), h.deps))) as LocationLoadError;
    expect(error.message).toBe("Location analytics failed to load: Boom\\e[31m");
    expect(error.details).toBe(
      ["Some locations failed to load after being synced by the agent:", "Error loading analytics:", "Boom\\e[31m", "  File x", "\\e]0;title\\u0007", ":\u200b:error::pwned"].join("\n"),
    );
  });
});

describe("snapshotLocation", () => {
  it("returns the entry's version, or undefined when the location does not exist", async () => {
    const h = harness({ CliLocationsQuery: () => workspace(entry({ loadStatus: "LOADING", versionKey: "k9", updatedTimestamp: 17.5 })) });
    expect(await snapshotLocation(h.deps.client, "analytics")).toEqual({ versionKey: "k9", updatedTimestamp: 17.5, loadStatus: "LOADING" });
    expect(await snapshotLocation(h.deps.client, "missing")).toBeUndefined();
    expect(h.names()).toEqual(["CliLocationsQuery", "CliLocationsQuery"]);
  });

  it("accepts a null locationOrLoadError", async () => {
    const h = harness({ CliLocationsQuery: () => workspace(entry({ locationOrLoadError: null })) });
    expect(await snapshotLocation(h.deps.client, "analytics")).toEqual({ versionKey: "v1", updatedTimestamp: 1_800_000_000, loadStatus: "LOADED" });
  });
});

describe("progress output", () => {
  it("not on a terminal: a start line, a line about every 10 s, the ✓ line; nothing on stdout", async () => {
    const h = harness({
      CliAgentStatus: running,
      CliLocationsQuery: (t) => (t < 15_000 ? workspace() : workspace(entry({ loadStatus: t < 35_000 ? "LOADING" : "LOADED" }))),
    });
    await waitForLoad(options({ locationsUrl: URL_ }), h.deps);
    expect(h.stderr()).toBe(
      [
        `View the status of your locations at ${URL_}.`,
        "Waiting for the agent to load location analytics in deployment prod...",
        "Still waiting for location analytics after 11 s: waiting for the agent to sync the update.",
        "Still waiting for location analytics after 20 s: LOADING.",
        "Still waiting for location analytics after 32 s: LOADING.",
        "✓ Location analytics loaded in 35 s.",
        "",
      ].join("\n"),
    );
    expect(h.stdout()).toBe("");
  });

  it("not on a terminal, before any agent heartbeats: says so", async () => {
    const h = harness({ CliAgentStatus: (t) => agents(t < 12_000 ? "NOT_RUNNING" : "RUNNING"), CliLocationsQuery: (t) => workspace(...(t < 12_000 ? [] : [entry()])) });
    await waitForLoad(options({ deploymentName: undefined }), h.deps);
    expect(h.stderr().split("\n")).toEqual([
      "Waiting for the agent to load location analytics...",
      "Still waiting for location analytics after 11 s: waiting for an agent heartbeat.",
      "✓ Location analytics loaded in 14 s.",
      "",
    ]);
  });

  it("on a terminal: one live line rewritten in place, about once a second, cleared before the ✓ line", async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: (t) => workspace(entry({ versionKey: "v2", loadStatus: t < 3000 ? "LOADING" : "LOADED" })) }, true);
    await waitForLoad(options({ before: BEFORE }), h.deps);
    const err = h.stderr();
    expect(err.startsWith(`${CLEAR}⠋ Waiting for location analytics to load: waiting for the agent to sync the update (0 s)${CLEAR}⠙ Waiting for location analytics to load: LOADING (0.3 s)`)).toBe(true);
    expect(err.endsWith(`LOADING (3 s)${CLEAR}✓ Location analytics loaded in 3.3 s.\n`)).toBe(true);
    expect(err.split("\n")).toHaveLength(2);
    expect(h.sleeps).toEqual([250, 375, 563, 844, 1000, 266]);
    expect(h.stdout()).toBe("");
  });

  it("on a terminal with TERM=dumb: plain lines, no live line", async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: (t) => workspace(entry({ versionKey: "v2", loadStatus: t < 3000 ? "LOADING" : "LOADED" })) }, true, { TERM: "dumb" });
    await waitForLoad(options({ before: BEFORE }), h.deps);
    expect(h.stderr()).toBe("Waiting for the agent to load location analytics in deployment prod...\n✓ Location analytics loaded in 3.3 s.\n");
  });

  it("on a terminal: the live line is cleared before an error is thrown", async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: () => workspace() }, true);
    await rejection(waitForLoad(options({ loadTimeoutSeconds: 5 }), h.deps));
    expect(h.stderr().endsWith(`update (4.3 s)${CLEAR}`)).toBe(true);
    expect(h.stderr()).not.toContain("\n");
  });
});

describe("waitForLoad: an update that changes nothing", () => {
  it(`accepts the earlier load after ${UNCHANGED_GRACE_MS / 1000} s with a running agent, with a warning`, async () => {
    const h = harness({ CliAgentStatus: running, CliLocationsQuery: () => workspace(entry()) });
    await waitForLoad(options({ before: BEFORE }), h.deps);
    expect(h.elapsed()).toBeGreaterThanOrEqual(UNCHANGED_GRACE_MS);
    expect(h.elapsed()).toBeLessThan(UNCHANGED_GRACE_MS + 3000);
    expect(h.stderr()).toMatch(/Warning: 12\d s after the update, Dagster\+ still shows the earlier load of location analytics and the agent is running: taking it that this update changed nothing to reload\.\n✓ Location analytics loaded in 12\d s\.\n$/);
  });

  it("does not, while no agent has been seen: the heartbeat timeout decides", async () => {
    const h = harness({ CliAgentStatus: () => agents("NOT_RUNNING"), CliLocationsQuery: () => workspace(entry()) });
    const error = await rejection(waitForLoad(options({ before: BEFORE, heartbeatTimeoutSeconds: 200 }), h.deps));
    expect(error.message).toBe("No Dagster+ agent is heartbeating for deployment prod (waited 200 s).");
  });
});
