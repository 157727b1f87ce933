/**
 * The bugs the fuzz tests found, one minimal reproduction each: fixed ones are plain regression
 * tests; `it.fails` marks one still open (see known-bugs.ts), which passes while the bug is there.
 * When a fix lands, turn `it.fails` into `it` and delete the bug's repair from known-bugs.ts.
 */
import { describe, expect, it } from "vitest";
import type { ServerPlan } from "./fake-server.ts";
import { runInProcess } from "./run-in-process.ts";
import { FLAG_TOKEN, TOKEN } from "./strings.ts";

const plan = (script: ServerPlan["script"] = []): ServerPlan => ({ agent: "running", loadDelayMs: 0, script, sticky: false, extraBranches: [] });
const run = (argv: string[], env: Record<string, string>, script?: ServerPlan["script"]) =>
  runInProcess(argv, { env, files: {}, unreadable: {}, headCommit: undefined, repoContext: undefined, isTTY: false }, plan(script));
const CREATE = ["branch-deployment", "create-or-update", "-o", "acme", "--git-repo-name", "acme/app", "--commit-hash", "abc", "--timestamp", "1"];
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("bugs found by fuzzing", () => {
  it("c1-in-json: --dry-run and --json print C1 controls raw (U+009B is a one-byte CSI)", async () => {
    const result = await run([...CREATE, "--branch-name", "\u009b31mx", "--dry-run", "--json"], { DAGSTER_CLOUD_API_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(CONTROLS);
    expect(result.stdout).not.toMatch(CONTROLS);
  });

  it("verbose-session-line: --verbose prints the deployment name raw", async () => {
    const env = { DAGSTER_CLOUD_API_TOKEN: TOKEN, DAGSTER_CLOUD_DEPLOYMENT: "\u001b[2J\u001b[Hx" };
    const result = await run(["deployment", "add-location", "-o", "acme", "loc", "-m", "pkg", "--dry-run", "--verbose"], env);
    expect(result.stderr).not.toMatch(CONTROLS);
  });

  it("cut-secret: a token the server echoes where a message is cut shows as a prefix", async () => {
    const script: ServerPlan["script"] = [{ kind: "result", typename: "PythonError", message: `${"x".repeat(285)}{{token}}` }];
    const result = await run([...CREATE, "--branch-name", "main"], { DAGSTER_CLOUD_API_TOKEN: TOKEN }, script);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("user:fuzz-toke");
  });

  it("spaced-token-flag: `--token T` after a flag that takes a value prints T", async () => {
    const result = await run([...CREATE, "--branch-name", "main", "--pull-request-status", "--token", FLAG_TOKEN], {});
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(FLAG_TOKEN);
  });

  it("prune-names: prune --dry-run prints a server's name that is not a deployment name", async () => {
    const argv = ["branch-deployment", "prune", "-o", "acme", "--older-than", "30d", "--dry-run"];
    const script: ServerPlan["script"] = [{ kind: "rename", names: ["evil name"], texts: false }];
    const result = await runInProcess(argv, { env: { DAGSTER_CLOUD_API_TOKEN: TOKEN }, files: {}, unreadable: {}, headCommit: undefined, repoContext: undefined, isTTY: false }, { ...plan(script), extraBranches: ["old"] });
    expect(result.stdout).not.toContain("evil name");
  });

  it("header-chars: a deployment name with a newline is an internal error, not a usage error", async () => {
    const result = await run(["deployment", "add-location", "-o", "acme", "loc", "-m", "pkg", "--no-wait"], { DAGSTER_CLOUD_API_TOKEN: TOKEN, DAGSTER_CLOUD_DEPLOYMENT: "a\nb" });
    expect(result.stderr).not.toContain("unexpected failure");
    expect(result.code).toBe(2);
  });

  it("header-chars: a token with a pasted U+200B is an internal error, not a usage error", async () => {
    const result = await run([...CREATE, "--branch-name", "main"], { DAGSTER_CLOUD_API_TOKEN: `${TOKEN}\u200b` });
    expect(result.stderr).not.toContain("unexpected failure");
    expect(result.code).toBe(2);
  });

  it("header-chars: a config default_deployment that is a lone surrogate is an internal error", async () => {
    const files = { "/home/ci/.dagster_cloud_cli/config": 'organization: acme\ndefault_deployment: "\\ud800x"\n' };
    const result = await runInProcess(["deployment", "add-location", "loc", "-m", "pkg", "--no-wait"], { env: { DAGSTER_CLOUD_API_TOKEN: TOKEN }, files, unreadable: {}, headCommit: undefined, repoContext: undefined, isTTY: false }, plan());
    expect(result.stderr).not.toContain("unexpected failure");
  });
});
