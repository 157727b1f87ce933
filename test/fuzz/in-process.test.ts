/**
 * Property-based fuzzing of the whole CLI in process (issue #7 item 11): generated argv, environment,
 * config and location files and server answers, through main() with fake deps and an in-process
 * Dagster+; every run must keep the invariants of invariants.ts. Seeded: the same runs every time;
 * a failure prints the seed and the shrunk counterexample. FUZZ_SEED / FUZZ_RUNS explore further.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { serverPlanArb } from "./answers.ts";
import { argvArb, specOf } from "./argv.ts";
import { EXAMPLES } from "./examples.ts";
import { surroundingsArb } from "./inputs.ts";
import { violations } from "./invariants.ts";
import { repairKnownBugs } from "./known-bugs.ts";
import { runInProcess } from "./run-in-process.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** What the runs reached, to check that the invariants were not kept vacuously. */
const reached = {
  codes: new Map<number, number>(),
  successes: new Map<string, number>(),
  knownBugs: new Map<string, number>(),
  jsonSuccesses: 0,
  /** Runs that reached the server; that showed a masked secret, an escaped control character, a defused `::`. */
  served: 0,
  masked: 0,
  escaped: 0,
  defused: 0,
  requests: 0,
  runs: 0,
  slowest: 0,
};

describe("fuzz: main() in process", () => {
  it(`keeps every invariant over ${RUNS} generated runs (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, surroundingsArb, serverPlanArb, async (generated, world, plan) => {
        const result = await runInProcess(generated.argv, world, plan);
        reached.runs++;
        reached.codes.set(result.code, (reached.codes.get(result.code) ?? 0) + 1);
        reached.requests += result.requests;
        if (result.requests > 0) reached.served++;
        if (result.stderr.includes("****")) reached.masked++;
        if (/\\(e|n|r|u00[0-9a-f]{2})/.test(result.stderr)) reached.escaped++;
        if (/^\s*(:\u200b:|#\u200b#)/m.test(result.stderr)) reached.defused++;
        reached.slowest = Math.max(reached.slowest, result.ms);
        if (result.code === 0 && generated.pathIntact) {
          reached.successes.set(generated.command, (reached.successes.get(generated.command) ?? 0) + 1);
          if (generated.argv.includes("--json")) reached.jsonSuccesses++;
        }
        const input = { argv: generated.argv, spec: specOf(generated.command), pathIntact: generated.pathIntact, styled: world.isTTY || world.env.FORCE_COLOR !== undefined };
        const { outcome, showed } = repairKnownBugs(result, input);
        for (const bug of showed) reached.knownBugs.set(bug, (reached.knownBugs.get(bug) ?? 0) + 1);
        const found = violations(outcome, input);
        if (result.runaway) found.unshift(`runaway: ${result.runaway}`);
        if (found.length > 0) {
          throw new Error(`${found.join("\n")}\n--- exit ${result.code}; stdout:\n${result.stdout.slice(0, 2000)}\n--- stderr:\n${result.stderr.slice(0, 4000)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, examples: EXAMPLES },
    );
  }, 120_000);

  it("reached successes, every kind of failure and the server on the way (not vacuous)", () => {
    // Meaningful only after the property above ran in full (it runs first: same file, in order).
    expect(reached.runs).toBeGreaterThanOrEqual(RUNS);
    const codes = [...reached.codes.keys()].sort((a, b) => a - b);
    expect(codes).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5, 6]));
    expect(reached.codes.get(0)).toBeGreaterThanOrEqual(RUNS * 0.1);
    const commands = [...reached.successes.keys()];
    expect(commands).toEqual(
      expect.arrayContaining(["branch-deployment create-or-update", "branch-deployment get", "branch-deployment list", "deployment add-location"]),
    );
    expect(reached.jsonSuccesses).toBeGreaterThan(0);
    expect(reached.served).toBeGreaterThanOrEqual(RUNS * 0.25);
    // The output invariants met the inputs they are about: secrets, escapes, workflow commands.
    expect(reached.masked).toBeGreaterThanOrEqual(RUNS * 0.02);
    expect(reached.escaped).toBeGreaterThanOrEqual(RUNS * 0.02);
    expect(reached.defused).toBeGreaterThan(0);
  });

  afterAll(() => {
    const codes = [...reached.codes.entries()].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}:${n}`);
    const successes = [...reached.successes.entries()].map(([name, n]) => `${name}:${n}`);
    const bugs = [...reached.knownBugs.entries()].map(([bug, n]) => `${bug}:${n}`);
    console.log(
      `fuzz in process: ${reached.runs} runs, exit codes ${codes.join(" ")}; successes ${successes.join(", ")}; ` +
        `${reached.served} runs reached the server (${reached.requests} requests); masked ${reached.masked}, escaped ${reached.escaped}, defused ${reached.defused}; slowest run ${Math.round(reached.slowest)} ms; known bugs seen ${bugs.join(", ") || "none"}`,
    );
  });
});
