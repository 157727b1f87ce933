/**
 * The control API, for when the emulator runs as a separate process. Control requests are neither
 * recorded nor authenticated, and consume no fault.
 *
 *   GET  /__emulator/requests     recorded requests (JSON array)
 *   GET  /__emulator/faults       faults not consumed yet
 *   POST /__emulator/faults       queue a fault or an array of faults
 *   POST /__emulator/reset        forget requests and faults, reset the state
 *   GET  /__emulator/deployments  the deployments in the state
 *   GET  /__emulator/locations?deployment=NAME   that deployment's code locations (default prod)
 *   GET  /__emulator/config       the agent and loading configuration
 *   POST /__emulator/config       change it: {loadDelayMs?, agent?, deploymentAgents?, failImages?}
 *   POST /__emulator/branch-deployments   seed branch deployments (see seed.ts)
 */
import type { ServerResponse } from "node:http";
import { parseConfigPatch } from "./config.ts";
import { parseFaults, type FaultQueue } from "./faults.ts";
import { sendJson } from "./http.ts";
import { parseSeeds, seedBranchDeployments } from "./seed.ts";
import type { EmulatorState } from "./state.ts";
import type { RecordedRequest } from "./types.ts";

export const CONTROL_PREFIX = "/__emulator/";

export interface ControlDeps {
  requests: readonly RecordedRequest[];
  faults: FaultQueue;
  state: EmulatorState;
  reset(): void;
}

type Route = (body: unknown, deps: ControlDeps, query: URLSearchParams) => [status: number, value: unknown];

const badRequest = (error: unknown): [number, unknown] => [400, { error: error instanceof Error ? error.message : String(error) }];

const ROUTES: Record<string, Route> = {
  "GET requests": (_, deps) => [200, deps.requests],
  "GET faults": (_, deps) => [200, deps.faults.pending()],
  "POST faults": (body, deps) => {
    try {
      const faults = parseFaults(body);
      deps.faults.push(...faults);
      return [200, { queued: faults.length, pending: deps.faults.pending().length }];
    } catch (error) {
      return badRequest(error);
    }
  },
  "POST reset": (_, deps) => {
    deps.reset();
    return [200, { ok: true }];
  },
  "GET deployments": (_, deps) => [200, deps.state.list()],
  "GET locations": (_, deps, query) => {
    const name = query.get("deployment") ?? "prod";
    const deployment = deps.state.byName(name);
    if (!deployment) return [404, { error: `Deployment "${name}" not found` }];
    return [200, deps.state.workspace.list(deployment.deploymentId)];
  },
  "POST branch-deployments": (body, deps) => {
    try {
      return [200, seedBranchDeployments(deps.state, parseSeeds(body))];
    } catch (error) {
      return badRequest(error);
    }
  },
  "GET config": (_, deps) => [200, deps.state.workspace.config()],
  "POST config": (body, deps) => {
    try {
      return [200, deps.state.workspace.configure(parseConfigPatch(body))];
    } catch (error) {
      return badRequest(error);
    }
  },
};

export function handleControl(
  method: string,
  path: string,
  body: unknown,
  res: ServerResponse,
  deps: ControlDeps,
  query: URLSearchParams = new URLSearchParams(),
): void {
  const name = path.slice(CONTROL_PREFIX.length);
  const route = ROUTES[`${method} ${name}`];
  if (route) {
    const [status, value] = route(body, deps, query);
    sendJson(res, status, value);
    return;
  }
  const allowed = Object.keys(ROUTES)
    .filter((key) => key.endsWith(` ${name}`))
    .map((key) => key.split(" ")[0]);
  if (allowed.length > 0) {
    sendJson(res, 405, { error: `Method ${method} not allowed on ${path}` }, { allow: allowed.join(", ") });
  } else {
    sendJson(res, 404, { error: `No control endpoint ${path}` });
  }
}
