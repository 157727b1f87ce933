import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { proxyTransport } from "../../src/api/proxy-transport.ts";
import { AnswerTooLarge, ConnectionFailure, MAX_ANSWER_BYTES, nodeTransport, type HttpRequest, type Transport } from "../../src/api/transport.ts";
import {
  bigBody,
  drip,
  endlessBody,
  json,
  resetAfterRequest,
  silentBody,
  startHostileServer,
  type Behaviour,
  type HostileServer,
} from "../helpers/hostile-server.ts";
import { startProxy, type TestProxy } from "../helpers/proxy.ts";

/**
 * Both transports against servers that misbehave: the body cap holds while streaming, the overall
 * deadline ends a trickle the idle timeout never would, and failures say whether the request may
 * have reached the server. Timing is tested here, in-process, with small limits.
 */
let proxy: TestProxy;
let server: HostileServer | undefined;
let transports: Record<string, Transport>;

beforeAll(async () => {
  proxy = await startProxy();
  transports = { "node:http": nodeTransport, "undici via a proxy": await proxyTransport(proxy.url) };
});
afterAll(() => proxy.close());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(behaviour: Behaviour): Promise<HostileServer> {
  server = await startHostileServer(behaviour);
  return server;
}

function request(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return { url: `${url}/graphql`, headers: { "content-type": "application/json" }, body: '{"query":"{ x }"}', timeoutMs: 5000, ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<ConnectionFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionFailure);
  expect((error as Error).message).not.toMatch(/\n/);
  return error as ConnectionFailure;
}

const MiB = 1024 * 1024;

describe.each(["node:http", "undici via a proxy"])("%s", (name) => {
  const send = (req: HttpRequest) => transports[name]!(req);

  it("an ordinary answer arrives whole", async () => {
    const s = await serve(json({ data: { ok: true } }));
    const response = await send(request(s.url));
    expect([response.status, response.body]).toEqual([200, '{"data":{"ok":true}}']);
  });

  it("an endless chunked body is cut at 10 MiB while streaming, and the request aborted", async () => {
    const s = await serve(endlessBody);
    const started = Date.now();
    const error = await failure(send(request(s.url)));
    expect(error).toBeInstanceOf(AnswerTooLarge);
    expect(error.message).toBe("the answer is larger than 10 MiB");
    expect(error.permanent).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    // Socket buffers (and the proxy's) hold a few MiB more; an uncapped read would take all 200 MiB.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(s.bytesSent).toBeLessThan(MAX_ANSWER_BYTES + 8 * MiB);
    expect(s.requests).toBe(1);
  });

  it("a 20 MB body is refused from its content-length, before reading it", async () => {
    const s = await serve(bigBody(20_000_000));
    const error = await failure(send(request(s.url)));
    expect(error).toBeInstanceOf(AnswerTooLarge);
    expect(s.bytesSent).toBeLessThan(MAX_ANSWER_BYTES);
  });

  it("the cap is the request's maxBytes when given", async () => {
    const s = await serve(json({ data: "x".repeat(200) }));
    expect(await failure(send(request(s.url, { maxBytes: 100 })))).toBeInstanceOf(AnswerTooLarge);
  });

  it("a body that trickles in ends at the overall deadline, though it is never idle", async () => {
    const s = await serve(drip(50));
    const started = Date.now();
    const error = await failure(send(request(s.url, { deadlineMs: 400, timeoutMs: 5000 })));
    expect(error.timedOut).toBe(true);
    expect(error.message).toBe("no complete answer within 0.4 s");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s.bytesSent).toBeGreaterThan(0);
  });

  it("the idle timeout still applies to a body that stops", async () => {
    const s = await serve(silentBody);
    const started = Date.now();
    const error = await failure(send(request(s.url, { deadlineMs: 10_000, timeoutMs: 300 })));
    expect(error.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("TLS spoken to a plain-http server fails at once, with the http URL in the hint", async () => {
    const s = await serve(json({ data: {} }));
    const error = await failure(send(request(s.url.replace("http:", "https:"))));
    expect(error.permanent).toBe(true);
    expect(error.message).toBe("TLS handshake failed: the server does not speak https (wrong version number)");
    expect(error.hint).toBe(`The server speaks plain http: use http://127.0.0.1:${s.port} in --url (or DAGSTER_CLOUD_URL), or check the port.`);
  });
});

describe("node:http: did the request reach the server?", () => {
  it("a connection dropped after the whole request was read: it may have been acted on", async () => {
    const s = await serve(resetAfterRequest);
    const error = await failure(nodeTransport(request(s.url)));
    expect([error.afterSend, error.permanent, error.timedOut]).toEqual([true, false, false]);
    expect(s.requests).toBe(1);
  });

  it("a refused connection: it cannot have been", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(nodeTransport(request(`http://127.0.0.1:${port}`)));
    expect(error.afterSend).toBe(false);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});
