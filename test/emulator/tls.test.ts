import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { GET_NAME, TOKEN } from "./client.ts";

/** A throwaway self-signed certificate for 127.0.0.1. */
function selfSigned(dir: string): { key: string; cert: string } {
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1", "-keyout", key, "-out", cert],
    { stdio: "ignore" },
  );
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}

function httpsPost(url: string, body: string, ca?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: "POST", ...(ca ? { ca } : {}), headers: { "content-type": "application/json", "dagster-cloud-api-token": TOKEN } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("TLS mode", () => {
  let dir: string;
  let tls: { key: string; cert: string };
  let emulator: Emulator;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "emulator-tls-"));
    tls = selfSigned(dir);
    emulator = await startEmulator({ tls });
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves https with the given certificate", async () => {
    expect(emulator.url).toBe(`https://127.0.0.1:${emulator.port}`);
    const body = JSON.stringify({ query: GET_NAME, variables: { repoName: "r", branchName: "b" } });
    const answer = await httpsPost(`${emulator.url}/acme/prod/graphql`, body, tls.cert);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { getBranchDeploymentName: "4bc8abd5e90f80e506d126f59865b1880ed238d7" } });
  });

  it("is refused by a client that does not trust the certificate", async () => {
    await expect(httpsPost(`${emulator.url}/graphql`, "{}")).rejects.toThrow(/self[- ]signed|certificate/i);
  });
});
