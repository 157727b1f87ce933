import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitError } from "../../src/errors.ts";
import { readHeadCommit, type HeadCommit } from "../../src/git/head-commit.ts";

const AUTHOR_NAME = "Zoë Ångström-Nuñez 李 雷";
const AUTHOR_EMAIL = "zoë.ångström@exämple.com";
/** Committer dates of the fixture commits; author dates differ so we know which one is read. */
const COMMITTED_AT = [1_700_000_000, 1_700_000_100, 1_700_000_200];
const AUTHORED_AT = 1_600_000_000;

const HAS_SSH_KEYGEN = (() => {
  try {
    execFileSync("ssh-keygen", ["-?"], { stdio: "ignore" });
    return true;
  } catch (error) {
    // `ssh-keygen -?` prints usage and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
})();

const HINT_TAIL = "drop --read-git-state and pass --commit-hash and --timestamp instead.";

let root: string;
/** Environment for every git process here: no system config, a temp HOME, no search above `root`. */
let baseEnv: Record<string, string | undefined>;

function git(cwd: string, args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync("git", args, {
    cwd,
    env: { ...baseEnv, ...extraEnv },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function commit(cwd: string, committedAt: number, args: string[]): void {
  git(cwd, ["commit", "-q", "--allow-empty", ...args], {
    GIT_AUTHOR_DATE: `@${AUTHORED_AT} +0000`,
    GIT_COMMITTER_DATE: `@${committedAt} +0000`,
  });
}

let counter = 0;
function freshDir(name: string): string {
  const dir = join(root, `${counter++}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A repository with `messages.length` commits (committer dates from COMMITTED_AT). */
function makeRepo(messages: string[] = ["first", "second", "third"]): string {
  const dir = freshDir("repo");
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["config", "user.name", AUTHOR_NAME]);
  git(dir, ["config", "user.email", AUTHOR_EMAIL]);
  messages.forEach((message, i) => {
    commit(dir, COMMITTED_AT[i] ?? 1_700_001_000, ["--allow-empty-message", "-m", message]);
  });
  return dir;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "dagster-cloud-git-test-"));
  const home = join(root, "home");
  mkdirSync(home);
  baseEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CEILING_DIRECTORIES: dirname(root),
    LC_ALL: "C",
  };
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("readHeadCommit", () => {
  interface Case {
    name: string;
    /** Returns the directory to read from and the repository whose commit we expect. */
    setup: () => { cwd: string; repo: string; env?: Record<string, string | undefined> };
    expected: Partial<HeadCommit>;
  }

  const cases: Case[] = [
    {
      name: "a normal repository",
      setup: () => {
        const repo = makeRepo();
        return { cwd: repo, repo };
      },
      expected: { commitMessage: "third", timestamp: COMMITTED_AT[2] },
    },
    {
      name: "a multi-line message (only the subject)",
      setup: () => {
        const repo = makeRepo(["first", "Subject line\n\nBody paragraph\nmore body\n"]);
        return { cwd: repo, repo };
      },
      expected: { commitMessage: "Subject line", timestamp: COMMITTED_AT[1] },
    },
    {
      name: "an empty commit message",
      setup: () => {
        const repo = makeRepo(["first", ""]);
        return { cwd: repo, repo };
      },
      expected: { commitMessage: "", timestamp: COMMITTED_AT[1] },
    },
    {
      name: "a subject with unicode and surrounding spaces inside",
      setup: () => {
        const repo = makeRepo(["Fix  the “quotes” — ünïcode ✓"]);
        return { cwd: repo, repo };
      },
      expected: { commitMessage: "Fix  the “quotes” — ünïcode ✓", timestamp: COMMITTED_AT[0] },
    },
    {
      name: "a shallow clone (--depth 1)",
      setup: () => {
        const source = makeRepo();
        const clone = join(freshDir("clone"), "shallow");
        git(root, ["clone", "-q", "--depth", "1", `file://${source}`, clone]);
        expect(git(clone, ["rev-parse", "--is-shallow-repository"]).trim()).toBe("true");
        return { cwd: clone, repo: clone };
      },
      expected: { commitMessage: "third", timestamp: COMMITTED_AT[2] },
    },
    {
      name: "a detached HEAD",
      setup: () => {
        const repo = makeRepo();
        git(repo, ["checkout", "-q", "--detach", "HEAD~1"]);
        return { cwd: repo, repo };
      },
      expected: { commitMessage: "second", timestamp: COMMITTED_AT[1] },
    },
    {
      name: "a subdirectory of the work tree",
      setup: () => {
        const repo = makeRepo();
        const sub = join(repo, "a", "b");
        mkdirSync(sub, { recursive: true });
        return { cwd: sub, repo };
      },
      expected: { commitMessage: "third", timestamp: COMMITTED_AT[2] },
    },
    {
      name: "GIT_DIR from the environment (passed through unchanged)",
      setup: () => {
        const repo = makeRepo(["only"]);
        return { cwd: freshDir("elsewhere"), repo, env: { ...baseEnv, GIT_DIR: join(repo, ".git") } };
      },
      expected: { commitMessage: "only", timestamp: COMMITTED_AT[0] },
    },
    {
      // simple-git refuses these by default unless its `unsafe` options allow them.
      name: "an environment with EDITOR, PAGER, GIT_ASKPASS, GIT_SSH_COMMAND, GIT_CONFIG_*",
      setup: () => {
        const repo = makeRepo();
        const env = {
          ...baseEnv,
          EDITOR: "vi",
          PAGER: "less",
          GIT_PAGER: "cat",
          GIT_EDITOR: "vi",
          GIT_ASKPASS: "/bin/true",
          SSH_ASKPASS: "/bin/true",
          GIT_SSH_COMMAND: "ssh -o BatchMode=yes",
          GIT_CONFIG_GLOBAL: join(root, "home", "no-such-gitconfig"),
          GIT_CONFIG_COUNT: "2",
          GIT_CONFIG_KEY_0: "credential.helper",
          GIT_CONFIG_VALUE_0: "",
          GIT_CONFIG_KEY_1: "core.pager",
          GIT_CONFIG_VALUE_1: "cat",
        };
        return { cwd: repo, repo, env };
      },
      expected: { commitMessage: "third", timestamp: COMMITTED_AT[2] },
    },
  ];

  // With `log.showSignature=true`, git prints signature checks ("No signature", "Good ... signature")
  // to stdout ahead of the format; without `--no-show-signature` they would become the "hash".
  it.skipIf(!HAS_SSH_KEYGEN)("reads a signed HEAD when log.showSignature=true is configured", async () => {
    const repo = makeRepo(["first"]);
    const key = join(freshDir("key"), "id_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key]);
    git(repo, ["config", "gpg.format", "ssh"]);
    git(repo, ["config", "user.signingKey", `${key}.pub`]);
    commit(repo, COMMITTED_AT[1] ?? 0, ["-S", "-m", "signed"]);
    git(repo, ["config", "log.showSignature", "true"]);
    expect(git(repo, ["log", "-1", "--format=%H"])).toMatch(/signature/i); // the hazard is real

    expect(await readHeadCommit(repo, baseEnv)).toEqual({
      commitHash: git(repo, ["rev-parse", "HEAD"]).trim(),
      authorEmail: AUTHOR_EMAIL,
      authorName: AUTHOR_NAME,
      timestamp: COMMITTED_AT[1],
      commitMessage: "signed",
    });
  });

  it.each(cases)("reads HEAD in $name", async ({ setup, expected }) => {
    const { cwd, repo, env } = setup();
    const head = await readHeadCommit(cwd, env ?? baseEnv);
    expect(head).toEqual({
      commitHash: git(repo, ["rev-parse", "HEAD"]).trim(),
      authorEmail: AUTHOR_EMAIL,
      authorName: AUTHOR_NAME,
      ...expected,
    });
    expect(head.commitHash).toMatch(/^[0-9a-f]{40}$/);
  });

  describe.skipIf(process.getuid?.() !== 0)("a repository owned by another user (needs root to chown)", () => {
    function foreignRepo(): { repo: string; hash: string } {
      const repo = makeRepo();
      const hash = git(repo, ["rev-parse", "HEAD"]).trim();
      execFileSync("chown", ["-R", "nobody", repo]);
      // Sanity check: plain git really does refuse it.
      expect(() => git(repo, ["log", "-1"])).toThrow(/dubious ownership/);
      return { repo, hash };
    }

    async function failure(promise: Promise<unknown>): Promise<GitError> {
      const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(GitError);
      return error as GitError;
    }

    it("is refused with one error naming the directory and the exact fix", async () => {
      const { repo } = foreignRepo();
      const sub = join(repo, "sub dir");
      mkdirSync(sub);
      const error = await failure(readHeadCommit(sub, baseEnv));
      expect(error.message).toBe(`Cannot read git state: git refuses to read ${repo} because another user owns it`);
      expect(error.hint).toBe(
        `If you trust it, run \`git config --global --add safe.directory ${repo}\` or pass --git-safe-directory ${repo} ` +
          `(DAGSTER_CLOUD_GIT_SAFE_DIRECTORY), or ${HINT_TAIL}`,
      );
    });

    it("is read when trustedDirectory names it (absolute, relative, or through a symlink)", async () => {
      const { repo, hash } = foreignRepo();
      const link = join(freshDir("links"), "link");
      symlinkSync(repo, link);
      const sub = join(repo, "sub");
      mkdirSync(sub);
      for (const [cwd, trustedDirectory] of [[repo, repo], [sub, ".."], [link, link]] as const) {
        const head = await readHeadCommit(cwd, baseEnv, { trustedDirectory });
        expect(head).toEqual({ commitHash: hash, authorEmail: AUTHOR_EMAIL, authorName: AUTHOR_NAME, timestamp: COMMITTED_AT[2], commitMessage: "third" });
      }
    });

    it("is read when the user's environment trusts it (GIT_CONFIG_COUNT/KEY/VALUE, as CI runners do)", async () => {
      const { repo, hash } = foreignRepo();
      const env = { ...baseEnv, GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "safe.directory", GIT_CONFIG_VALUE_0: repo };
      expect((await readHeadCommit(repo, env)).commitHash).toBe(hash);
    });

    it("trusts only the directory named: a subdirectory or another repository does not open it", async () => {
      const { repo } = foreignRepo();
      const sub = join(repo, "sub");
      mkdirSync(sub);
      const error = await failure(readHeadCommit(sub, baseEnv, { trustedDirectory: sub }));
      expect(error.message).toBe(
        `Cannot read git state: git refuses to read ${repo} because another user owns it (the trusted directory ${sub} is not its top directory)`,
      );
      const other = foreignRepo();
      await failure(readHeadCommit(other.repo, baseEnv, { trustedDirectory: repo }));
    });

    it.each(["*", "", " ", "/tmp/*"])("refuses the pattern %j as a trusted directory", async (trustedDirectory) => {
      const { repo } = foreignRepo();
      const error = await failure(readHeadCommit(repo, baseEnv, { trustedDirectory }));
      expect(error.message).toMatch(/^Cannot read git state: the trusted git directory must name one directory, not /);
      expect(error.hint).toBe(`Pass the top directory of your checkout, or ${HINT_TAIL}`);
    });
  });

  interface ErrorCase {
    name: string;
    setup: () => { cwd: string; env?: Record<string, string | undefined> };
    message: (cwd: string) => string;
    hint: string;
  }

  const errorCases: ErrorCase[] = [
    {
      name: "not a git repository",
      setup: () => ({ cwd: freshDir("plain") }),
      message: (cwd) => `Cannot read git state: ${cwd} is not inside a git repository`,
      hint: `Run from inside your git checkout, or ${HINT_TAIL}`,
    },
    {
      name: "a directory that does not exist",
      setup: () => ({ cwd: join(root, "no-such-directory") }),
      message: (cwd) => `Cannot read git state: directory ${cwd} does not exist`,
      hint: `Run from inside your git checkout, or ${HINT_TAIL}`,
    },
    {
      name: "a repository with no commits",
      setup: () => {
        const cwd = freshDir("empty");
        git(cwd, ["init", "-q", "-b", "main"]);
        return { cwd };
      },
      message: (cwd) => `Cannot read git state: the git repository at ${cwd} has no commits yet`,
      hint: `Commit something first, or ${HINT_TAIL}`,
    },
    {
      name: "git not on PATH",
      setup: () => ({ cwd: makeRepo(), env: { ...baseEnv, PATH: "/nonexistent" } }),
      message: () => `Cannot read git state: the "git" command was not found on PATH`,
      hint: `Install git and make sure it is on PATH, or ${HINT_TAIL}`,
    },
    {
      name: "any other git failure (HEAD names a missing object)",
      setup: () => {
        const cwd = makeRepo();
        writeFileSync(join(cwd, ".git", "refs", "heads", "main"), `${"0123456789".repeat(4)}\n`);
        return { cwd };
      },
      message: () => "Cannot read git state: git log failed: fatal: bad object HEAD",
      hint: `Fix the problem above, or ${HINT_TAIL}`,
    },
    {
      name: "any other git failure (GIT_DIR points nowhere)",
      setup: () => ({ cwd: makeRepo(), env: { ...baseEnv, GIT_DIR: "/nonexistent-git-dir" } }),
      message: () => "Cannot read git state: git log failed: fatal: not a git repository: '/nonexistent-git-dir'",
      hint: `Fix the problem above, or ${HINT_TAIL}`,
    },
  ];

  it.each(errorCases)("fails clearly for $name", async ({ setup, message, hint }) => {
    const { cwd, env } = setup();
    const error: unknown = await readHeadCommit(cwd, env ?? baseEnv).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitError);
    const gitError = error as GitError;
    expect(gitError.message).toBe(message(cwd));
    expect(gitError.hint).toBe(hint);
    expect(gitError.exitCode).toBe(1);
    // One line, no stack trace text from simple-git or Node.
    expect(gitError.message).not.toMatch(/\n|\bat .*:\d+:\d+/);
    expect(gitError.hint).toMatch(/--read-git-state.*--commit-hash.*--timestamp/);
  });
});

describe("git modules", () => {
  const source = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../src/git", name), "utf8");

  it("load simple-git only when called (no static value import), in the one runner", () => {
    const all = ["head-commit.ts", "commit.ts", "repo-context.ts", "remote-url.ts", "git-env.ts", "git-args.ts", "git-failure.ts", "run-git.ts"].map(source);
    for (const text of all) {
      const staticImports = text.match(/^import\s[^;]*from\s+"simple-git";/gm) ?? [];
      expect(staticImports.every((line) => line.startsWith("import type "))).toBe(true);
    }
    expect(all.filter((text) => text.includes('import("simple-git")'))).toHaveLength(1);
    expect(source("run-git.ts")).toContain('await import("simple-git")');
  });

  it("never trust every directory", () => {
    expect(source("git-args.ts") + source("run-git.ts")).not.toMatch(/safe\.directory=\*/);
  });
});
