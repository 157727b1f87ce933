/**
 * A hostile `.git/config` in a repository we own (a PR's checkout, a restored CI cache) must not run
 * a program, and git's output must stay bounded. Every hazard is first shown to be real with plain git.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitError } from "../../src/errors.ts";
import { readCommit } from "../../src/git/commit.ts";
import { gitEnvironment } from "../../src/git/git-env.ts";
import { readHeadCommit } from "../../src/git/head-commit.ts";
import { readRepoContext } from "../../src/git/repo-context.ts";
import { MAX_OUTPUT_BYTES } from "../../src/git/run-git.ts";

let root: string;
let env: Record<string, string | undefined>;
let counter = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "dagster-cloud-git-hardening-"));
  env = { PATH: process.env.PATH, HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_CEILING_DIRECTORIES: dirname(root) };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function git(cwd: string, args: string[], extra: Record<string, string> = {}): string {
  return execFileSync("git", args, { cwd, env: { ...env, ...extra }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function makeRepo(): { repo: string; marker: string } {
  const dir = join(root, `${counter++}`);
  const repo = join(dir, "repo");
  mkdirSync(repo, { recursive: true });
  git(repo, ["init", "-q", "-b", "main"]);
  for (const message of ["first", "second"]) git(repo, ["-c", "user.name=a", "-c", "user.email=a@example.com", "commit", "-q", "--allow-empty", "-m", message]);
  return { repo, marker: join(dir, "marker") };
}

function script(name: string, body: string): string {
  const path = join(root, `${counter++}-${name}`);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A partial clone whose promisor remote runs `touch marker`, with `missing` deleted. */
function lazyFetchRepo(missing: "HEAD" | "HEAD~1"): { repo: string; marker: string; missingOid: string } {
  const { repo, marker } = makeRepo();
  const missingOid = git(repo, ["rev-parse", missing]);
  rmSync(join(repo, ".git", "objects", missingOid.slice(0, 2), missingOid.slice(2)));
  git(repo, ["config", "core.repositoryformatversion", "1"]);
  git(repo, ["config", "extensions.partialClone", "origin"]);
  git(repo, ["config", "remote.origin.promisor", "true"]);
  git(repo, ["config", "remote.origin.url", `ext::sh -c touch% ${marker}`]);
  git(repo, ["config", "protocol.ext.allow", "always"]);
  return { repo, marker, missingOid };
}

describe("lazy fetch from a promisor remote with an ext:: URL", () => {
  // Each layer alone stops it; `-c protocol.allow=never` alone does not (the repository's
  // protocol.ext.allow=always wins), which is why GIT_ALLOW_PROTOCOL is set.
  it.each([
    ["plain git runs it", {}, [], true],
    ["-c protocol.allow=never alone runs it", {}, ["-c", "protocol.allow=never"], true],
    ["GIT_NO_LAZY_FETCH=1 alone stops it", { GIT_NO_LAZY_FETCH: "1" }, [], false],
    ['GIT_ALLOW_PROTOCOL="" alone stops it', { GIT_ALLOW_PROTOCOL: "" }, [], false],
    ["gitEnvironment() stops it", "hardened", [], false],
  ] as const)("%s", (_name, extra, config, runs) => {
    const { repo, marker } = lazyFetchRepo("HEAD");
    const childEnv = extra === "hardened" ? gitEnvironment(env) : extra;
    expect(() => git(repo, [...config, "log", "-1"], childEnv)).toThrow();
    expect(existsSync(marker)).toBe(runs);
  });

  it("a remote.origin.vcs helper is stopped too", () => {
    const { repo, marker } = lazyFetchRepo("HEAD");
    git(repo, ["config", "remote.origin.vcs", "ext"]);
    git(repo, ["config", "remote.origin.url", `sh -c touch% ${marker}`]);
    expect(() => git(repo, ["log", "-1"])).toThrow();
    expect(existsSync(marker)).toBe(true); // the hazard is real
    rmSync(marker);
    expect(() => git(repo, ["log", "-1"], { GIT_ALLOW_PROTOCOL: "" })).toThrow();
    expect(existsSync(marker)).toBe(false);
  });

  it("readCommit, readRepoContext and readHeadCommit never fetch", async () => {
    const { repo, marker, missingOid } = lazyFetchRepo("HEAD~1");
    expect(await readCommit(repo, missingOid, { env })).toBeUndefined();
    const context = await readRepoContext(repo, { env });
    expect(context.headCommit?.commitMessage).toBe("second");
    expect((await readHeadCommit(repo, env)).commitMessage).toBe("second");
    expect(existsSync(marker)).toBe(false);
  });
});

describe("config keys that run programs on a read", () => {
  it("gpg.program with log.showSignature=true is not run", async () => {
    const { repo, marker } = makeRepo();
    const fakeGpg = script("gpg", `touch '${marker}'\necho '[GNUPG:] SIG_CREATED ' >&2\nprintf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'`);
    git(repo, ["-c", "user.name=a", "-c", "user.email=a@example.com", "-c", `gpg.program=${fakeGpg}`, "commit", "-q", "--allow-empty", "-S", "-m", "signed"]);
    rmSync(marker);
    git(repo, ["config", "gpg.program", fakeGpg]);
    git(repo, ["config", "log.showSignature", "true"]);
    git(repo, ["log", "-1", "--format=%H"]);
    expect(existsSync(marker)).toBe(true); // the hazard is real
    rmSync(marker);

    expect((await readHeadCommit(repo, env)).commitMessage).toBe("signed");
    expect((await readRepoContext(repo, { env })).headCommit?.commitMessage).toBe("signed");
    expect(existsSync(marker)).toBe(false);
  });
});

describe("bounds on git itself", () => {
  /** A PATH whose `git` is `body`. */
  function fakeGit(body: string): Record<string, string | undefined> {
    const dir = join(root, `${counter++}-bin`);
    mkdirSync(dir);
    writeFileSync(join(dir, "git"), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, "git"), 0o755);
    return { ...env, PATH: `${dir}:${process.env.PATH}` };
  }

  async function failure(promise: Promise<unknown>): Promise<GitError> {
    const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    return error as GitError;
  }

  it("a git that hangs is stopped after the time limit", async () => {
    const { repo } = makeRepo();
    const started = Date.now();
    const error = await failure(readCommit(repo, "HEAD", { env: fakeGit("exec sleep 30"), timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toBe(`Cannot read git state: git rev-parse did not finish within 0.3 s in ${repo}`);
  });

  it.each(["stdout", "stderr"])("a git that floods %s is stopped at the cap", async (stream) => {
    const { repo } = makeRepo();
    const started = Date.now();
    const error = await failure(readHeadCommit(repo, fakeGit(`exec yes ${"x".repeat(100)} ${stream === "stderr" ? ">&2" : ""}`)));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toBe(`Cannot read git state: git log printed more than ${MAX_OUTPUT_BYTES / 1024} KiB`);
  });

  it("git's words reach the message on one line, with control characters escaped", async () => {
    const { repo } = makeRepo();
    const error = await failure(readHeadCommit(repo, fakeGit(`printf 'fatal: \\033[31mred\\007 %s\\nsecond line\\n' "$(printf 'x%.0s' $(seq 1 400))" >&2; exit 128`)));
    expect(error.message).toMatch(/^Cannot read git state: git log failed: fatal: \\e\[31mred\\u0007 x+…$/);
    expect(error.message.length).toBeLessThan(400);
  });

  it("garbage on stdout is reported, escaped", async () => {
    const { repo } = makeRepo();
    const error = await failure(readHeadCommit(repo, fakeGit(`printf '\\033]0;title\\007\\n'`)));
    expect(error.message).toBe('Cannot read git state: unexpected output from git log: "\\u001b]0;title\\u0007\\n"');
  });
});
