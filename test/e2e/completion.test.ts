import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../helpers/cli-process.ts";

/** The built CLI prints a script that bash sources and completes with, as on a user's machine. */
let sandbox: Sandbox;
let script: string;
const TOKEN = "user:completion-token-0123456789";
beforeAll(async () => {
  sandbox = createSandbox();
  writeFileSync(join(sandbox.repo, "dagster_cloud.yaml"), "locations: []\n");
  const result = await sandbox.run(["completion", "bash"], { env: { DAGSTER_CLOUD_API_TOKEN: TOKEN } });
  expect(result).toMatchObject({ code: 0, stderr: "" });
  script = join(sandbox.home, "completion.bash");
  writeFileSync(script, result.stdout);
});
afterAll(() => sandbox.cleanup());

/**
 * Sources the script as ~/.bashrc would, then asks the completion function as readline does. A
 * call back into the CLI (or node) would show on stderr, which must stay empty.
 */
async function offers(words: string[]): Promise<string[]> {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(" ");
  const result = await sandbox.sh(
    `dagster-cloud() { echo called back >&2; }; node() { echo called node >&2; }\nsource ${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}\n_dagster_cloud\nprintf '%s\\n' "\${COMPREPLY[@]}"`,
  );
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").filter(Boolean);
}

describe("dagster-cloud completion bash", () => {
  it.each<[string[], string[]]>([
    [["dagster-cloud", "bra"], ["branch-deployment"]],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--git-r"], ["--git-repo-name"]],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--org"], ["--organization"]],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--organization", "acm"], []],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--organization", "=", ""], []],
    [["dagster-cloud", "branch-deployment", "create-or-update", "-o", "acme", "--branch-n"], ["--branch-name"]],
    [["dagster-cloud", "deployment", "add-location", "--location-file", "dagster_"], ["dagster_cloud.yaml"]],
    [["dagster-cloud", "completion", ""], ["bash", "zsh", "fish"]],
  ])("%j offers %j", async (words, expected) => {
    expect(await offers(words)).toEqual(expected);
  });

  it("offers the top-level commands but not the hidden `workspace`, and a group's subcommands", async () => {
    const top = await offers(["dagster-cloud", ""]);
    expect(top).toEqual(expect.arrayContaining(["branch-deployment", "deployment", "completion"]));
    expect(top).not.toContain("workspace");
    expect(await offers(["dagster-cloud", "branch-deployment", ""])).toEqual(
      expect.arrayContaining(["create-or-update", "get", "list", "close", "prune", "delete"]),
    );
  });

  it("is registered for the command and holds no token", async () => {
    const text = readFileSync(script, "utf8");
    expect(text).toMatch(/^complete -F _dagster_cloud dagster-cloud$/m);
    expect(text).not.toContain(TOKEN);
    expect((await sandbox.sh(`source ${script}; complete -p dagster-cloud`)).stdout).toBe("complete -F _dagster_cloud dagster-cloud\n");
  });

  it("an unknown shell is a usage error (exit 2) naming the three", async () => {
    const result = await sandbox.run(["completion", "powershell"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Unknown shell "powershell": expected bash, zsh or fish\./);
  });

  // CI installs neither zsh nor fish; where they are installed, their scripts must parse.
  it.for(["zsh", "fish"])("`completion %s` passes the shell's syntax check", async (shell, { skip }) => {
    if (spawnSync(shell, ["-c", "exit 0"]).status !== 0) skip();
    const result = await sandbox.run(["completion", shell]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const path = join(sandbox.home, `completion.${shell}`);
    writeFileSync(path, result.stdout);
    expect(spawnSync(shell, ["-n", path], { encoding: "utf8" })).toMatchObject({ status: 0, stderr: "" });
  });
});
