/**
 * A real (tiny) HTTP forward proxy for tests.
 *
 * - `CONNECT host:port` is recorded in `connects` and tunnelled (raw TCP) to
 *   `redirectTo` when given, otherwise to the requested host only if it is a
 *   loopback name/address (127.0.0.1, localhost, ::1); anything else gets 403,
 *   so tests can never reach the internet through it.
 * - Absolute-form plain-HTTP requests (`POST http://host:port/path`) are
 *   recorded in `forwards` and forwarded the same way, streaming the response
 *   back with its status, headers and body.
 * - `requireAuth` makes every request without a matching
 *   `Proxy-Authorization: Basic ...` header fail with 407.
 *
 * With `redirectTo` pointing at a local `node:https` server that uses
 * test/fixtures/tls/server.pem (SANs cover *.dagster.cloud, *.eu.dagster.cloud,
 * gateway.example.test, localhost, 127.0.0.1, ::1), a client can request
 * `https://acme.dagster.cloud/graphql` through the proxy and talk TLS,
 * end-to-end, to the local server. The requested port is ignored when
 * redirecting, so the default port 443 works.
 *
 * Every CONNECT / forward attempt that reaches the proxy is recorded, including
 * ones answered with 403/407.
 */
import http from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";

export interface TestProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** `"host:port"` (the CONNECT request-target as sent) of each CONNECT received. */
  connects: string[];
  /** Absolute URLs of each plain-HTTP (absolute-form) request received. */
  forwards: string[];
  /** Stops listening and destroys every open socket (client and upstream). */
  close(): Promise<void>;
}

export interface StartProxyOptions {
  /** Send every tunnel / forwarded request here, whatever host:port was asked for. */
  redirectTo?: { host: string; port: number };
  /** Answer 407 unless `Proxy-Authorization: Basic base64(user:password)` is sent. */
  requireAuth?: { user: string; password: string };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/** Hop-by-hop headers (RFC 9110 §7.6.1) plus proxy-only ones: never forwarded. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Parses a CONNECT request-target: `host:port` or `[v6]:port`. */
function parseAuthority(target: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(target);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (m[1] ?? m[2] ?? "").toLowerCase(), port };
}

/** Filters hop-by-hop headers (and those named in `Connection`) out of a rawHeaders list. */
function endToEndHeaders(raw: string[]): string[] {
  const named = new Set<string>(HOP_BY_HOP);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === "connection") {
      for (const token of (raw[i + 1] ?? "").split(",")) named.add(token.trim().toLowerCase());
    }
  }
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!named.has(name.toLowerCase())) out.push(name, raw[i + 1] as string);
  }
  return out;
}

function rawResponse(socket: Duplex, status: number, reason: string, extra: string[] = []): void {
  const body = `${status} ${reason}\n`;
  socket.end(
    [
      `HTTP/1.1 ${status} ${reason}`,
      ...extra,
      "Content-Type: text/plain",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close",
      "",
      body,
    ].join("\r\n"),
  );
}

export async function startProxy(options: StartProxyOptions = {}): Promise<TestProxy> {
  const { redirectTo, requireAuth } = options;
  const connects: string[] = [];
  const forwards: string[] = [];
  const sockets = new Set<Duplex>();
  const track = (s: Duplex): void => {
    sockets.add(s);
    s.on("error", () => {}); // peers vanish mid-test; never crash the runner
    s.once("close", () => sockets.delete(s));
  };
  // keepAlive off: upstream sockets die with their request, nothing lingers.
  const upstreamAgent = new http.Agent({ keepAlive: false });

  const expectedAuth = requireAuth
    ? `Basic ${Buffer.from(`${requireAuth.user}:${requireAuth.password}`).toString("base64")}`
    : undefined;
  const authorized = (req: http.IncomingMessage): boolean =>
    expectedAuth === undefined || req.headers["proxy-authorization"] === expectedAuth;

  /** Where a request for host:port actually goes, or undefined if refused. */
  const resolveTarget = (host: string, port: number): { host: string; port: number } | undefined => {
    if (redirectTo) return redirectTo;
    return LOOPBACK.has(stripBrackets(host).toLowerCase()) ? { host: stripBrackets(host), port } : undefined;
  };

  const server = http.createServer();
  server.on("connection", track);
  server.on("clientError", (_err, socket) => socket.destroy());

  server.on("connect", (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    const target = req.url ?? "";
    connects.push(target);
    if (!authorized(req)) {
      rawResponse(client, 407, "Proxy Authentication Required", ['Proxy-Authenticate: Basic realm="test-proxy"']);
      return;
    }
    const authority = parseAuthority(target);
    if (!authority) {
      rawResponse(client, 400, "Bad Request");
      return;
    }
    const dest = resolveTarget(authority.host, authority.port);
    if (!dest) {
      rawResponse(client, 403, "Forbidden");
      return;
    }
    const upstream = net.connect({ host: dest.host, port: dest.port });
    track(upstream);
    let established = false;
    upstream.once("connect", () => {
      established = true;
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => {
      if (!established && client.writable) rawResponse(client, 502, "Bad Gateway");
      else client.destroy();
    });
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const target = req.url ?? "";
    let url: URL | undefined;
    try {
      url = /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? new URL(target) : undefined;
    } catch {
      url = undefined;
    }
    if (url) forwards.push(url.href);
    const fail = (status: number, reason: string, headers: Record<string, string> = {}): void => {
      req.resume();
      res.writeHead(status, { "content-type": "text/plain", connection: "close", ...headers });
      res.end(`${status} ${reason}\n`);
    };
    if (!authorized(req)) {
      fail(407, "Proxy Authentication Required", { "proxy-authenticate": 'Basic realm="test-proxy"' });
      return;
    }
    if (!url || url.protocol !== "http:") {
      fail(400, "Bad Request (this proxy forwards absolute-form http:// requests only)");
      return;
    }
    const dest = resolveTarget(url.hostname, Number(url.port || 80));
    if (!dest) {
      fail(403, "Forbidden");
      return;
    }
    const upstreamReq = http.request({
      host: dest.host,
      port: dest.port,
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers: endToEndHeaders(req.rawHeaders), // Host stays as the client sent it
      agent: upstreamAgent,
    });
    upstreamReq.on("socket", track);
    upstreamReq.on("response", (upstreamRes) => {
      const status = upstreamRes.statusCode ?? 502;
      res.writeHead(
        status,
        upstreamRes.statusMessage || http.STATUS_CODES[status] || "Unknown",
        endToEndHeaders(upstreamRes.rawHeaders),
      );
      upstreamRes.pipe(res);
      upstreamRes.on("error", () => res.destroy());
    });
    upstreamReq.on("error", () => {
      if (!res.headersSent) fail(502, "Bad Gateway");
      else res.destroy();
    });
    req.pipe(upstreamReq);
    res.on("close", () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("test proxy: unexpected listen address");
  const port = address.port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    forwards,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        upstreamAgent.destroy();
      });
      return closing;
    },
  };
}
