/**
 * One fuzz run in process: main(argv, deps) with fakeDeps, the generated surroundings and the fake
 * Dagster+. Guards turn a runaway into a reported failure instead of a hung test: the fake clock
 * makes sleeps instant, so a loop would never yield to a timer; every few sleeps and requests yield
 * to the event loop, and past a cap the run is stopped and flagged.
 */
import { FileRejected } from "../../src/files.ts";
import { main } from "../../src/main.ts";
import { fakeDeps, type FakeDeps } from "../helpers/fake-deps.ts";
import { createFakeServer, type FakeServer, type ServerPlan } from "./fake-server.ts";
import { CWD, HOME, type Surroundings } from "./inputs.ts";
import type { Outcome } from "./invariants.ts";

/** More requests than any bounded path makes (an hour of maintenance at 5 s is 720 per call). */
export const MAX_REQUESTS = 5_000;
export const MAX_SLEEPS = 20_000;
/** Fake time: the load timeout (1 h) plus maintenance waits (1 h per request) fit well within. */
export const MAX_FAKE_HOURS = 24;
/** Wall time for one run; a run that needs more is a hang. */
export const RUN_TIMEOUT_MS = 10_000;

export interface InProcessResult extends Outcome {
  requests: number;
  /** Set when a guard stopped the run: the CLI did not stop by itself. */
  runaway: string | undefined;
  ms: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A process gets its argv and environment as bytes, decoded as UTF-8: a lone surrogate arrives as U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

export async function runInProcess(rawArgv: readonly string[], world: Surroundings, plan: ServerPlan): Promise<InProcessResult> {
  const argv = rawArgv.map(wellFormed);
  let runaway: string | undefined;
  const stop = (why: string): never => {
    runaway ??= why;
    throw new Error(`fuzz guard: ${why}`);
  };
  // The server needs the deps' clock, and the deps the server's transport: one is filled in after.
  const late: { server?: FakeServer } = {};
  const deps: FakeDeps = fakeDeps({
    env: Object.fromEntries(Object.entries(world.env).map(([name, value]) => [name, wellFormed(value)])),
    files: { ...world.files },
    transport: async (request) => {
      const server = late.server!;
      if (server.requests() >= MAX_REQUESTS) stop(`more than ${MAX_REQUESTS} requests`);
      if (server.requests() % 32 === 31) await yieldToEventLoop();
      return server.transport(request);
    },
    headCommit: world.headCommit,
    repoContext: world.repoContext,
    isTTY: world.isTTY,
    cwd: CWD,
    homedir: HOME,
  });
  const server = (late.server = createFakeServer(plan, () => deps.now()));
  const started = deps.now();
  const { readFile, sleep } = deps;
  deps.readFile = async (path) => {
    const how = world.unreadable[path];
    if (how === "fifo") throw new FileRejected(path, "is a FIFO (named pipe), not a regular file");
    if (how !== undefined) throw Object.assign(new Error(`${how}: cannot read ${path}`), { code: how });
    return readFile(path);
  };
  deps.sleep = async (ms) => {
    if (deps.sleeps.length >= MAX_SLEEPS) stop(`more than ${MAX_SLEEPS} sleeps`);
    if (deps.now() - started > MAX_FAKE_HOURS * 3_600_000) stop(`more than ${MAX_FAKE_HOURS} h of (fake) waiting`);
    if (deps.sleeps.length % 64 === 63) await yieldToEventLoop();
    return sleep(ms);
  };
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      runaway ??= `no exit within ${RUN_TIMEOUT_MS} ms`;
      resolve(-1);
    }, RUN_TIMEOUT_MS);
  });
  const code = await Promise.race([main(argv, deps), hung]).finally(() => clearTimeout(timer));
  return { code, stdout: deps.stdout(), stderr: deps.stderr(), requests: server.requests(), runaway, ms: performance.now() - t0 };
}
