import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ProxyAgent, request } from "undici";
import { startProxy, type TestProxy } from "../helpers/proxy.ts";

const tlsDir = new URL("../fixtures/tls/", import.meta.url);
const ca = readFileSync(new URL("ca.pem", tlsDir));
const cert = readFileSync(new URL("server.pem", tlsDir));
const key = readFileSync(new URL("server-key.pem", tlsDir));

interface LocalServer {
  port: number;
  close(): Promise<void>;
}

/** Echoes what it received as JSON, with a non-200 status and multi-valued headers. */
function echo(kind: string): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(201, {
        "content-type": "application/json",
        "x-echo": kind,
        "set-cookie": ["a=1", "b=2"],
      });
      res.end(
        JSON.stringify({
          kind,
          method: req.method,
          url: req.url,
          host: req.headers.host,
          proxyAuthorization: req.headers["proxy-authorization"] ?? null,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
  };
}

async function listen(server: http.Server | https.Server, host = "127.0.0.1"): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("bad address");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function tlsServer(): Promise<LocalServer> {
  const s = await listen(https.createServer({ cert, key }, echo("tls")));
  cleanups.push(s.close);
  return s;
}
async function plainServer(): Promise<LocalServer> {
  const s = await listen(http.createServer(echo("plain")));
  cleanups.push(s.close);
  return s;
}
async function proxy(options?: Parameters<typeof startProxy>[0]): Promise<TestProxy> {
  const p = await startProxy(options);
  cleanups.push(p.close);
  return p;
}
function agent(options: ConstructorParameters<typeof ProxyAgent>[0]): ProxyAgent {
  const a = new ProxyAgent(options);
  cleanups.push(() => a.close());
  return a;
}

/** Sends a raw CONNECT to the proxy and reports its answer. */
function rawConnect(
  proxyPort: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: proxyPort, method: "CONNECT", path: target, headers, agent: false });
    req.on("connect", (res: http.IncomingMessage, socket: net.Socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on("error", reject);
    req.end();
  });
}

/** Sends an absolute-form (proxy-style) plain HTTP request with node:http. */
function rawForward(
  proxyPort: number,
  absoluteUrl: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port: proxyPort,
      method: init.method ?? "GET",
      path: absoluteUrl,
      headers: { host: new URL(absoluteUrl).host, ...init.headers },
      agent: false,
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** node:https GET; resolves with status + body or rejects with the TLS error. */
function httpsGet(url: string, options: https.RequestOptions = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { agent: false, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
  });
}

describe("test proxy helper", () => {
  it("(a) tunnels https://acme.dagster.cloud through CONNECT to the redirect target (undici ProxyAgent)", async () => {
    const server = await tlsServer();
    const p = await proxy({ redirectTo: { host: "127.0.0.1", port: server.port } });
    expect(p.url).toBe(`http://127.0.0.1:${p.port}`);
    const dispatcher = agent({ uri: p.url, requestTls: { ca } });

    const res = await request(`https://acme.dagster.cloud:${server.port}/x?y=1`, { dispatcher });
    expect(res.statusCode).toBe(201);
    expect(res.headers["x-echo"]).toBe("tls");
    expect(await res.body.json()).toMatchObject({
      kind: "tls",
      method: "GET",
      url: "/x?y=1",
      host: `acme.dagster.cloud:${server.port}`,
      proxyAuthorization: null,
    });
    expect(p.connects).toEqual([`acme.dagster.cloud:${server.port}`]);
    expect(p.forwards).toEqual([]);
  });

  it("(a) redirect ignores the requested port, so https://<org>.dagster.cloud/graphql (port 443) works", async () => {
    const server = await tlsServer();
    const p = await proxy({ redirectTo: { host: "127.0.0.1", port: server.port } });
    const dispatcher = agent({ uri: p.url, requestTls: { ca } });

    const res = await request("https://acme.dagster.cloud/graphql", {
      dispatcher,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.statusCode).toBe(201);
    expect(await res.body.json()).toMatchObject({
      method: "POST",
      url: "/graphql",
      host: "acme.dagster.cloud",
      body: '{"query":"{ __typename }"}',
    });
    const eu = await request("https://acme.eu.dagster.cloud/graphql", { dispatcher, method: "POST", body: "{}" });
    expect(eu.statusCode).toBe(201);
    await eu.body.dump();
    expect(p.connects).toEqual(["acme.dagster.cloud:443", "acme.eu.dagster.cloud:443"]);
  });

  it("(a) the tunnelled TLS is really verified: without the test CA the request fails", async () => {
    const server = await tlsServer();
    const p = await proxy({ redirectTo: { host: "127.0.0.1", port: server.port } });
    const dispatcher = agent({ uri: p.url });
    await expect(request("https://acme.dagster.cloud/graphql", { dispatcher })).rejects.toMatchObject({
      code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/),
    });
    expect(p.connects).toEqual(["acme.dagster.cloud:443"]);
  });

  it("(a) without redirectTo, CONNECT to a loopback host is tunnelled to it", async () => {
    const server = await tlsServer();
    const p = await proxy();
    const dispatcher = agent({ uri: p.url, requestTls: { ca } });
    const res = await request(`https://localhost:${server.port}/direct`, { dispatcher });
    expect(res.statusCode).toBe(201);
    expect(await res.body.json()).toMatchObject({ url: "/direct", host: `localhost:${server.port}` });
    expect(p.connects).toEqual([`localhost:${server.port}`]);
  });

  it("(b) forwards absolute-form plain-http requests (undici proxyTunnel: false), preserving status, headers, body", async () => {
    const server = await plainServer();
    const p = await proxy();
    const dispatcher = agent({ uri: p.url, proxyTunnel: false });
    const target = `http://127.0.0.1:${server.port}/echo?q=1`;

    const res = await request(target, { dispatcher, method: "POST", body: "hello" });
    expect(res.statusCode).toBe(201);
    expect(res.headers["x-echo"]).toBe("plain");
    expect(res.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(await res.body.json()).toMatchObject({
      kind: "plain",
      method: "POST",
      url: "/echo?q=1",
      host: `127.0.0.1:${server.port}`,
      body: "hello",
    });
    expect(p.forwards).toEqual([target]);
    expect(p.connects).toEqual([]);
  });

  it("(b) forwards plain http to redirectTo for any host (node:http absolute-form)", async () => {
    const server = await plainServer();
    const p = await proxy({ redirectTo: { host: "127.0.0.1", port: server.port } });
    const res = await rawForward(p.port, "http://gateway.example.test/api/x", { method: "PUT", body: "data" });
    expect(res.status).toBe(201);
    expect(res.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(JSON.parse(res.body)).toMatchObject({
      method: "PUT",
      url: "/api/x",
      host: "gateway.example.test",
      body: "data",
    });
    expect(p.forwards).toEqual(["http://gateway.example.test/api/x"]);
  });

  it("(b) with default proxyTunnel, undici tunnels plain http via CONNECT too", async () => {
    const server = await plainServer();
    const p = await proxy();
    const dispatcher = agent({ uri: p.url });
    const res = await request(`http://127.0.0.1:${server.port}/t`, { dispatcher });
    expect(res.statusCode).toBe(201);
    await res.body.dump();
    expect(p.connects).toEqual([`127.0.0.1:${server.port}`]);
    expect(p.forwards).toEqual([]);
  });

  it("(c) refuses CONNECT / forwarding to non-loopback hosts without redirectTo (403)", async () => {
    const p = await proxy();
    expect((await rawConnect(p.port, "example.com:443")).status).toBe(403);
    expect((await rawConnect(p.port, "10.0.0.1:443")).status).toBe(403);

    const dispatcher = agent({ uri: p.url });
    await expect(request("https://acme.dagster.cloud/graphql", { dispatcher })).rejects.toThrow(/403/);

    const fwd = await rawForward(p.port, "http://example.com/");
    expect(fwd.status).toBe(403);

    expect(p.connects).toEqual(["example.com:443", "10.0.0.1:443", "acme.dagster.cloud:443"]);
    expect(p.forwards).toEqual(["http://example.com/"]);
  });

  it("(d) requireAuth: 407 without or with wrong credentials, 200 with them", async () => {
    const server = await tlsServer();
    const p = await proxy({
      redirectTo: { host: "127.0.0.1", port: server.port },
      requireAuth: { user: "alice", password: "s3cret" },
    });
    const good = `Basic ${Buffer.from("alice:s3cret").toString("base64")}`;
    const bad = `Basic ${Buffer.from("alice:nope").toString("base64")}`;

    const denied = await rawConnect(p.port, "acme.dagster.cloud:443");
    expect(denied.status).toBe(407);
    expect(denied.headers["proxy-authenticate"]).toMatch(/^Basic /);
    expect((await rawConnect(p.port, "acme.dagster.cloud:443", { "proxy-authorization": bad })).status).toBe(407);
    expect((await rawConnect(p.port, "acme.dagster.cloud:443", { "proxy-authorization": good })).status).toBe(200);

    const noAuth = agent({ uri: p.url, requestTls: { ca } });
    await expect(request("https://acme.dagster.cloud/x", { dispatcher: noAuth })).rejects.toThrow(/407/);

    const withToken = agent({ uri: p.url, token: good, requestTls: { ca } });
    const ok = await request("https://acme.dagster.cloud/x", { dispatcher: withToken });
    expect(ok.statusCode).toBe(201);
    // Proxy credentials go to the proxy only, never through the tunnel.
    expect(await ok.body.json()).toMatchObject({ proxyAuthorization: null });

    const inUrl = agent({ uri: `http://alice:s3cret@127.0.0.1:${p.port}`, requestTls: { ca } });
    const ok2 = await request("https://acme.dagster.cloud/y", { dispatcher: inUrl });
    expect(ok2.statusCode).toBe(201);
    await ok2.body.dump();
  });

  it("(d) requireAuth applies to plain forwarding too, and Proxy-Authorization is not forwarded", async () => {
    const server = await plainServer();
    const p = await proxy({ requireAuth: { user: "u", password: "p" } });
    const target = `http://127.0.0.1:${server.port}/f`;
    const denied = await rawForward(p.port, target);
    expect(denied.status).toBe(407);
    expect(denied.headers["proxy-authenticate"]).toMatch(/^Basic /);
    const ok = await rawForward(p.port, target, {
      headers: { "proxy-authorization": `Basic ${Buffer.from("u:p").toString("base64")}` },
    });
    expect(ok.status).toBe(201);
    expect(JSON.parse(ok.body)).toMatchObject({ url: "/f", proxyAuthorization: null });
  });

  it("close() ends open tunnels promptly", async () => {
    const server = await tlsServer();
    const p = await startProxy({ redirectTo: { host: "127.0.0.1", port: server.port } });
    const dispatcher = agent({ uri: p.url, requestTls: { ca } });
    const res = await request("https://acme.dagster.cloud/keep", { dispatcher }); // keep-alive tunnel stays open
    await res.body.dump();
    const started = Date.now();
    await p.close();
    await p.close(); // idempotent
    expect(Date.now() - started).toBeLessThan(1000);
  });

  describe("(e) node:https with the fixture CA", () => {
    it("validates the server at https://127.0.0.1:port and https://localhost:port", async () => {
      const server = await tlsServer();
      for (const host of ["127.0.0.1", "localhost"]) {
        const res = await httpsGet(`https://${host}:${server.port}/e`, { ca });
        expect(res.status).toBe(201);
        expect(JSON.parse(res.body)).toMatchObject({ url: "/e", host: `${host}:${server.port}` });
      }
    });

    it("covers the dagster.cloud / gateway names (as SNI + hostname check) and rejects others", async () => {
      const server = await tlsServer();
      const url = `https://127.0.0.1:${server.port}/`;
      for (const name of ["dagster.cloud", "acme.dagster.cloud", "acme.eu.dagster.cloud", "gateway.example.test"]) {
        expect((await httpsGet(url, { ca, servername: name })).status).toBe(201);
      }
      await expect(httpsGet(url, { ca, servername: "a.b.dagster.cloud" })).rejects.toMatchObject({
        code: "ERR_TLS_CERT_ALTNAME_INVALID",
      });
      await expect(httpsGet(url, { ca, servername: "example.com" })).rejects.toMatchObject({
        code: "ERR_TLS_CERT_ALTNAME_INVALID",
      });
    });

    it("fails without the CA", async () => {
      const server = await tlsServer();
      await expect(httpsGet(`https://127.0.0.1:${server.port}/`)).rejects.toMatchObject({
        code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/),
      });
    });

    it("validates https://[::1]:port when IPv6 loopback is available", async (ctx) => {
      let server: LocalServer;
      try {
        server = await listen(https.createServer({ cert, key }, echo("tls")), "::1");
      } catch {
        ctx.skip();
        return;
      }
      cleanups.push(server.close);
      expect((await httpsGet(`https://[::1]:${server.port}/v6`, { ca })).status).toBe(201);
    });
  });
});
