import { proxyFor } from "./proxy.ts";
import { nodeTransport, type Transport } from "./transport.ts";

/**
 * Direct requests through `node:http(s)`; requests a proxy applies to (HTTPS_PROXY, NO_PROXY, ...)
 * through undici. Each proxy's transport is built once.
 */
export function environmentTransport(env: Record<string, string | undefined>, direct: Transport = nodeTransport): Transport {
  const viaProxy = new Map<string, Promise<Transport>>();
  return async (request) => {
    const proxy = proxyFor(new URL(request.url), env);
    if (!proxy) return direct(request);
    let transport = viaProxy.get(proxy);
    if (!transport) viaProxy.set(proxy, (transport = import("./proxy-transport.ts").then((m) => m.proxyTransport(proxy))));
    return (await transport)(request);
  };
}
