import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../emulator/cli.ts";
import { GET_NAME, gql } from "./client.ts";

function capture(): { io: { out: (t: string) => void; err: (t: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out, err };
}

describe("runCli", () => {
  it("prints only the URL on stdout and logs requests to stderr", async () => {
    const { io, out, err } = capture();
    const emulator = await runCli(["--token", "a", "--token", "b"], io);
    if (typeof emulator === "number") throw new Error(`exit ${emulator}`);
    try {
      expect(out).toEqual([`${emulator.url}\n`]);
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await gql(emulator.url, GET_NAME, { repoName: "r", branchName: "b" }, { "dagster-cloud-api-token": "b" })).status).toBe(200);
      expect((await gql(emulator.url, GET_NAME, { repoName: "r", branchName: "b" }, { "dagster-cloud-api-token": "c" })).status).toBe(401);
      expect(err).toEqual([
        "POST /graphql CliGetBranchDeploymentName -> 200\n",
        "POST /graphql CliGetBranchDeploymentName -> 401\n",
      ]);
    } finally {
      await emulator.close();
    }
  });

  it.each([
    [["--port", "x"], 2, /--port must be an integer/],
    [["--bogus"], 2, /Unknown option '--bogus'/],
    [["--tls-key", "k.pem"], 2, /--tls-key and --tls-cert go together/],
    [["--help"], 0, /^Usage: emulator/],
  ])("%o exits %i", async (argv, code, message) => {
    const { io, out, err } = capture();
    expect(await runCli(argv, io)).toBe(code);
    expect(out).toEqual([]);
    expect(err.join("")).toMatch(message);
  });
});

describe("bundled main", () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "emulator-bundle-"));
    bundle = join(dir, "main.js");
    await build({
      entryPoints: [fileURLToPath(new URL("../../emulator/main.ts", import.meta.url))],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: bundle,
      logLevel: "silent",
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(["SIGTERM", "SIGINT"] as const)("prints its URL, serves, and stops cleanly on %s", async (signal) => {
    // Run from another directory: the bundle must need no files beside it.
    const child = spawn(process.execPath, [bundle, "--port", "0"], { cwd: tmpdir(), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout });
    const [url] = (await once(lines, "line")) as [string];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await gql(url, GET_NAME, { repoName: "r", branchName: "b" });
    expect(answer.json).toEqual({ data: { getBranchDeploymentName: "4bc8abd5e90f80e506d126f59865b1880ed238d7" } });

    let rest = "";
    lines.on("line", (line) => (rest += line));
    child.kill(signal);
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(rest).toBe("");
    expect(stderr).toContain("POST /graphql CliGetBranchDeploymentName -> 200");
  });
});
