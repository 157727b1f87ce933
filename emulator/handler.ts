/**
 * The request handler: routes control requests, records every other request, applies faults,
 * checks the API token, and runs GraphQL requests through graphql-js.
 */
import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { GraphQLSchema } from "graphql";
import { addressedDeployment, type RequestContext } from "./context.ts";
import { CONTROL_PREFIX, handleControl, type ControlDeps } from "./control.ts";
import { prepare, run, toGraphQLRequest } from "./execute.ts";
import type { ResultFault } from "./faults.ts";
import { flatHeaders, parseJsonOrRaw, readBody, sendJson, sendText } from "./http.ts";
import type { RecordedRequest } from "./types.ts";

export interface HandlerDeps extends ControlDeps {
  schema: GraphQLSchema;
  requests: RecordedRequest[];
  /** When set, the only tokens accepted. */
  tokens: ReadonlySet<string> | undefined;
  log: (line: string) => void;
  /** Aborted when the emulator closes, to cut `delay` faults short. */
  signal: AbortSignal;
}

const PROXY_HTML = "<html>\r\n<head><title>Welcome</title></head>\r\n<body><h1>It works!</h1></body>\r\n</html>\r\n";

const hasBodyKey = (body: unknown, key: string): body is Record<string, unknown> =>
  typeof body === "object" && body !== null && key in body;

async function handle(req: IncomingMessage, res: ServerResponse, deps: HandlerDeps): Promise<void> {
  const method = req.method ?? "";
  const url = new URL(req.url ?? "/", "http://emulator");
  const path = url.pathname;
  const body = parseJsonOrRaw(await readBody(req));
  if (path.startsWith(CONTROL_PREFIX)) return handleControl(method, path, body, res, deps, url.searchParams);

  const headers = flatHeaders(req);
  const record: RecordedRequest = { method, path, headers, body, status: 0, receivedAt: Date.now() };
  deps.requests.push(record);
  const finish = (status: number): void => {
    record.status = status;
    const op = record.operationName ?? "-";
    deps.log(`${method} ${path} ${op} -> ${status || "dropped"}${record.fault ? ` [fault: ${record.fault.kind}]` : ""}`);
  };
  const json = (status: number, value: unknown, extra: OutgoingHttpHeaders = {}): void => {
    finish(status);
    sendJson(res, status, value, extra);
  };

  if (!path.endsWith("/graphql")) return json(404, { error: `Not found: ${path}` });
  if (method !== "POST") return json(405, { error: `Method ${method} not allowed; use POST` }, { allow: "POST" });

  const request = toGraphQLRequest(body);
  const prepared = "error" in request ? undefined : prepare(request);
  if (prepared?.operationName !== undefined) record.operationName = prepared.operationName;
  if (hasBodyKey(body, "variables")) record.variables = body.variables;

  const applied = deps.faults.take(prepared?.operationType === "mutation");
  if (applied) record.fault = applied;
  let resultFault: ResultFault | undefined;
  switch (applied?.kind) {
    case "status": {
      const text = applied.body ?? STATUS_CODES[applied.status] ?? "";
      const type = /^\s*[[{]/.test(text) ? "application/json" : "text/plain; charset=utf-8";
      finish(applied.status);
      return sendText(res, applied.status, text, type, applied.retryAfter ? { "retry-after": applied.retryAfter } : {});
    }
    case "maintenance": {
      const { message = "Dagster Cloud is down for scheduled maintenance.", timeout, retryInterval } = applied;
      return json(200, { maintenance: { message, timeout, retry_interval: retryInterval } });
    }
    case "drop":
      finish(0);
      req.socket.destroy();
      return;
    case "graphql-error":
      return json(200, { errors: [{ message: applied.message }] });
    case "not-json":
      finish(200);
      return sendText(res, 200, PROXY_HTML, "text/html");
    case "delay":
      await sleep(applied.ms, undefined, { signal: deps.signal });
      break;
    case "result":
      resultFault = applied;
      break;
  }
  const dropAfter = applied?.kind === "drop-after";

  const token = headers["dagster-cloud-api-token"] ?? "";
  if (token === "") return json(401, { error: "Missing Dagster-Cloud-Api-Token header" });
  if (deps.tokens && !deps.tokens.has(token)) return json(401, { error: "Invalid Dagster Cloud API token" });
  const deploymentName = addressedDeployment(path, headers, deps.state);
  if (!deps.state.byName(deploymentName)) return json(404, { error: `Deployment "${deploymentName}" not found` });

  if (!prepared || "error" in request) {
    return json(400, { errors: [{ message: "error" in request ? request.error : "Bad request" }] });
  }
  const context: RequestContext = {
    state: deps.state,
    deploymentName,
    resultFault,
  };
  const answer = await run(deps.schema, prepared, context);
  if (dropAfter) {
    finish(0);
    return void req.socket.destroy();
  }
  return json(200, answer);
}

export function createHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, deps).catch((error: unknown) => {
      if (deps.signal.aborted) return void res.destroy();
      deps.log(`emulator error: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: "Internal emulator error" });
    });
  };
}
