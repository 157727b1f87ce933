import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Argument, Command, Option } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { createProgram, runProgram } from "../../src/cli.ts";
import { completionScript, type Shell } from "../../src/completion.ts";
import { exitCodeFor, UsageError } from "../../src/errors.ts";
import { fakeDeps } from "../helpers/fake-deps.ts";
import { recordingRunners } from "../helpers/runners.ts";

const dir = mkdtempSync(join(tmpdir(), "completion-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function saved(script: string): string {
  const path = join(dir, `script-${files++}`);
  writeFileSync(path, script);
  return path;
}

const has = (shell: string): boolean => spawnSync(shell, ["-c", "exit 0"]).status === 0;

/** What bash offers for `words` (the last one is being completed), as readline would ask. */
function bashOffers(script: string, words: string[], cwd = dir): string[] {
  const run = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dagster_cloud; printf "%s\\n" "${COMPREPLY[@]}"';
  const out = execFileSync("bash", ["--norc", "--noprofile", "-c", run, "bash", saved(script), ...words], { encoding: "utf8", cwd });
  return out.split("\n").filter(Boolean);
}

/** A small program with every case: hidden command and option, alias, short name, file value, choices. */
function smallProgram(): Command {
  const program = new Command("dagster-cloud").option("--verbose", "Say more.");
  const group = program.command("group").alias("grp").description("A group.");
  group
    .command("run")
    .description("Run it.")
    .option("-n, --name <name>", "A name; it's $(touch pwned) `here`.")
    .option("--config <path>", "A file.")
    .option("--level [level]", "Optional value.")
    .option("--quiet", "No value.")
    .addOption(new Option("--secret-flag <value>", "Hidden.").hideHelp());
  program.command("old", { hidden: true }).description("Hidden.").command("inner").option("--deep", "Deep.");
  program.command("pick").argument("<free>").addArgument(new Argument("<kind>").choices(["one", "two"]));
  return program;
}

describe("completionScript on a small program (bash)", () => {
  const script = completionScript(smallProgram(), "bash");

  it.each<[string[], string[]]>([
    [["dagster-cloud", ""], ["group", "grp", "pick"]],
    [["dagster-cloud", "g"], ["group", "grp"]],
    [["dagster-cloud", "o"], []],
    [["dagster-cloud", "--"], ["--verbose", "--help"]],
    [["dagster-cloud", "grp", ""], ["run"]],
    [["dagster-cloud", "group", "run", "--"], ["--name", "--config", "--level", "--quiet", "--help"]],
    [["dagster-cloud", "group", "run", "-"], ["--name", "-n", "--config", "--level", "--quiet", "--help", "-h"]],
    [["dagster-cloud", "group", "run", "--sec"], []],
    [["dagster-cloud", "group", "run", "--name", "--"], []],
    [["dagster-cloud", "group", "run", "-n", ""], []],
    [["dagster-cloud", "group", "run", "--name", "=", "x"], []],
    [["dagster-cloud", "group", "run", "--name", "=", "x", "--q"], ["--quiet"]],
    [["dagster-cloud", "group", "run", "--secret-flag", "--q"], []],
    [["dagster-cloud", "group", "run", "--level", "--q"], ["--quiet"]],
    [["dagster-cloud", "group", "run", "--level", ""], []],
    [["dagster-cloud", "old", "inner", "--d"], ["--deep"]],
    [["dagster-cloud", "pick", ""], []],
    [["dagster-cloud", "pick", "x", ""], ["one", "two"]],
    [["dagster-cloud", "pick", "x", "one", ""], []],
    [["dagster-cloud", "pick", "--", "x", "t"], ["two"]],
  ])("%j offers %j", (words, expected) => {
    expect(bashOffers(script, words)).toEqual(expected);
  });

  it("offers file names for a <path> value", () => {
    writeFileSync(join(dir, "dagster_cloud.yaml"), "");
    expect(bashOffers(script, ["dagster-cloud", "group", "run", "--config", "dagster_"])).toEqual(["dagster_cloud.yaml"]);
  });

  it("offers no hidden name anywhere, and holds no descriptions (bash shows none)", () => {
    const offered = [...script.matchAll(/__dc_words\+=\(([^)]*)\)/g)].map((m) => m[1]).join(" ");
    expect(offered).toMatch(/'--name' '-n'/);
    expect(offered).not.toMatch(/'old'|'--secret-flag'/);
    expect(script).not.toMatch(/A group|touch pwned/);
    expect(script).toMatch(/^complete -F _dagster_cloud dagster-cloud$/m);
  });
});

describe("completionScript safety", () => {
  it("rejects a name that is not a plain word", () => {
    const program = new Command("dagster-cloud");
    program.command("x$(id)");
    expect(() => completionScript(program, "bash")).toThrow(/not a plain word/);
  });

  it.runIf(has("zsh"))("zsh: descriptions are data, and values are not options", () => {
    const run = [
      'source "$1" 2>/dev/null',
      '_describe() { print -rl -- "${(@P)${@[-1]}}" }',
      '_files() { print -r -- "<files>" }',
      'shift; words=("$@"); CURRENT=$#; _dagster_cloud || true',
    ].join("\n");
    const offers = (...words: string[]) =>
      execFileSync("zsh", ["-f", "-c", run, "zsh", saved(completionScript(smallProgram(), "zsh")), ...words], { encoding: "utf8", cwd: dir });
    expect(offers("dagster-cloud", "group", "run", "--n")).toContain("--name:A name; it's $(touch pwned) `here`.\n");
    expect(offers("dagster-cloud", "group", "run", "--name", "")).toBe("");
    expect(offers("dagster-cloud", "group", "run", "--config", "")).toBe("<files>\n");
    expect(offers("dagster-cloud", "")).toBe("group:A group.\ngrp:A group.\npick\n");
  });

  it.runIf(has("fish"))("fish: descriptions are data, and hidden things are not offered", () => {
    const offers = (line: string) =>
      execFileSync("fish", ["--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, saved(completionScript(smallProgram(), "fish")), line], { encoding: "utf8", cwd: dir });
    expect(offers("dagster-cloud group run --n")).toBe("--name\tA name; it's $(touch pwned) `here`.\n");
    expect(offers("dagster-cloud ")).toBe("group\tA group.\ngrp\tA group.\npick\n");
    expect(offers("dagster-cloud group run --s")).toBe("");
    expect(offers("dagster-cloud group run --name ")).toBe("");
  });
});

/** The program as the CLI builds it. */
function realProgram() {
  const deps = fakeDeps();
  return { deps, program: createProgram(deps, recordingRunners()) };
}

describe("the real program", () => {
  it.each<[string[], string[]]>([
    [["dagster-cloud", "bra"], ["branch-deployment"]],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--git-r"], ["--git-repo-name"]],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--org"], ["--organization"]],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--organization", "acm"], []],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--organization", ""], []],
    [["dagster-cloud", "branch-deployment", "create-or-update", "--user-token", "--"], []],
    [["dagster-cloud", "branch-deployment", "list", "-o", "acme", "--st"], ["--status"]],
    [["dagster-cloud", "workspace", "add-location", "--location-f"], ["--location-file"]],
    [["dagster-cloud", "completion", ""], ["bash", "zsh", "fish"]],
  ])("bash: %j offers %j", (words, expected) => {
    expect(bashOffers(completionScript(realProgram().program, "bash"), words)).toEqual(expected);
  });

  // The command tree grows: pin what must be there and what must not.
  it("bash: top-level commands, and subcommands of a group", () => {
    const script = completionScript(realProgram().program, "bash");
    const top = bashOffers(script, ["dagster-cloud", ""]);
    expect(top).toEqual(expect.arrayContaining(["branch-deployment", "deployment", "completion"]));
    expect(top).not.toContain("workspace");
    const sub = bashOffers(script, ["dagster-cloud", "branch-deployment", ""]);
    expect(sub).toEqual(expect.arrayContaining(["create-or-update", "get", "list", "close", "prune", "delete"]));
  });

  it.each<Shell>(["bash", "zsh", "fish"])("`completion %s` prints the script, and only that", async (shell) => {
    const { deps, program } = realProgram();
    await runProgram(program, ["completion", shell]);
    expect(deps.stdout()).toBe(completionScript(program, shell));
    expect(deps.stderr()).toBe("");
  });

  it("an unknown shell is a usage error naming the three", async () => {
    const { program } = realProgram();
    const error = await runProgram(program, ["completion", "powershell"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeFor(error)).toBe(2);
    expect((error as Error).message).toBe('Unknown shell "powershell": expected bash, zsh or fish.');
  });

  it("help says how to install it in each shell", async () => {
    const { deps, program } = realProgram();
    await runProgram(program, ["completion", "--help"]);
    expect(deps.stdout()).toContain("source <(dagster-cloud completion bash)");
    expect(deps.stdout()).toContain("~/.local/share/bash-completion/completions/dagster-cloud");
    expect(deps.stdout()).toContain("source <(dagster-cloud completion zsh)");
    expect(deps.stdout()).toContain("dagster-cloud completion fish > ~/.config/fish/completions/dagster-cloud.fish");
  });

  // CI installs neither zsh nor fish: their checks run where they are installed.
  it.for<Shell>(["bash", "zsh", "fish"])("the %s script passes the shell's syntax check", (shell, { skip }) => {
    if (!has(shell)) skip();
    const result = spawnSync(shell, ["-n", saved(completionScript(realProgram().program, shell))], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
