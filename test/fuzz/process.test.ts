/**
 * Property-based fuzzing of the built CLI as a process (issue #7 item 11): a few dozen generated
 * runs of bin/dagster-cloud.js against the emulator (with injected faults) or a raw server that
 * misbehaves, checking what only a real process shows: the exit code, stdout flushed in full, no
 * stack trace, no hang. The same invariants as the in-process fuzzing; no shrinking (each run is a
 * process): a failure prints the seed and the path to replay it.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESULT_TYPENAMES, type Fault } from "../../emulator/faults.ts";
import { seedBranchDeployments } from "../../emulator/seed.ts";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { createSandbox, type Sandbox } from "../helpers/cli-process.ts";
import { startHostileServer, type HostileServer } from "../helpers/hostile-server.ts";
import { httpAnswer, message, type Misbehaviour } from "./answers.ts";
import { argvArb, specOf } from "./argv.ts";
import { SEEDED } from "./commands.ts";
import { surroundingsArb } from "./inputs.ts";
import { violations } from "./invariants.ts";
import { repairKnownBugs } from "./known-bugs.ts";
import { runProcess, withoutNul } from "./run-process.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_PROCESS_RUNS ?? 24);
const RETRIED = [409, 429, 502, 503, 504];

/** Faults the emulator injects; retried statuses say Retry-After: 0, so no run sleeps for seconds. */
const emulatorFault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant("status" as const), status: fc.constantFrom(400, 401, 403, 404, 500, ...RETRIED), retryAfter: fc.constant("0"), body: fc.string() }),
  fc.record({ kind: fc.constant("graphql-error" as const), message: fc.string({ unit: "binary", maxLength: 200 }) }),
  fc.constant({ kind: "not-json" as const }),
  fc.constant({ kind: "drop" as const }),
  fc.record({ kind: fc.constant("result" as const), typename: fc.constantFrom(...RESULT_TYPENAMES), message: fc.string({ unit: "binary", maxLength: 200 }) }),
);
type Target = { target: "emulator"; faults: Fault[] } | { target: "hostile"; answer: Extract<Misbehaviour, { kind: "http" }> };
const targetArb: fc.Arbitrary<Target> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ target: fc.constant("emulator" as const), faults: fc.array(emulatorFault, { maxLength: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      target: fc.constant("hostile" as const),
      // Maintenance waits at least 5 s a round, and retries without Retry-After back off for seconds: not here.
      // Node sends statuses 100-599 only (a dropped connection is retried for 7 s: the emulator's `drop` covers it).
      answer: fc.tuple(httpAnswer.filter((a) => a.status >= 100 && a.status <= 599), message).map(([answer, text]) => ({
        ...(answer as Extract<Misbehaviour, { kind: "http" }>),
        body: answer.body.includes("maintenance") ? text : answer.body,
        headers: RETRIED.includes(answer.status) ? { ...answer.headers, "retry-after": "0" } : answer.headers,
      })),
    }),
  },
);

let sandbox: Sandbox;
let emulator: Emulator;
let hostile: HostileServer;
let answer: Extract<Misbehaviour, { kind: "http" }> | undefined;
const reached = { codes: new Map<number, number>(), runs: 0, slowest: 0 };

beforeAll(async () => {
  sandbox = createSandbox();
  emulator = await startEmulator({ loadDelayMs: 0 });
  hostile = await startHostileServer((req, res) => {
    const token = String(req.headers["dagster-cloud-api-token"] ?? "");
    const echo = (text: string) => text.replaceAll("{{token}}", token).replaceAll("{{token-url}}", encodeURIComponent(token)).replaceAll("{{token-json}}", JSON.stringify(token).slice(1, -1));
    const { status, statusText, headers, body } = answer ?? { status: 500, statusText: "", headers: {}, body: "" };
    // Printable ASCII only (Node refuses the rest), and short: a 16 KB header is a parse error retried for 7 s.
    const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined && /^[\t\x20-\x7e]{0,1000}$/.test(v)));
    res.writeHead(status, /^[\t\x20-\x7e]*$/.test(echo(statusText)) ? echo(statusText) : undefined, defined as Record<string, string>);
    res.end(echo(body));
  });
});
afterAll(async () => {
  sandbox?.cleanup();
  await emulator?.close();
  await hostile?.close();
});

describe("fuzz: the built CLI as a process", () => {
  it(`keeps every invariant over ${RUNS} generated runs (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, surroundingsArb, targetArb, async (generated, world, target) => {
        emulator.reset();
        seedBranchDeployments(emulator.state, [{ ...SEEDED, pullRequestStatus: "OPEN", commits: [{ commitHash: "a".repeat(40), timestamp: Date.now() / 1000 - 86_400 }] }]);
        emulator.state.workspace.upsert({ deploymentId: 1, deploymentName: "prod" }, { location_name: "seeded_loc", code_source: { module_name: "pkg" } });
        if (target.target === "emulator") emulator.injectFault(...target.faults);
        answer = target.target === "hostile" ? target.answer : undefined;
        const argv = generated.argv.map(withoutNul);
        const result = await runProcess(argv, world, sandbox, target.target === "emulator" ? emulator.url : hostile.url);
        reached.runs++;
        reached.codes.set(result.code, (reached.codes.get(result.code) ?? 0) + 1);
        reached.slowest = Math.max(reached.slowest, result.ms);
        const input = { argv, spec: specOf(generated.command), pathIntact: generated.pathIntact, styled: world.env.FORCE_COLOR !== undefined };
        const found = violations(repairKnownBugs(result, input).outcome, input);
        if (result.runaway) found.unshift(`runaway: ${result.runaway}`);
        if (found.length > 0) {
          throw new Error(`${found.join("\n")}\n--- exit ${result.code}; stdout:\n${result.stdout.slice(0, 2000)}\n--- stderr:\n${result.stderr.slice(0, 4000)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Not vacuous: successes and failures both, through real processes.
    expect(reached.codes.get(0)).toBeGreaterThan(0);
    expect([...reached.codes.keys()].filter((code) => code !== 0).length).toBeGreaterThanOrEqual(2);
  }, 240_000);

  afterAll(() => {
    const codes = [...reached.codes.entries()].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}:${n}`);
    console.log(`fuzz as a process: ${reached.runs} runs, exit codes ${codes.join(" ")}; slowest run ${Math.round(reached.slowest)} ms`);
  });
});
