import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitConfig, LOG_SAFETY } from "../../src/git/git-args.ts";
import { gitEnvironment } from "../../src/git/git-env.ts";
import { logArgs, readHeadCommit } from "../../src/git/head-commit.ts";

const SECRETS = {
  DAGSTER_CLOUD_API_TOKEN: "secret-token-1",
  DAGSTER_CLOUD_ORGANIZATION: "org",
  DAGSTER_CLOUD_URL: "https://example.invalid",
  GITHUB_TOKEN: "secret-token-2",
  CI_JOB_TOKEN: "secret-token-3",
  AWS_SECRET_ACCESS_KEY: "secret-token-4",
  NPM_TOKEN: "secret-token-5",
};
/** Inherited variables that make git run a program or talk to the network: never passed on. */
const PROGRAMS = {
  GIT_ASKPASS: "/bin/echo",
  SSH_ASKPASS: "/bin/echo",
  GIT_SSH: "/bin/echo",
  GIT_SSH_COMMAND: "echo",
  GIT_EXTERNAL_DIFF: "echo",
  GIT_EDITOR: "vi",
  EDITOR: "vi",
  GIT_CONFIG_PARAMETERS: "'core.pager'='less'",
  GIT_EXEC_PATH: "/tmp/evil",
  GIT_TRACE: "1",
  GIT_TRACE2_EVENT: "/tmp/trace",
  HTTPS_PROXY: "http://proxy.invalid",
  LANGUAGE: "de",
  LANG: "de_DE.UTF-8",
  LC_MESSAGES: "de_DE.UTF-8",
  NODE_OPTIONS: "--require /tmp/x.js",
};
const REPOSITORY = {
  PATH: "/usr/bin:/bin",
  HOME: "/home/u",
  TZ: "UTC",
  TMPDIR: "/tmp",
  XDG_CONFIG_HOME: "/home/u/.config",
  USER: "u",
  LOGNAME: "u",
  GIT_DIR: "/r/.git",
  GIT_WORK_TREE: "/r",
  GIT_CEILING_DIRECTORIES: "/home",
  GIT_CONFIG_GLOBAL: "/home/u/.gitconfig",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_COUNT: "1",
  GIT_CONFIG_KEY_0: "safe.directory",
  GIT_CONFIG_VALUE_0: "/r",
};

describe("gitEnvironment", () => {
  it("passes only the allowlist, and forces the read-only settings over inherited ones", () => {
    const env = gitEnvironment({ ...SECRETS, ...PROGRAMS, ...REPOSITORY, GIT_PAGER: "less", GIT_ALLOW_PROTOCOL: "ext", GIT_NO_LAZY_FETCH: "0", LC_ALL: "de_DE", UNSET: undefined });
    expect(env).toEqual({
      ...REPOSITORY,
      GIT_NO_LAZY_FETCH: "1",
      GIT_ALLOW_PROTOCOL: "",
      GIT_PROTOCOL_FROM_USER: "0",
      GIT_TERMINAL_PROMPT: "0",
      GIT_OPTIONAL_LOCKS: "0",
      GIT_PAGER: "cat",
      PAGER: "cat",
      LC_ALL: "C",
    });
  });

  it("keeps the user's GIT_CONFIG_* pairs, renumbered without the network keys that carry tokens", () => {
    const env = gitEnvironment({
      GIT_CONFIG_COUNT: "4",
      GIT_CONFIG_KEY_0: "http.https://github.com/.extraheader",
      GIT_CONFIG_VALUE_0: "AUTHORIZATION: basic secret-token-6",
      GIT_CONFIG_KEY_1: "safe.directory",
      GIT_CONFIG_VALUE_1: "/r",
      GIT_CONFIG_KEY_2: "url.https://x-access-token:secret-token-7@github.com/.insteadOf",
      GIT_CONFIG_VALUE_2: "https://github.com/",
      GIT_CONFIG_KEY_3: "Credential.helper",
      GIT_CONFIG_VALUE_3: "store",
      GIT_CONFIG_KEY_4: "beyond.count",
      GIT_CONFIG_VALUE_4: "x",
    });
    expect(Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith("GIT_CONFIG")))).toEqual({
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "safe.directory",
      GIT_CONFIG_VALUE_0: "/r",
    });
  });

  it.each(["0", "x", "-1", "1.5"])("passes no pairs for GIT_CONFIG_COUNT=%j", (count) => {
    const env = gitEnvironment({ GIT_CONFIG_COUNT: count, GIT_CONFIG_KEY_0: "a.b", GIT_CONFIG_VALUE_0: "c" });
    expect(Object.keys(env).filter((name) => name.startsWith("GIT_CONFIG"))).toEqual([]);
  });

  it("keeps Windows spellings (Path, SystemRoot) as they are", () => {
    const env = gitEnvironment({ Path: "C:\\Windows", SystemRoot: "C:\\Windows", UserProfile: "C:\\Users\\u", dagster_cloud_api_token: "x" });
    expect(env).toMatchObject({ Path: "C:\\Windows", SystemRoot: "C:\\Windows", UserProfile: "C:\\Users\\u" });
    expect(Object.keys(env)).not.toContain("dagster_cloud_api_token");
  });
});

describe("gitConfig and log arguments", () => {
  it("disables protocols, fsmonitor, pagers, credential helpers and signature checks; trusts nothing by default", () => {
    expect(gitConfig()).toEqual([
      "protocol.allow=never",
      "core.fsmonitor=false",
      "core.pager=cat",
      "credential.helper=",
      "log.showSignature=false",
      "safe.bareRepository=explicit",
    ]);
    expect(gitConfig().some((entry) => entry.startsWith("safe.directory"))).toBe(false);
  });

  it("trusts exactly the one directory given", () => {
    const config = gitConfig("/work/checkout");
    expect(config.filter((entry) => entry.startsWith("safe.directory"))).toEqual(["safe.directory=/work/checkout"]);
  });

  it("asks git log for one commit, without walking parents, signatures, external diff or textconv", () => {
    expect(LOG_SAFETY).toEqual(["--no-show-signature", "--no-ext-diff", "--no-textconv"]);
    expect(logArgs("HEAD")).toEqual(["log", "-1", "--no-walk", ...LOG_SAFETY, "--format=%H%n%ae%n%an%n%cd%n%s", "--date=unix", "HEAD", "--"]);
  });
});

describe("what the git process really receives", () => {
  let root: string;
  let repo: string;
  let wrapperDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "dagster-cloud-git-env-"));
    repo = join(root, "repo");
    mkdirSync(repo);
    const env = { PATH: process.env.PATH, HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_CEILING_DIRECTORIES: dirname(root) };
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env, stdio: "ignore" });
    git("init", "-q", "-b", "main");
    git("-c", "user.name=a", "-c", "user.email=a@example.com", "commit", "-q", "--allow-empty", "-m", "one");

    // A `git` ahead on PATH that records its arguments and environment, then runs the real one.
    const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    wrapperDir = join(root, "bin");
    mkdirSync(wrapperDir);
    writeFileSync(
      join(wrapperDir, "git"),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${root}/args'\nenv > '${root}/env'\nexec '${realGit}' "$@"\n`,
    );
    chmodSync(join(wrapperDir, "git"), 0o755);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("gets the hardening on its command line and none of our secrets in its environment", async () => {
    const env = { ...SECRETS, ...PROGRAMS, PATH: `${wrapperDir}:${process.env.PATH}`, HOME: root, GIT_CONFIG_NOSYSTEM: "1" };
    const head = await readHeadCommit(repo, env, { trustedDirectory: repo });
    expect(head.commitMessage).toBe("one");

    const args = readFileSync(join(root, "args"), "utf8").trimEnd().split("\n");
    const configs = args.flatMap((arg, i) => (args[i - 1] === "-c" ? [arg] : []));
    expect(configs).toEqual([...gitConfig(repo)]);
    expect(args.slice(2 * configs.length)).toEqual(["--no-pager", ...logArgs("HEAD")]);

    const childEnv = readFileSync(join(root, "env"), "utf8");
    for (const value of [...Object.values(SECRETS), "/tmp/evil", "proxy.invalid", "de_DE"]) expect(childEnv).not.toContain(value);
    for (const name of [...Object.keys(SECRETS), ...Object.keys(PROGRAMS)]) expect(childEnv).not.toMatch(new RegExp(`^${name}=`, "m"));
    expect(childEnv).toMatch(/^GIT_NO_LAZY_FETCH=1$/m);
    expect(childEnv).toMatch(/^GIT_ALLOW_PROTOCOL=$/m);
    expect(childEnv).toMatch(/^LC_ALL=C$/m);
  });
});
