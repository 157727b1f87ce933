import type { ProxyAgent } from "./undici.ts";
import { ConfigError, TransportError } from "../errors.ts";
import { redactUrl } from "../secrets.ts";
import { quote } from "../text.ts";
import {
  AnswerTooLarge,
  connectionFailure,
  DEADLINE_MS,
  deadlineFailure,
  MAX_ANSWER_BYTES,
  type HttpResponse,
  type Transport,
} from "./transport.ts";

/**
 * Requests through an HTTP(S) proxy, with undici's ProxyAgent: CONNECT tunnels for https targets,
 * absolute-form requests for http ones (as Python `requests` does). This module is imported only
 * when a proxy applies, because undici costs ~60 ms to import and more to warm up.
 */
export async function proxyTransport(proxyUrl: string): Promise<Transport> {
  // A chunk of its own (vendor code only), so the package ships no source map for it.
  const undici = await import("./undici.ts");
  let dispatcher: ProxyAgent;
  try {
    dispatcher = new undici.ProxyAgent({ uri: proxyUrl, proxyTunnel: false });
  } catch (error) {
    throw new ConfigError(`The proxy URL ${withoutCredentials(proxyUrl)} is not valid: ${(error as Error).message}`, {
      hint: "Fix HTTPS_PROXY / HTTP_PROXY / ALL_PROXY, or list the host in NO_PROXY.",
      cause: error,
    });
  }
  return async (req): Promise<HttpResponse> => {
    const maxBytes = req.maxBytes ?? MAX_ANSWER_BYTES;
    const deadlineMs = req.deadlineMs ?? DEADLINE_MS;
    // The overall deadline aborts the exchange wherever it is; undici's own timeouts are idle ones.
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(deadlineFailure(deadlineMs)), deadlineMs);
    try {
      const url = new URL(req.url);
      const res = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: req.headers,
        body: req.body,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
        signal: controller.signal,
      });
      const body = await readCapped(res.body, res.headers["content-length"], maxBytes);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(res.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      return { status: res.statusCode, statusText: "", headers, body };
    } catch (error) {
      throw proxyRefusal(error, proxyUrl, req.url) ?? connectionFailure(error, req.url);
    } finally {
      clearTimeout(deadline);
    }
  };
}

/** The body as text, reading no more than `maxBytes`: a larger answer is abandoned mid-stream. */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  contentLength: string | string[] | undefined,
  maxBytes: number,
): Promise<string> {
  if (Number(contentLength) > maxBytes) {
    body.destroy();
    throw new AnswerTooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy(); // closes the connection: undici does not reuse a socket with an unread answer
      throw new AnswerTooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The proxy URL, quoted, with its credentials (and any query) masked. */
function withoutCredentials(proxyUrl: string): string {
  return quote(redactUrl(proxyUrl), 200);
}

/** The proxy itself said no to the tunnel: not worth retrying, except for its own 5xx. */
function proxyRefusal(error: unknown, proxyUrl: string, target: string): TransportError | undefined {
  const status = /Proxy response \((\d{3})\)/.exec((error as Error).message ?? "")?.[1];
  if (!status || status.startsWith("5")) return undefined;
  const host = new URL(target).host;
  return new TransportError(`The proxy ${withoutCredentials(proxyUrl)} refused the connection to ${host} (HTTP ${status}).`, {
    hint:
      status === "407"
        ? "The proxy wants other credentials: check the user and password in HTTPS_PROXY (http://user:password@host:port)."
        : "Ask whoever runs the proxy to allow this host, or list it in NO_PROXY.",
    cause: error,
  });
}
