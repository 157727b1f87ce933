/**
 * Faults: scripted misbehaviour, queued first-in first-out. Each fault is consumed by exactly one
 * incoming GraphQL request (POST to a `.../graphql` path), in order. A `result` fault waits at the
 * head of the queue until a mutation arrives: queries pass it untouched (and take no other fault
 * while it waits), so "the next mutation fails" works even when the client first sends a query.
 */

/** Error members of the mutation unions that a `result` fault can force. */
export const RESULT_TYPENAMES = [
  "PythonError",
  "UnauthorizedError",
  "DeploymentNotFoundError",
  "DuplicateDeploymentError",
  "DeploymentLimitError",
  "DeleteFinalDeploymentError",
  "InvalidLocationError",
] as const;
export type ResultTypename = (typeof RESULT_TYPENAMES)[number];

/** `errors` is for `InvalidLocationError` (default: `[message]`); other typenames ignore it. */
export type ResultFault = { kind: "result"; typename: ResultTypename; message: string; errors?: string[] };

export type Fault =
  /** Answer this HTTP status (body defaults to the status text; `retryAfter` sets `Retry-After`). */
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  /** HTTP 200 `{"maintenance": {...}}`; `timeout`/`retry_interval` are sent only when given. */
  | { kind: "maintenance"; message?: string; retryInterval?: number; timeout?: number }
  /** Destroy the socket without answering. */
  | { kind: "drop" }
  /** The next mutation is carried out, then the socket is destroyed unanswered: it happened, the client cannot know. */
  | { kind: "drop-after" }
  /** HTTP 200 `{"errors": [{"message": ...}]}` with no `data`. */
  | { kind: "graphql-error"; message: string }
  /** HTTP 200 with an HTML body, like a misconfigured proxy. */
  | { kind: "not-json" }
  /** The next mutation's top-level field resolves to this error member of its union. */
  | ResultFault
  /** Answer normally, after a delay. */
  | { kind: "delay"; ms: number };

export class FaultQueue {
  private readonly queue: Fault[] = [];

  push(...faults: Fault[]): void {
    this.queue.push(...faults);
  }

  /** The fault that applies to the request now arriving, removed from the queue; or undefined. */
  take(isMutation: boolean): Fault | undefined {
    const head = this.queue[0];
    if (head === undefined || ((head.kind === "result" || head.kind === "drop-after") && !isMutation)) return undefined;
    return this.queue.shift();
  }

  pending(): readonly Fault[] {
    return [...this.queue];
  }

  clear(): void {
    this.queue.length = 0;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const optional = (v: unknown, type: "string" | "number"): boolean => v === undefined || typeof v === type;

/** Checks a fault received as JSON (control API). Throws an Error naming what is wrong. */
export function parseFault(value: unknown): Fault {
  if (!isObject(value)) throw new Error("a fault must be a JSON object");
  const v = value;
  const ok = ((): boolean => {
    switch (v.kind) {
      case "status":
        return Number.isInteger(v.status) && optional(v.retryAfter, "string") && optional(v.body, "string");
      case "maintenance":
        return optional(v.message, "string") && optional(v.retryInterval, "number") && optional(v.timeout, "number");
      case "drop":
      case "drop-after":
      case "not-json":
        return true;
      case "graphql-error":
        return typeof v.message === "string";
      case "result":
        return (
          RESULT_TYPENAMES.includes(v.typename as ResultTypename) &&
          typeof v.message === "string" &&
          (v.errors === undefined || (Array.isArray(v.errors) && v.errors.every((e) => typeof e === "string")))
        );
      case "delay":
        return typeof v.ms === "number" && v.ms >= 0;
      default:
        return false;
    }
  })();
  if (!ok) throw new Error(`invalid fault: ${JSON.stringify(value)}`);
  return value as Fault;
}

/** A fault or an array of faults. */
export function parseFaults(value: unknown): Fault[] {
  return Array.isArray(value) ? value.map(parseFault) : [parseFault(value)];
}
