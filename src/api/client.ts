import * as z from "zod/mini";
import { ApiError, AuthError, NotFoundError, TransportError } from "../errors.ts";
import { oneLine } from "../text.ts";
import { AnswerTooLarge, ConnectionFailure, formatSeconds, type HttpResponse, type Transport } from "./transport.ts";

/** A GraphQL operation is data: its name, its document and the schema of the answer's `data`. */
export interface Operation<TData> {
  name: string;
  document: string;
  data: z.ZodMiniType<TData>;
}

export interface ClientOptions {
  /** Base URL without trailing slash; requests go to `${baseUrl}/graphql`. */
  baseUrl: string;
  token: string;
  /** Where the token came from, named when the server rejects it. */
  tokenSource: string;
  /** Extra headers, e.g. `Dagster-Cloud-Deployment`. */
  headers?: Record<string, string>;
  userAgent: string;
  version: string;
  transport: Transport;
  sleep(ms: number): Promise<void>;
  now(): number;
  random(): number;
  /** Warnings for stderr: retries, maintenance. */
  warn(line: string): void;
  retries?: number;
  timeoutMs?: number;
}

/** What happened on the way; the client fills it in for the caller to read after the call. */
export interface RequestInfo {
  /**
   * A mutation was sent again after an attempt that may have reached Dagster+ (the connection
   * broke after the whole request was sent, or a 502/503/504 came back, which a gateway may send
   * after the service acted). The mutation may then have been applied twice, or its second
   * answer ("not found", "already exists") may describe the first one's effect: verify with a read.
   */
  resent: boolean;
}

export type Client = <TData>(
  operation: Operation<TData>,
  variables: Record<string, unknown>,
  info?: RequestInfo,
) => Promise<TData>;

const RETRY_STATUSES = new Set([409, 429, 502, 503, 504]);
/** Statuses a gateway may return after the service behind it acted on the request. */
const MAYBE_APPLIED_STATUSES = new Set([502, 503, 504]);
const MAX_RETRY_AFTER_MS = 300_000;
/**
 * Maintenance answers are bounded: the retry interval to [5 s, 300 s] (a zero, negative or huge
 * one made a request flood), and the whole wait to the server's `timeout` but at most an hour
 * (the Python CLI waits up to 16 h; a CI job should fail long before, and an hour is also the
 * default location load timeout).
 */
const MAINTENANCE_INTERVAL_MS = { min: 5_000, max: 300_000, default: 30_000 };
const MAX_MAINTENANCE_MS = 3_600_000;
/** setTimeout fires at once for delays above 2^31-1 ms (~24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** GraphQL errors listed in a message; the rest are counted. */
const MAX_ERRORS_LISTED = 3;

const envelope = z.object({
  data: z.optional(z.unknown()),
  errors: z.optional(z.unknown()),
  maintenance: z.optional(
    z.nullable(
      z.object({
        message: z.optional(z.nullable(z.string())),
        // Anything: a bad value is clamped (maintenanceInterval, maintenanceLimit), not an error.
        timeout: z.optional(z.unknown()),
        retry_interval: z.optional(z.unknown()),
      }),
    ),
  ),
});

/**
 * The client returns the operation's `data`, validated, or throws a typed error. It retries
 * 409/429/502/503/504 and connection failures 3 times with exponential backoff and jitter,
 * honouring `Retry-After`; it waits out a `{"maintenance": ...}` answer until its timeout (at most
 * an hour). A mutation that timed out is never resent. Every piece of server text that goes into
 * a message is put on one line and neutralised (oneLine).
 */
export function createClient(options: ClientOptions): Client {
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const url = `${options.baseUrl}/graphql`;
  const headers = {
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": options.userAgent,
    "dagster-cloud-api-token": options.token,
    "dagster-cloud-scope": "deployment",
    "dagster-cloud-version": options.version,
    ...options.headers,
  };

  return async function request<TData>(
    operation: Operation<TData>,
    variables: Record<string, unknown>,
    info: RequestInfo = { resent: false },
  ) {
    const body = JSON.stringify({ query: operation.document, variables, operationName: operation.name });
    const isMutation = /^\s*mutation\b/.test(operation.document);
    let failures = 0;
    let maintenanceSince: number | undefined;
    // Set when the attempt that failed may have been acted on: the next send is then a resend.
    let mayHaveApplied = false;
    info.resent = false;
    for (;;) {
      if (mayHaveApplied && isMutation) info.resent = true;
      let response: HttpResponse;
      try {
        response = await options.transport({ url, headers, body, timeoutMs });
      } catch (error) {
        if (!(error instanceof ConnectionFailure)) throw error;
        if (error instanceof AnswerTooLarge) {
          throw new TransportError(`Dagster+ sent an answer to ${operation.name} larger than ${error.maxBytes / 1024 / 1024} MiB; stopped reading.`, {
            hint: error.hint,
            cause: error,
          });
        }
        // A mutation that timed out may have been applied: do not send it again.
        const retryable = !error.permanent && !(error.timedOut && isMutation);
        if (retryable && failures < retries) {
          mayHaveApplied ||= error.afterSend;
          await pause(backoff(failures++), `could not reach Dagster+ (${error.message})`);
          continue;
        }
        throw new TransportError(`Could not reach Dagster+ at ${url}: ${error.message}.`, {
          hint: error.hint ?? "Check the network, any HTTPS_PROXY / NO_PROXY settings, and --url / --organization.",
          cause: error,
        });
      }

      if (RETRY_STATUSES.has(response.status)) {
        if (failures < retries) {
          const wait = retryAfter(response.headers["retry-after"], options.now()) ?? backoff(failures);
          failures++;
          mayHaveApplied ||= MAYBE_APPLIED_STATUSES.has(response.status);
          await pause(wait, `Dagster+ answered ${statusLine(response)}`);
          continue;
        }
        throw new TransportError(
          `Dagster+ answered ${statusLine(response)} to ${operation.name}, ${retries + 1} times in a row.`,
          { hint: "The service is busy or down; try again in a few minutes." },
        );
      }
      if (response.status === 407) {
        throw new TransportError(`The HTTP proxy wants credentials (${statusLine(response)}).`, {
          hint: "Put them in the proxy URL: HTTP_PROXY=http://user:password@host:port.",
        });
      }
      if (response.status === 401 || response.status === 403) {
        throw new AuthError(`Dagster+ rejected the API token from ${options.tokenSource} (${statusLine(response)}).`, {
          hint: "Check that the token is current and belongs to this organization (--api-token, DAGSTER_CLOUD_API_TOKEN, or `user_token` in the config file).",
        });
      }

      const json = parseJson(response.body);
      const parsed = json === undefined ? undefined : envelope.safeParse(json);
      if (!parsed?.success) throw badAnswer(operation.name, url, response);
      const answer = parsed.data;

      if (answer.maintenance) {
        const now = options.now();
        maintenanceSince ??= now;
        const { message, timeout, retry_interval } = answer.maintenance;
        const said = message ? oneLine(message, 200) : "";
        const waited = now - maintenanceSince;
        const limit = maintenanceLimit(timeout);
        if (waited >= limit) {
          throw new TransportError(`Dagster+ is still under scheduled maintenance${said ? `: ${said}` : ""}.`, {
            hint: `Try again when the maintenance window is over (waited ${formatSeconds(waited)}).`,
          });
        }
        const wait = Math.min(maintenanceInterval(retry_interval), limit - waited);
        options.warn(`Dagster+ is under scheduled maintenance${said ? ` (${said})` : ""}. Retrying in ${formatSeconds(wait)}...`);
        await sleep(wait);
        continue;
      }
      if (answer.errors !== undefined && answer.errors !== null) {
        throw new ApiError(`Dagster+ rejected ${operation.name}: ${errorMessages(answer.errors)}`, {
          hint: response.status === 200 ? undefined : `HTTP status ${statusLine(response)}.`,
        });
      }
      if (response.status < 200 || response.status >= 300 || answer.data === undefined || answer.data === null) {
        throw badAnswer(operation.name, url, response);
      }
      const data = operation.data.safeParse(answer.data);
      if (!data.success) {
        const issue = data.error.issues[0];
        const where = oneLine(issue ? `${issue.path.join(".") || "data"}: ${issue.message}` : "unknown shape", 200);
        throw new ApiError(`Dagster+ gave an unexpected answer to ${operation.name} (${where}).`, {
          hint: "The service may have changed; run with --verbose and report it.",
        });
      }
      return data.data;
    }
  };

  async function pause(ms: number, why: string): Promise<void> {
    options.warn(`${why}; retrying in ${formatSeconds(ms)}...`);
    await sleep(ms);
  }

  /** Never more than a timer can hold, never negative or NaN (deps.sleep passes it to setTimeout). */
  function sleep(ms: number): Promise<void> {
    return options.sleep(Math.min(Math.max(Number.isFinite(ms) ? ms : 0, 0), MAX_TIMER_MS));
  }

  /** 1 s, 2 s, 4 s, ... each within ±25 %, so that many CI jobs do not retry in lockstep. */
  function backoff(failures: number): number {
    return Math.round(1000 * 2 ** failures * (0.75 + 0.5 * options.random()));
  }
}

/** `Retry-After` in seconds or as an HTTP date, within [0, 300 s]; undefined when absent or unreadable. */
export function retryAfter(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim().slice(0, 100);
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** The maintenance answer's `retry_interval` (seconds) in ms, within [5 s, 300 s]; 30 s when absent or not finite. */
export function maintenanceInterval(seconds: unknown): number {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return MAINTENANCE_INTERVAL_MS.default;
  return Math.min(Math.max(seconds * 1000, MAINTENANCE_INTERVAL_MS.min), MAINTENANCE_INTERVAL_MS.max);
}

/** How long to wait out maintenance, in ms: the server's `timeout` (seconds), at most an hour. */
export function maintenanceLimit(seconds: unknown): number {
  if (typeof seconds !== "number" || Number.isNaN(seconds)) return MAX_MAINTENANCE_MS;
  return Math.min(Math.max(seconds * 1000, 0), MAX_MAINTENANCE_MS);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The first few GraphQL errors, each on one line, neutralised; the rest are counted. */
function errorMessages(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = list.slice(0, MAX_ERRORS_LISTED).map((error) =>
    oneLine(
      typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string"
        ? (error as { message: string }).message
        : String(JSON.stringify(error)),
      200,
    ),
  );
  const more = list.length > MAX_ERRORS_LISTED ? ` (and ${list.length - MAX_ERRORS_LISTED} more)` : "";
  return messages.length > 0 ? `${messages.join("; ")}${more}` : "(no message)";
}

/** A 404 is a NotFoundError (exit 4): a deployment or organization that is not there. */
function badAnswer(operationName: string, url: string, response: HttpResponse): ApiError {
  const type = oneLine(response.headers["content-type"]?.split(";")[0] ?? "no content type", 60);
  const excerpt = oneLine(response.body.slice(0, 1000).replace(/\s+/g, " ").trim(), 160);
  const hint =
    response.status === 404
      ? `Check the organization (--organization) or --url: nothing answers at ${url}.`
      : "Check --url: a proxy, login page or another service may be answering.";
  const message = `Dagster+ answered ${operationName} with ${statusLine(response)} (${type}) and no GraphQL result${excerpt ? `: ${excerpt}` : "."}`;
  return response.status === 404 ? new NotFoundError(message, { hint }) : new ApiError(message, { hint });
}

function statusLine(response: HttpResponse): string {
  return `HTTP ${response.status}${response.statusText ? ` ${oneLine(response.statusText, 60)}` : ""}`;
}

