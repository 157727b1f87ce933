import * as z from "zod/mini";
import { ApiError, AuthError, TransportError } from "../errors.ts";
import { ConnectionFailure, type HttpResponse, type Transport } from "./transport.ts";

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

export type Client = <TData>(operation: Operation<TData>, variables: Record<string, unknown>) => Promise<TData>;

const RETRY_STATUSES = new Set([409, 429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 300_000;

const envelope = z.object({
  data: z.optional(z.unknown()),
  errors: z.optional(z.unknown()),
  maintenance: z.optional(
    z.nullable(
      z.object({
        message: z.optional(z.nullable(z.string())),
        timeout: z.optional(z.nullable(z.number())),
        retry_interval: z.optional(z.nullable(z.number())),
      }),
    ),
  ),
});

/**
 * The client returns the operation's `data`, validated, or throws a typed error. It retries
 * 409/429/502/503/504 and connection failures 3 times with exponential backoff and jitter,
 * honouring `Retry-After`; it waits out a `{"maintenance": ...}` answer until its timeout.
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

  return async function request<TData>(operation: Operation<TData>, variables: Record<string, unknown>) {
    const body = JSON.stringify({ query: operation.document, variables, operationName: operation.name });
    const isMutation = /^\s*mutation\b/.test(operation.document);
    let failures = 0;
    let maintenanceSince: number | undefined;
    for (;;) {
      let response: HttpResponse;
      try {
        response = await options.transport({ url, headers, body, timeoutMs });
      } catch (error) {
        if (!(error instanceof ConnectionFailure)) throw error;
        // A mutation that timed out may have been applied: do not send it again.
        const retryable = !error.permanent && !(error.timedOut && isMutation);
        if (retryable && failures < retries) {
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
        if (now - maintenanceSince > (timeout ?? 57_600) * 1000) {
          throw new TransportError(`Dagster+ is still under scheduled maintenance${message ? `: ${message}` : ""}.`, {
            hint: "Try again when the maintenance window is over.",
          });
        }
        const seconds = retry_interval ?? 30;
        options.warn(
          `Dagster+ is under scheduled maintenance${message ? ` (${message})` : ""}. Retrying in ${seconds} s...`,
        );
        await options.sleep(seconds * 1000);
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
        const where = issue ? `${issue.path.join(".") || "data"}: ${issue.message}` : "unknown shape";
        throw new ApiError(`Dagster+ gave an unexpected answer to ${operation.name} (${where}).`, {
          hint: "The service may have changed; run with --verbose and report it.",
        });
      }
      return data.data;
    }
  };

  async function pause(ms: number, why: string): Promise<void> {
    options.warn(`${why}; retrying in ${formatSeconds(ms)}...`);
    await options.sleep(ms);
  }

  /** 1 s, 2 s, 4 s, ... each within ±25 %, so that many CI jobs do not retry in lockstep. */
  function backoff(failures: number): number {
    return Math.round(1000 * 2 ** failures * (0.75 + 0.5 * options.random()));
  }
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfter(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorMessages(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = list.map((error) =>
    typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string"
      ? (error as { message: string }).message
      : JSON.stringify(error),
  );
  return messages.length > 0 ? messages.join("; ") : "(no message)";
}

function badAnswer(operationName: string, url: string, response: HttpResponse): ApiError {
  const type = response.headers["content-type"]?.split(";")[0] ?? "no content type";
  const excerpt = response.body.replace(/\s+/g, " ").trim().slice(0, 160);
  const hint =
    response.status === 404
      ? `Check the organization (--organization) or --url: nothing answers at ${url}.`
      : "Check --url: a proxy, login page or another service may be answering.";
  return new ApiError(
    `Dagster+ answered ${operationName} with ${statusLine(response)} (${type}) and no GraphQL result${excerpt ? `: ${excerpt}` : "."}`,
    { hint },
  );
}

function statusLine(response: HttpResponse): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
