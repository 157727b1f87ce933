import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitError } from "../../src/errors.ts";
import { readCommit } from "../../src/git/commit.ts";
import { repoNameFromRemoteUrl } from "../../src/git/remote-url.ts";
import { readRepoContext } from "../../src/git/repo-context.ts";

const COMMITTED_AT = [1_700_000_000, 1_700_000_100];
const TOKEN = "ghp_secretSecretSecret";

let root: string;
let env: Record<string, string | undefined>;
let counter = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "dagster-cloud-git-context-"));
  env = { PATH: process.env.PATH, HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_CEILING_DIRECTORIES: dirname(root) };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function freshDir(name: string): string {
  const dir = join(root, `${counter++}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Two commits, "first" then "second", on branch `branch`. */
function makeRepo(branch = "main"): string {
  const repo = freshDir("repo");
  git(repo, "init", "-q", "-b", branch);
  COMMITTED_AT.forEach((at, i) => {
    execFileSync("git", ["-c", "user.name=Ann", "-c", "user.email=ann@example.com", "commit", "-q", "--allow-empty", "-m", i === 0 ? "first" : "second\n\nbody"], {
      cwd: repo,
      env: { ...env, GIT_COMMITTER_DATE: `@${at} +0000`, GIT_AUTHOR_DATE: "@1600000000 +0000" },
    });
  });
  return repo;
}

describe("repoNameFromRemoteUrl", () => {
  it.each([
    ["git@github.com:acme/app.git", "acme/app"],
    ["git@github.com:acme/app", "acme/app"],
    ["github.com:acme/app.git", "acme/app"],
    ["ssh://git@github.com/acme/app.git", "acme/app"],
    ["ssh://git@gitlab.example.com:22/acme/app.git", "acme/app"],
    ["git+ssh://git@github.com/acme/app.git", "acme/app"],
    ["https://github.com/acme/app.git", "acme/app"],
    ["https://github.com/acme/app", "acme/app"],
    ["https://github.com/acme/app/", "acme/app"],
    ["https://github.com/acme/app.git/", "acme/app"],
    [`https://x-access-token:${TOKEN}@github.com/acme/app.git`, "acme/app"],
    [`https://${TOKEN}@github.com/acme/app`, "acme/app"],
    ["https://user:p@ss@github.com/acme/app", "acme/app"],
    ["https://gitlab.com/group/subgroup/app.git", "group/subgroup/app"],
    ["https://dev.azure.com/org/project/_git/app", "org/project/app"], // as BUILD_REPOSITORY_NAME-style identity: `_git` is plumbing,
    ["git://example.com/acme/app.git", "acme/app"],
    ["  https://github.com/acme/app.git\n", "acme/app"],
  ])("%s -> %s", (url, expected) => {
    expect(repoNameFromRemoteUrl(url)).toBe(expected);
  });

  it.each([
    "",
    "https://github.com/app",
    "https://github.com/",
    "/srv/git/acme/app.git",
    "../acme/app.git",
    "file:///srv/git/acme/app.git",
    "C:/repos/acme/app",
    "ext::sh -c touch% /tmp/x",
    "codecommit::us-east-1://app",
    // A password with a raw `/` cannot be separated from the path: drop everything.
    `https://user:${TOKEN}/x@github.com/acme/app`,
    "https://github.com/acme/a\u001bpp",
  ])("%j -> undefined", (url) => {
    expect(repoNameFromRemoteUrl(url)).toBeUndefined();
  });
});

describe("readRepoContext", () => {
  it("reads repository, branch and HEAD, and keeps no credentials", async () => {
    const repo = makeRepo("feature/x");
    git(repo, "remote", "add", "origin", `https://x-access-token:${TOKEN}@github.com/acme/app.git`);
    const context = await readRepoContext(repo, { env });
    expect(context).toEqual({
      repoName: "acme/app",
      branchName: "feature/x",
      headCommit: {
        commitHash: git(repo, "rev-parse", "HEAD"),
        authorEmail: "ann@example.com",
        authorName: "Ann",
        timestamp: COMMITTED_AT[1],
        commitMessage: "second",
      },
    });
    expect(JSON.stringify(context)).not.toContain(TOKEN);
  });

  it.each([
    ["git@github.com:acme/app.git", "acme/app"],
    ["ssh://git@github.com:22/acme/app.git", "acme/app"],
    ["https://gitlab.com/group/sub/app", "group/sub/app"],
  ])("reads origin %s", async (url, repoName) => {
    const repo = makeRepo();
    git(repo, "remote", "add", "origin", url);
    git(repo, "remote", "add", "upstream", "https://github.com/other/fork.git");
    expect((await readRepoContext(repo, { env })).repoName).toBe(repoName);
  });

  it("without an origin remote: no repoName", async () => {
    const repo = makeRepo();
    git(repo, "remote", "add", "upstream", "https://github.com/other/fork.git");
    const context = await readRepoContext(join(repo), { env });
    expect(context.repoName).toBeUndefined();
    expect(context.branchName).toBe("main");
  });

  it("on a detached HEAD: no branchName (never the string HEAD), HEAD's commit still read", async () => {
    const repo = makeRepo();
    git(repo, "checkout", "-q", "--detach", "HEAD~1");
    const context = await readRepoContext(repo, { env });
    expect(context).not.toHaveProperty("branchName");
    expect(context.headCommit?.commitMessage).toBe("first");
  });

  it("in a shallow clone (--depth 1 from file://): HEAD read, no repoName for a local origin", async () => {
    const source = makeRepo();
    const clone = join(freshDir("clone"), "shallow");
    git(root, "clone", "-q", "--depth", "1", `file://${source}`, clone);
    expect(git(clone, "rev-parse", "--is-shallow-repository")).toBe("true");
    const context = await readRepoContext(join(clone), { env });
    expect(context).toEqual({ branchName: "main", headCommit: expect.objectContaining({ commitHash: git(source, "rev-parse", "HEAD"), commitMessage: "second" }) });
  });

  it("on a branch with no commits yet: the branch, no headCommit", async () => {
    const repo = freshDir("empty");
    git(repo, "init", "-q", "-b", "main");
    expect(await readRepoContext(repo, { env })).toEqual({ branchName: "main" });
  });

  it("outside a repository: one GitError with a hint, no alternative unless given", async () => {
    const dir = freshDir("plain");
    await expect(readRepoContext(dir, { env })).rejects.toMatchObject({
      name: "GitError",
      message: `Cannot read git state: ${dir} is not inside a git repository`,
      hint: "Run from inside your git checkout.",
    });
    await expect(readRepoContext(dir, { env, alternative: "pass --git-repo-name" })).rejects.toMatchObject({
      hint: "Run from inside your git checkout, or pass --git-repo-name.",
    });
  });

  it.skipIf(process.getuid?.() !== 0)("a checkout owned by another user: refused, unless trusted (needs root to chown)", async () => {
    const repo = makeRepo();
    git(repo, "remote", "add", "origin", "git@github.com:acme/app.git");
    execFileSync("chown", ["-R", "nobody", repo]);
    await expect(readRepoContext(repo, { env })).rejects.toThrow(`git refuses to read ${repo} because another user owns it`);
    expect(await readRepoContext(repo, { env, trustedDirectory: repo })).toMatchObject({ repoName: "acme/app", branchName: "main" });
  });
});

describe("readCommit", () => {
  it("reads HEAD and any full sha present in the checkout", async () => {
    const repo = makeRepo();
    const first = git(repo, "rev-parse", "HEAD~1");
    expect(await readCommit(repo, "HEAD", { env })).toMatchObject({ commitMessage: "second", timestamp: COMMITTED_AT[1] });
    expect(await readCommit(repo, first, { env })).toEqual({
      commitHash: first,
      authorEmail: "ann@example.com",
      authorName: "Ann",
      timestamp: COMMITTED_AT[0],
      commitMessage: "first",
    });
  });

  it("is undefined for a commit the checkout does not have: unknown sha, beyond a shallow clone, a non-commit object", async () => {
    const source = makeRepo();
    const clone = join(freshDir("clone"), "shallow");
    git(root, "clone", "-q", "--depth", "1", `file://${source}`, clone);
    expect(await readCommit(clone, git(source, "rev-parse", "HEAD~1"), { env })).toBeUndefined();
    expect(await readCommit(clone, "0123456789".repeat(4), { env })).toBeUndefined();
    expect(await readCommit(clone, git(clone, "rev-parse", "HEAD^{tree}"), { env })).toBeUndefined();
    expect(await readCommit(clone, "HEAD", { env })).toMatchObject({ commitMessage: "second" });
  });

  it("is undefined for HEAD on a branch with no commits", async () => {
    const repo = freshDir("empty");
    git(repo, "init", "-q", "-b", "main");
    expect(await readCommit(repo, "HEAD", { env })).toBeUndefined();
  });

  it.each(["HEAD~1", "main", "--output=/tmp/x", "0123456789abcdef", "0123456789abcdef".repeat(3).slice(0, 40).toUpperCase(), ""])("refuses the revision %j", async (rev) => {
    const repo = makeRepo();
    await expect(readCommit(repo, rev, { env })).rejects.toBeInstanceOf(GitError);
  });

  it("outside a repository: a GitError, not undefined", async () => {
    await expect(readCommit(freshDir("plain"), "HEAD", { env })).rejects.toThrow(/is not inside a git repository/);
  });
});
