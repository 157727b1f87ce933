import { ProxyAgent, request } from "undici";
import { ConfigError } from "../errors.ts";
import { connectionFailure, type HttpResponse, type Transport } from "./transport.ts";

/**
 * Requests through an HTTP(S) proxy, with undici's ProxyAgent: CONNECT tunnels for https targets,
 * absolute-form requests for http ones (as Python `requests` does). This module is imported only
 * when a proxy applies, because undici costs ~60 ms to import and more to warm up.
 */
export function proxyTransport(proxyUrl: string): Transport {
  let dispatcher: ProxyAgent;
  try {
    dispatcher = new ProxyAgent({ uri: proxyUrl, proxyTunnel: false });
  } catch (error) {
    throw new ConfigError(`The proxy URL ${withoutCredentials(proxyUrl)} is not valid: ${(error as Error).message}`, {
      hint: "Fix HTTPS_PROXY / HTTP_PROXY / ALL_PROXY, or list the host in NO_PROXY.",
      cause: error,
    });
  }
  return async (req): Promise<HttpResponse> => {
    try {
      const res = await request(req.url, {
        method: "POST",
        headers: req.headers,
        body: req.body,
        dispatcher,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const body = await res.body.text();
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(res.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      return { status: res.statusCode, statusText: "", headers, body };
    } catch (error) {
      throw connectionFailure(error);
    }
  };
}

function withoutCredentials(proxyUrl: string): string {
  return JSON.stringify(proxyUrl.replace(/\/\/[^/@]*@/, "//***@"));
}
