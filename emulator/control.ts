/**
 * The control API, for when the emulator runs as a separate process. Control requests are neither
 * recorded nor authenticated, and consume no fault.
 *
 *   GET  /__emulator/requests     recorded requests (JSON array)
 *   GET  /__emulator/faults       faults not consumed yet
 *   POST /__emulator/faults       queue a fault or an array of faults
 *   POST /__emulator/reset        forget requests and faults, reset the state
 *   GET  /__emulator/deployments  the deployments in the state
 */
import type { ServerResponse } from "node:http";
import { parseFaults, type FaultQueue } from "./faults.ts";
import { sendJson } from "./http.ts";
import type { EmulatorState } from "./state.ts";
import type { RecordedRequest } from "./types.ts";

export const CONTROL_PREFIX = "/__emulator/";

export interface ControlDeps {
  requests: readonly RecordedRequest[];
  faults: FaultQueue;
  state: EmulatorState;
  reset(): void;
}

type Route = (body: unknown, deps: ControlDeps) => [status: number, value: unknown];

const ROUTES: Record<string, Route> = {
  "GET requests": (_, deps) => [200, deps.requests],
  "GET faults": (_, deps) => [200, deps.faults.pending()],
  "POST faults": (body, deps) => {
    try {
      const faults = parseFaults(body);
      deps.faults.push(...faults);
      return [200, { queued: faults.length, pending: deps.faults.pending().length }];
    } catch (error) {
      return [400, { error: error instanceof Error ? error.message : String(error) }];
    }
  },
  "POST reset": (_, deps) => {
    deps.reset();
    return [200, { ok: true }];
  },
  "GET deployments": (_, deps) => [200, deps.state.list()],
};

export function handleControl(
  method: string,
  path: string,
  body: unknown,
  res: ServerResponse,
  deps: ControlDeps,
): void {
  const name = path.slice(CONTROL_PREFIX.length);
  const route = ROUTES[`${method} ${name}`];
  if (route) {
    const [status, value] = route(body, deps);
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
