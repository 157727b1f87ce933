/**
 * An in-process Dagster+ for the fuzz tests: the emulator's schema and state behind a Transport (no
 * sockets, the fake clock drives loading), with a scripted list of misbehaviours taken one per
 * request. Parsed and validated documents are cached: the CLI sends the same few documents.
 */
import { validateHeaderName, validateHeaderValue } from "node:http";
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { applyPatch, defaultConfig, type AgentMode } from "../../emulator/config.ts";
import { addressedDeployment, type RequestContext } from "../../emulator/context.ts";
import type { ResultFault } from "../../emulator/faults.ts";
import { buildEmulatorSchema } from "../../emulator/resolvers/index.ts";
import { seedBranchDeployments } from "../../emulator/seed.ts";
import { EmulatorState } from "../../emulator/state.ts";
import { AnswerTooLarge, ConnectionFailure, type HttpRequest, type HttpResponse, type Transport } from "../../src/api/transport.ts";
import { SEEDED } from "./commands.ts";
import type { Misbehaviour } from "./answers.ts";

let schema: GraphQLSchema | undefined;
const documents = new Map<string, DocumentNode | Error>();

export interface ServerPlan {
  agent: AgentMode;
  loadDelayMs: number;
  /** Taken one per request, in order; then answers are normal. */
  script: Misbehaviour[];
  /** The last misbehaviour of the script repeats for ever (an endless outage). */
  sticky: boolean;
  /** Names of extra seeded branch deployments (hostile ones too, for list and prune). */
  extraBranches: string[];
}

export interface FakeServer {
  transport: Transport;
  requests: () => number;
}

/** `now` is the CLI's (fake) clock, so that a location loads after the sleeps the CLI asks for. */
export function createFakeServer(plan: ServerPlan, now: () => number): FakeServer {
  schema ??= buildEmulatorSchema();
  const state = new EmulatorState({ now, config: applyPatch(defaultConfig(), { agent: plan.agent, loadDelayMs: plan.loadDelayMs }) });
  const day = 86_400;
  seedBranchDeployments(state, [
    { ...SEEDED, pullRequestStatus: "OPEN", pullRequestNumber: "7", commits: [{ commitHash: "a".repeat(40), timestamp: now() / 1000 - day }] },
    ...plan.extraBranches.map((branchName, i) => ({
      repoName: SEEDED.repoName,
      branchName,
      pullRequestStatus: (["CLOSED", "MERGED", "OPEN"] as const)[i % 3],
      commits: [{ commitHash: "b".repeat(40), timestamp: now() / 1000 - 40 * day, commitMessage: branchName, authorName: branchName }],
    })),
  ]);
  state.workspace.upsert({ deploymentId: 1, deploymentName: "prod" }, { location_name: "seeded_loc", code_source: { module_name: "pkg" } });
  let count = 0;
  const script = [...plan.script];

  const transport: Transport = async (request) => {
    count++;
    // What node:http does before sending: a header it cannot send is a TypeError (ERR_INVALID_CHAR).
    for (const [name, value] of Object.entries(request.headers)) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    }
    const next = script.length > 1 || !plan.sticky ? script.shift() : script[0];
    const token = request.headers["dagster-cloud-api-token"] ?? "";
    if (next === undefined || next.kind === "pass" || next.kind === "rename" || next.kind === "result") {
      const fault = next?.kind === "result" ? { ...next, message: withToken(next.message, token), errors: next.errors?.map((e) => withToken(e, token)) } : undefined;
      const answer = await emulate(state, request, fault);
      if (next?.kind !== "rename") return answer;
      const keys = next.texts ? TEXT_KEYS : NAME_KEYS;
      return { ...answer, body: JSON.stringify(rename(JSON.parse(answer.body), keys, next.names.map((name) => withToken(name, token)))) };
    }
    switch (next.kind) {
      case "connection":
        throw new ConnectionFailure(withToken(next.message, token), next.timedOut, { afterSend: next.afterSend, permanent: next.permanent });
      case "too-large":
        throw new AnswerTooLarge(10 * 1024 * 1024);
      case "http":
        return { status: next.status, statusText: withToken(next.statusText, token), headers: next.headers, body: withToken(next.body, token) };
    }
  };
  return { transport, requests: () => count };
}

/** `{{token}}` and friends in scripted text become the token the request carried (a server echoing it). */
function withToken(text: string, token: string): string {
  return text
    .replaceAll("{{token}}", token)
    .replaceAll("{{token-url}}", encodeURIComponent(token))
    .replaceAll("{{token-json}}", JSON.stringify(token).slice(1, -1));
}

async function emulate(state: EmulatorState, request: HttpRequest, resultFault: ResultFault | undefined): Promise<HttpResponse> {
  const json = (status: number, value: unknown): HttpResponse => ({ status, statusText: "", headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
  const url = new URL(request.url);
  const deploymentName = addressedDeployment(url.pathname, request.headers, state);
  if (!state.byName(deploymentName)) return json(404, { error: `Deployment "${deploymentName}" not found` });
  const body = JSON.parse(request.body) as { query: string; variables: Record<string, unknown>; operationName: string };
  let document = documents.get(body.query);
  if (document === undefined) {
    try {
      const parsed = parse(body.query);
      const errors = validate(schema!, parsed);
      document = errors.length > 0 ? new Error(errors.map((e) => e.message).join("; ")) : parsed;
    } catch (error) {
      document = error as Error;
    }
    documents.set(body.query, document);
  }
  if (document instanceof Error) return json(200, { errors: [{ message: document.message }] });
  const context: RequestContext = { state, deploymentName, resultFault };
  const result = await execute({ schema: schema!, document, variableValues: body.variables, operationName: body.operationName, contextValue: context });
  return json(200, result);
}

const TEXT_KEYS = new Set(["message", "stack", "errors"]);
const NAME_KEYS = new Set([...TEXT_KEYS, "deploymentName", "getBranchDeploymentName", "name", "locationName", "repoName", "branchName", "pullRequestStatus"]);

/** Every string under one of `keys` in the answer replaced by one of `names` (in turn). */
function rename(value: unknown, keys: ReadonlySet<string>, names: readonly string[]): unknown {
  let i = 0;
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === "string" && key !== undefined && keys.has(key) && names.length > 0) return names[i++ % names.length];
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    if (typeof node === "object" && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    return node;
  };
  return walk(value);
}
