import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, ROOT, type Sandbox } from "../helpers/cli-process.ts";

/**
 * --help, --version and usage errors must not load the HTTP stack, git, the YAML/TOML parsers or
 * the config files: that is what keeps them close to bare Node's start-up time.
 */
let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
  // A config "file" that cannot be read: reading it would fail the command.
  mkdirSync(join(sandbox.home, ".dagster_cloud_cli/config"), { recursive: true });
});
afterAll(() => sandbox.cleanup());

const HEAVY_CHUNKS = /\/chunks\/([a-z-]+-run|environment-transport|proxy-transport|undici|parsers|head-commit|esm|color|document)-/;
// (`net` is not listed: piped stdout and stderr are net sockets in any Node process.)
const HEAVY_BUILTINS = /^builtin (http|https|tls|child_process|_http_client|zlib)$/;

async function loads(args: string[], env: Record<string, string> = {}) {
  const trace = join(sandbox.home, `trace-${args.join("_").replace(/\W/g, "")}.txt`);
  const result = await sandbox.run(args, {
    nodeArgs: ["--import", join(ROOT, "test/helpers/trace-loads.mjs")],
    env: { TRACE_LOADS_FILE: trace, ...env },
  });
  const lines = readFileSync(trace, "utf8").split("\n").filter(Boolean);
  return { result, lines };
}

describe("lazy loading", () => {
  it.each<[string[], number]>([
    [["--help"], 0],
    [["--version"], 0],
    [["branch-deployment", "create-or-update", "--help"], 0],
    [["branch-deployment", "create-or-update", "--bogus"], 2],
    [["branch-deployment", "create-or-update", "--git-repo-name", "a", "--timestamp", "soon"], 2],
  ])(
    "%j loads no HTTP stack, git, parsers or config",
    async (args, code) => {
      const { result, lines } = await loads(args);
      expect(result.code).toBe(code);
      expect(result.stderr).not.toMatch(/config/i);
      expect(lines.some((l) => l.includes("/dist/cli/entry.js"))).toBe(true);
      expect(lines.filter((l) => HEAVY_CHUNKS.test(l))).toEqual([]);
      expect(lines.filter((l) => HEAVY_BUILTINS.test(l))).toEqual([]);
    },
  );

  it("the check can fail: a real request loads the HTTP stack", async () => {
    const { lines } = await loads(["branch-deployment", "create-or-update", "--url", "http://127.0.0.1:9", "--api-token", "tok-123456", "--git-repo-name", "a", "--branch-name", "b", "--commit-hash", "c", "--timestamp", "1"], {
      FORCE_COLOR: "1",
    });
    expect(lines.filter((l) => HEAVY_CHUNKS.test(l)).length).toBeGreaterThan(0);
    expect(lines).toContain("builtin http");
  }, 30_000);
});
