import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Tiny raw `node:http` servers on 127.0.0.1 that misbehave on purpose: endless or huge bodies,
 * bodies that trickle, connections that drop. Every loop is bounded and stops by itself when the
 * client goes away, so a test that fails cannot leave a server streaming.
 */
export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Requests received so far (their bodies read). */
  requests: number;
  /** Body bytes written so far, over all requests. */
  bytesSent: number;
  close(): Promise<void>;
}

export type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse, server: HostileServer) => void;

export async function startHostileServer(behaviour: Behaviour): Promise<HostileServer> {
  const state: HostileServer = { url: "", port: 0, requests: 0, bytesSent: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on("data", (chunk: Buffer) => body.push(chunk));
    req.on("end", () => {
      state.requests++;
      behaviour(req, res, state);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

const CHUNK = Buffer.alloc(64 * 1024, "x");

/** Writes `CHUNK`s (honouring back-pressure) until `limit` bytes or the client goes away. */
function stream(res: http.ServerResponse, server: HostileServer, limit: number): void {
  let sent = 0;
  const pump = (): void => {
    while (!res.destroyed && sent < limit) {
      sent += CHUNK.length;
      server.bytesSent += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on("error", () => undefined);
  pump();
}

/** A chunked body with no end in sight (stops at 200 MiB, or when the client hangs up). */
export const endlessBody: Behaviour = (_req, res, server) => {
  res.writeHead(200, { "content-type": "application/json" });
  stream(res, server, 200 * 1024 * 1024);
};

/** A body of `bytes` bytes, announced in content-length. */
export const bigBody =
  (bytes: number): Behaviour =>
  (_req, res, server) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes) });
    stream(res, server, bytes);
  };

/** Headers at once, then one byte of a 1000-byte body every `everyMs` (bounded: 1000 bytes). */
export const drip =
  (everyMs: number): Behaviour =>
  (_req, res, server) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.on("error", () => undefined);
    let left = 1000;
    const timer = setInterval(() => {
      if (res.destroyed || left-- <= 0) return void clearInterval(timer);
      server.bytesSent++;
      res.write(" ");
    }, everyMs);
    res.on("close", () => clearInterval(timer));
  };

/** Headers, then silence until the client hangs up (or 30 s). */
export const silentBody: Behaviour = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.flushHeaders();
  const timer = setTimeout(() => res.destroy(), 30_000);
  res.on("close", () => clearTimeout(timer));
};

/** The request is read in full (the server "acted"), then the connection is dropped unanswered. */
export const resetAfterRequest: Behaviour = (req) => {
  req.socket.destroy();
};

/** A JSON answer. */
export const json =
  (body: unknown, status = 200): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
