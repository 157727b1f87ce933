import http from "node:http";

/** One HTTP exchange. The client above it owns retries, JSON and errors. */
export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** The connection failed or timed out before a complete answer arrived. */
export class ConnectionFailure extends Error {
  override name = "ConnectionFailure";
  constructor(
    message: string,
    readonly timedOut: boolean,
    options: { cause?: unknown; permanent?: boolean; hint?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.permanent = options.permanent ?? false;
    this.hint = options.hint;
  }
  /** Retrying cannot help (a certificate the system does not trust, a host that does not exist). */
  readonly permanent: boolean;
  readonly hint: string | undefined;
}

const CERTIFICATE_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/;

export function connectionFailure(error: unknown): ConnectionFailure {
  if (error instanceof ConnectionFailure) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const message = (error as Error).message ?? String(error);
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  const timedOut = code === "ETIMEDOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
  if (CERTIFICATE_ERRORS.test(code)) {
    return new ConnectionFailure(text, false, {
      cause: error,
      permanent: true,
      hint: "The server's TLS certificate is not trusted here. Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at your company's CA bundle (PEM).",
    });
  }
  if (code === "ENOTFOUND") {
    return new ConnectionFailure(text, false, {
      cause: error,
      permanent: true,
      hint: "That host name does not exist: check --organization or --url.",
    });
  }
  return new ConnectionFailure(text, timedOut, { cause: error });
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
  return new Promise<HttpResponse>((resolve, reject) => {
    const body = Buffer.from(request.body, "utf8");
    const req = send(
      url,
      { method: "POST", headers: { ...request.headers, "content-length": String(body.length) }, timeout: request.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => reject(connectionFailure(error)));
        res.on("end", () => {
          if (!res.complete) return reject(new ConnectionFailure("the connection closed before the answer was complete", false));
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            headers: flatten(res.headers),
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
      },
    );
    req.on("timeout", () =>
      req.destroy(new ConnectionFailure(`no answer within ${Math.round(request.timeoutMs / 1000)} s`, true)),
    );
    req.on("error", (error) => reject(connectionFailure(error)));
    req.end(body);
  });
};

function flatten(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}
