import http from "node:http";
import { oneLine } from "../text.ts";

/** One HTTP exchange. The client above it owns retries, JSON and errors. */
export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Idle timeout: fail when nothing arrives for this long (connecting, headers or body). */
  timeoutMs: number;
  /** Overall deadline for the whole exchange, headers and body; DEADLINE_MS when absent. */
  deadlineMs?: number;
  /** Largest answer body accepted; MAX_ANSWER_BYTES when absent. */
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** A GraphQL answer here is a few KB; anything near this is not Dagster+ (curl's --max-filesize). */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;
/** The idle timeout alone lets a server that sends a byte now and then hold us forever (curl's --max-time). */
export const DEADLINE_MS = 120_000;

/** The connection failed or timed out before a complete answer arrived. */
export class ConnectionFailure extends Error {
  override name = "ConnectionFailure";
  constructor(
    message: string,
    readonly timedOut: boolean,
    options: { cause?: unknown; permanent?: boolean; hint?: string; afterSend?: boolean } = {},
  ) {
    // Node's and OpenSSL's messages may span lines (`...ssl3_record.c:350:\n`): one line, always.
    super(oneLine(message.replace(/\s*\n\s*/g, " ").trim()), { cause: options.cause });
    this.permanent = options.permanent ?? false;
    this.hint = options.hint;
    this.afterSend = options.afterSend ?? false;
  }
  /** Retrying cannot help (a certificate the system does not trust, a host that does not exist). */
  readonly permanent: boolean;
  readonly hint: string | undefined;
  /** The whole request had been sent: the server may have acted on it (a mutation may have happened). */
  readonly afterSend: boolean;
}

/** The answer was larger than the cap: reading stopped, and asking again would get the same. */
export class AnswerTooLarge extends ConnectionFailure {
  override name = "AnswerTooLarge";
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes / 1024 / 1024} MiB`, false, {
      permanent: true,
      afterSend: true,
      hint: "A GraphQL answer from Dagster+ is a few KB: check --url, a proxy or another service may be answering.",
    });
  }
}

const CERTIFICATE_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/;
/** TLS spoken to a server that answers in plain HTTP (OpenSSL reads "HTTP/1.1 400" as a record header). */
const PLAIN_HTTP = /wrong version number|WRONG_VERSION_NUMBER|packet length too long/i;
/** Failures that happen before a request can have reached the server. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT|EPROTO|ERR_SSL_.*)$/;

/**
 * Node's or undici's error as a ConnectionFailure: one line, classified (permanent or not, timed
 * out or not, whether the request may have reached the server). `url` is the request's, for hints.
 */
export function connectionFailure(error: unknown, url?: string): ConnectionFailure {
  if (error instanceof ConnectionFailure) return error;
  const code = String((error as NodeJS.ErrnoException).code ?? "");
  const message = String((error as Error).message ?? error);
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  const timedOut = code === "ETIMEDOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
  const afterSend = !NOT_SENT.test(code) && !CERTIFICATE_ERRORS.test(code);
  if (CERTIFICATE_ERRORS.test(code)) {
    return new ConnectionFailure(text, false, {
      cause: error,
      permanent: true,
      hint: "The server's TLS certificate is not trusted here. Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at your company's CA bundle (PEM).",
    });
  }
  if (PLAIN_HTTP.test(message) || PLAIN_HTTP.test(code)) {
    const plain = url?.startsWith("https://") ? ` http://${new URL(url).host}` : " an http:// URL";
    return new ConnectionFailure("TLS handshake failed: the server does not speak https (wrong version number)", false, {
      cause: error,
      permanent: true,
      hint: `The server speaks plain http: use${plain} in --url (or DAGSTER_CLOUD_URL), or check the port.`,
    });
  }
  if (code === "EPROTO" || code.startsWith("ERR_SSL_")) {
    return new ConnectionFailure(text, false, {
      cause: error,
      permanent: true,
      hint: "The TLS handshake failed: check --url (scheme and port) and any TLS-inspecting proxy.",
    });
  }
  if (code === "ENOTFOUND") {
    return new ConnectionFailure(text, false, {
      cause: error,
      permanent: true,
      hint: "That host name does not exist: check --organization or --url.",
    });
  }
  return new ConnectionFailure(text, timedOut, { cause: error, afterSend });
}

export function deadlineFailure(ms: number): ConnectionFailure {
  return new ConnectionFailure(`no complete answer within ${formatSeconds(ms)}`, true, { afterSend: true });
}

/**
 * `0 s`, `0.3 s`, `7 s`, `9.5 s`, `42 s`: tenths below 10 s, whole seconds above. For every
 * duration in messages (retries, timeouts, the load wait); here because this is the lowest layer.
 */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds)} s`;
}

/**
 * The default transport: `node:http`/`node:https`, which start in a few milliseconds (undici
 * compiles a WebAssembly parser on first use, ~130 ms per process). `NODE_EXTRA_CA_CERTS` applies
 * through Node's default CA store. msw patches the modules' default exports, which is what is used.
 * `node:https` (TLS, crypto: ~5 ms to load) is loaded only for https URLs.
 */
export const nodeTransport: Transport = async (request) => {
  const url = new URL(request.url);
  const send = url.protocol === "https:" ? (await import("node:https")).default.request : http.request;
  const maxBytes = request.maxBytes ?? MAX_ANSWER_BYTES;
  const deadlineMs = request.deadlineMs ?? DEADLINE_MS;
  return new Promise<HttpResponse>((resolve, reject) => {
    const body = Buffer.from(request.body, "utf8");
    let settled = false;
    // The whole body was handed to the kernel ('finish'), or an answer began: the server may act on it.
    let sent = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      const failure = connectionFailure(error, request.url);
      reject(sent ? failure : notSent(failure));
      req.destroy();
    };
    const closedEarly = (): ConnectionFailure =>
      new ConnectionFailure("the connection closed before the answer was complete", false, { afterSend: true });
    const req = send(
      url,
      { method: "POST", headers: { ...request.headers, "content-length": String(body.length) }, timeout: request.timeoutMs },
      (res) => {
        sent = true;
        if (Number(res.headers["content-length"]) > maxBytes) return fail(new AnswerTooLarge(maxBytes));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return fail(new AnswerTooLarge(maxBytes));
          chunks.push(chunk);
        });
        res.on("error", () => fail(closedEarly()));
        res.on("close", () => fail(closedEarly())); // after 'end', settled: a no-op
        res.on("end", () => {
          if (!res.complete) return fail(closedEarly());
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            headers: flatten(res.headers),
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
      },
    );
    const deadline = setTimeout(() => fail(deadlineFailure(deadlineMs)), deadlineMs);
    req.on("finish", () => (sent = true));
    req.on("timeout", () => fail(new ConnectionFailure(`nothing received for ${formatSeconds(request.timeoutMs)}`, true, { afterSend: true })));
    req.on("error", fail);
    req.end(body);
  });
};

/** The same failure, known not to have reached the server (the request was never fully sent). */
function notSent(failure: ConnectionFailure): ConnectionFailure {
  if (!failure.afterSend) return failure;
  return new ConnectionFailure(failure.message, failure.timedOut, {
    cause: failure.cause,
    permanent: failure.permanent,
    hint: failure.hint,
    afterSend: false,
  });
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}
