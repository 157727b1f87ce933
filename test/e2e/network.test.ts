import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { createSandbox, ROOT, type Sandbox } from "../helpers/cli-process.ts";
import { startProxy, type TestProxy } from "../helpers/proxy.ts";

/**
 * The real network path: the built bin/ talks https through a real proxy on 127.0.0.1 that sends
 * every tunnel to the local TLS emulator, whose certificate (test CA) covers *.dagster.cloud. So
 * `https://acme.dagster.cloud` is exercised for real, and nothing ever leaves the machine.
 */
const TOKEN = "net-secret-token-5a4b3c";
const TLS = join(ROOT, "test/fixtures/tls");
const CA = join(TLS, "ca.pem");
const NAME = createHash("sha1").update("acme/app..feature/x").digest("hex");
const ARGS = ["branch-deployment", "create-or-update", "--git-repo-name", "acme/app", "--branch-name", "feature/x", "--commit-hash", "abc", "--timestamp", "1"];

let tlsEmulator: Emulator;
let plainEmulator: Emulator;
let proxy: TestProxy;
let plainProxy: TestProxy;
let sandbox: Sandbox;

beforeAll(async () => {
  tlsEmulator = await startEmulator({
    tokens: [TOKEN],
    tls: { key: readFileSync(join(TLS, "server-key.pem")), cert: readFileSync(join(TLS, "server.pem")) },
  });
  plainEmulator = await startEmulator({ tokens: [TOKEN] });
  proxy = await startProxy({ redirectTo: { host: "127.0.0.1", port: tlsEmulator.port } });
  plainProxy = await startProxy({ redirectTo: { host: "127.0.0.1", port: plainEmulator.port } });
  sandbox = createSandbox();
});
afterAll(async () => {
  await Promise.all([tlsEmulator.close(), plainEmulator.close(), proxy.close(), plainProxy.close()]);
  sandbox.cleanup();
});
beforeEach(() => {
  tlsEmulator.reset();
  plainEmulator.reset();
  proxy.connects.length = 0;
  plainProxy.forwards.length = 0;
});

const viaProxy = { HTTPS_PROXY: "", DAGSTER_CLOUD_API_TOKEN: TOKEN, NODE_EXTRA_CA_CERTS: CA };

describe("every URL form, over https through a proxy", () => {
  it.each([
    [["--organization", "acme"], "acme.dagster.cloud:443", "/graphql"],
    [["--url", "https://acme.dagster.cloud"], "acme.dagster.cloud:443", "/graphql"],
    [["--url", "https://acme.dagster.cloud/prod/"], "acme.dagster.cloud:443", "/prod/graphql"],
    [["--url", "https://dagster.cloud/acme"], "dagster.cloud:443", "/acme/graphql"],
    [["--url", "https://dagster.cloud/acme/prod"], "dagster.cloud:443", "/acme/prod/graphql"],
    [["--url", "https://acme.eu.dagster.cloud"], "acme.eu.dagster.cloud:443", "/graphql"],
    [["--url", "https://gateway.example.test/extra/path/prod"], "gateway.example.test:443", "/extra/path/prod/graphql"],
    [["-o", "acme", "--url", "https://dagster.cloud/acme/"], "dagster.cloud:443", "/acme/graphql"],
  ])("%j -> CONNECT %s, POST %s", async (flags, connect, path) => {
    const result = await sandbox.run([...ARGS, ...flags], { env: { ...viaProxy, HTTPS_PROXY: proxy.url } });
    expect(result).toEqual({ code: 0, stdout: `${NAME}\n`, stderr: "" });
    expect(proxy.connects).toEqual([connect]);
    expect(tlsEmulator.requests.map((r) => [r.path, r.headers.host])).toEqual([[path, connect.replace(/:443$/, "")]]);
  });

  it("http:// on a dagster.cloud host is upgraded to https, with a note", async () => {
    const result = await sandbox.run([...ARGS, "--url", "http://acme.dagster.cloud"], { env: { ...viaProxy, HTTPS_PROXY: proxy.url } });
    expect(result.stdout).toBe(`${NAME}\n`);
    expect(result.stderr).toBe("Note: using https for acme.dagster.cloud (--url said http); Dagster+ is served over https only.\n");
    expect(proxy.connects).toEqual(["acme.dagster.cloud:443"]);
  });

  it("DAGSTER_CLOUD_URL and lower-case https_proxy", async () => {
    const result = await sandbox.run(ARGS, { env: { ...viaProxy, https_proxy: proxy.url, DAGSTER_CLOUD_URL: "https://dagster.cloud/acme" } });
    expect(result).toEqual({ code: 0, stdout: `${NAME}\n`, stderr: "" });
    expect(proxy.connects).toEqual(["dagster.cloud:443"]);
  });

  it("an unknown CA is a clear error, not a crash", async () => {
    const result = await sandbox.run([...ARGS, "--organization", "acme"], { env: { ...viaProxy, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: undefined } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Error: Could not reach Dagster\+ at https:\/\/acme\.dagster\.cloud\/graphql: .*(certificate|self-signed|issuer).*\nThe server's TLS certificate is not trusted here\. .*NODE_EXTRA_CA_CERTS/i);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("direct https and NO_PROXY", () => {
  it("NODE_EXTRA_CA_CERTS works without a proxy", async () => {
    const result = await sandbox.run([...ARGS, "--url", `https://localhost:${tlsEmulator.port}`], { env: { ...viaProxy } });
    expect(result).toEqual({ code: 0, stdout: `${NAME}\n`, stderr: "" });
  });

  it.each([["127.0.0.1"], ["localhost,127.0.0.0/8"], ["*"], [`127.0.0.1:${0}`]])("NO_PROXY=%s bypasses a dead proxy", async (noProxy) => {
    const entry = noProxy.replace(":0", `:${tlsEmulator.port}`);
    const result = await sandbox.run([...ARGS, "--url", `https://127.0.0.1:${tlsEmulator.port}`], {
      env: { ...viaProxy, HTTPS_PROXY: "http://127.0.0.1:9", NO_PROXY: entry },
    });
    expect(result).toEqual({ code: 0, stdout: `${NAME}\n`, stderr: "" });
  });

  it("without NO_PROXY the dead proxy is used, and fails clearly", async () => {
    const result = await sandbox.run([...ARGS, "--url", `https://127.0.0.1:${tlsEmulator.port}`], {
      env: { ...viaProxy, HTTPS_PROXY: "http://127.0.0.1:9" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Error: Could not reach Dagster\+ at https:\/\/127\.0\.0\.1:\d+\/graphql: /);
  }, 30_000);
});

describe("plain http through HTTP_PROXY", () => {
  it("forwards the absolute-form request and warns about the unencrypted token", async () => {
    const result = await sandbox.run([...ARGS, "--url", "http://gateway.example.test/dagster/acme"], {
      env: { DAGSTER_CLOUD_API_TOKEN: TOKEN, HTTP_PROXY: plainProxy.url },
    });
    expect(result.stdout).toBe(`${NAME}\n`);
    expect(result.stderr).toMatch(/^Warning: --url uses plain http to gateway\.example\.test: the API token travels unencrypted/);
    expect(plainProxy.forwards).toEqual(["http://gateway.example.test/dagster/acme/graphql"]);
    expect(plainEmulator.requests[0]?.path).toBe("/dagster/acme/graphql");
  });

  it("HTTPS_PROXY alone does not apply to http targets", async () => {
    const result = await sandbox.run([...ARGS, "--url", plainEmulator.url], {
      env: { DAGSTER_CLOUD_API_TOKEN: TOKEN, HTTPS_PROXY: "http://127.0.0.1:9" },
    });
    expect(result).toEqual({ code: 0, stdout: `${NAME}\n`, stderr: "" });
  });
});

describe("an authenticating proxy", () => {
  let authProxy: TestProxy;
  beforeAll(async () => {
    authProxy = await startProxy({ redirectTo: { host: "127.0.0.1", port: tlsEmulator.port }, requireAuth: { user: "ci", password: "p4ss-word" } });
  });
  afterAll(() => authProxy.close());

  it("credentials in the proxy URL are sent", async () => {
    const url = authProxy.url.replace("http://", "http://ci:p4ss-word@");
    const result = await sandbox.run([...ARGS, "--organization", "acme"], { env: { ...viaProxy, HTTPS_PROXY: url } });
    expect(result).toEqual({ code: 0, stdout: `${NAME}\n`, stderr: "" });
  });

  it("wrong credentials fail without printing them", async () => {
    const url = authProxy.url.replace("http://", "http://ci:wrong-secret@");
    const result = await sandbox.run([...ARGS, "--organization", "acme"], { env: { ...viaProxy, HTTPS_PROXY: url } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Error: The proxy "http:\/\/\*\*\*@127\.0\.0\.1:\d+\/?" refused the connection to acme\.dagster\.cloud \(HTTP 407\)\.\nThe proxy wants other credentials/);
    expect(result.stderr).not.toContain("wrong-secret");
    expect(result.stderr).not.toContain(TOKEN);
  });
});
