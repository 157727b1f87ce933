import { createHash } from "node:crypto";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { createSandbox, type Sandbox } from "../helpers/cli-process.ts";

const TOKEN = "e2e-secret-token-9f8e7d";
const nameOf = (repo: string, branch: string) => createHash("sha1").update(`${repo}..${branch}`).digest("hex");
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[/;

let emulator: Emulator;
let sandbox: Sandbox;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
  sandbox = createSandbox();
});
afterAll(async () => {
  await emulator.close();
  sandbox.cleanup();
});
beforeEach(() => emulator.reset());

const connection = () => ["--url", emulator.url, "--api-token", TOKEN];
const explicit = ["--git-repo-name", "acme/app", "--branch-name", "feature/x", "--commit-hash", "abc123", "--timestamp", "1700000000"];

function expectNoToken(...outputs: string[]): void {
  for (const output of outputs) expect(output).not.toContain(TOKEN);
}

describe("create-or-update, the built bin/ against the emulator", () => {
  it("prints exactly the name and a newline; stderr stays empty when piped", async () => {
    const result = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), ...explicit]);
    expect(result).toEqual({ code: 0, stdout: `${nameOf("acme/app", "feature/x")}\n`, stderr: "" });
    expect(emulator.requests.map((r) => [r.path, r.operationName, r.status])).toEqual([["/graphql", "CliCreateOrUpdateBranchDeployment", 200]]);
  });

  it("the contract script of real-world-usage.md runs unchanged (export NAME=$(...), empty status)", async () => {
    const script = `
      export DEPLOYMENT_NAME=$(dagster-cloud branch-deployment create-or-update \\
          --url "$DAGSTER_CLOUD_URL" --api-token "$DAGSTER_CLOUD_API_TOKEN" \\
          --git-repo-name "$GIT_REPO" --branch-name "$BRANCH_NAME" --branch-url "$BRANCH_URL" \\
          --pull-request-url "$PR_URL" --pull-request-id "$PR_ID" --pull-request-status "$PR_STATUS" \\
          --commit-hash "$SHA" --timestamp "$TIMESTAMP" --commit-message "$MESSAGE" \\
          --author-name "$AUTHOR" --author-email "$EMAIL" --author-avatar-url "$AVATAR")
      if [ -z "$DEPLOYMENT_NAME" ]; then echo "failed"; exit 1; fi
      echo "name=$DEPLOYMENT_NAME"`;
    const env = {
      DAGSTER_CLOUD_URL: emulator.url,
      DAGSTER_CLOUD_API_TOKEN: TOKEN,
      GIT_REPO: "acme/app",
      BRANCH_NAME: "mm/my_branch",
      BRANCH_URL: "https://github.com/acme/app/tree/mm/my_branch",
      PR_URL: "",
      PR_ID: "",
      PR_STATUS: "",
      SHA: "0123456789abcdef0123456789abcdef01234567",
      TIMESTAMP: "1700000000",
      MESSAGE: "Fix: quotes ' and \" and $dollars",
      AUTHOR: "Zoë Ünïcode",
      EMAIL: "zoe@example.com",
      AVATAR: "",
    };
    const result = await sandbox.sh(script, { env });
    expect(result).toEqual({ code: 0, stdout: `name=${nameOf("acme/app", "mm/my_branch")}\n`, stderr: "" });
    expect(emulator.requests[0]?.variables).toEqual({
      branchData: { repoName: "acme/app", branchName: "mm/my_branch", branchUrl: env.BRANCH_URL, pullRequestUrl: null, pullRequestStatus: null, pullRequestNumber: null },
      commit: { commitHash: env.SHA, timestamp: 1700000000, commitMessage: env.MESSAGE, commitUrl: null, authorName: env.AUTHOR, authorEmail: env.EMAIL, authorAvatarUrl: null },
      baseDeploymentName: null,
      snapshotBaseCondition: null,
    });
  });

  it("GitLab style: unquoted values, --read-git-state, DAGSTER_CLOUD_* from the environment, an empty extra argument", async () => {
    const script = `
      EXTRA_PARAMS=()
      BRANCH_DEPLOYMENT_NAME=$(dagster-cloud branch-deployment create-or-update --git-repo-name $CI_PROJECT_NAME \\
          --branch-name $CI_COMMIT_REF_NAME --read-git-state --pull-request-status "" --code-review-id $CI_MERGE_REQUEST_IID \\
          --base-deployment-name prod "\${EXTRA_PARAMS[@]:-}")
      echo "$BRANCH_DEPLOYMENT_NAME"`;
    const result = await sandbox.sh(script, {
      env: { DAGSTER_CLOUD_URL: emulator.url, DAGSTER_CLOUD_API_TOKEN: TOKEN, CI_PROJECT_NAME: "app", CI_COMMIT_REF_NAME: "feature/y", CI_MERGE_REQUEST_IID: "42" },
    });
    expect(result).toEqual({ code: 0, stdout: `${nameOf("app", "feature/y")}\n`, stderr: "" });
    const commit = (emulator.requests[0]?.variables as { commit: Record<string, unknown> }).commit;
    expect(commit).toEqual({
      commitHash: sandbox.git("rev-parse", "HEAD"),
      timestamp: Number(sandbox.git("log", "-1", "--format=%cd", "--date=unix")),
      commitMessage: "Initial commit",
      commitUrl: null,
      authorName: "Ann Author",
      authorEmail: "ann@example.com",
      authorAvatarUrl: null,
    });
  });

  it("the PR-close job: --pull-request-status CLOSED updates the same deployment", async () => {
    const first = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), ...explicit, "--pull-request-status", "OPEN"]);
    const closed = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), ...explicit, "--pull-request-status", "closed"]);
    expect(closed.stdout).toBe(first.stdout);
    expect(emulator.requests.map((r) => (r.variables as { branchData: { pullRequestStatus: string } }).branchData.pullRequestStatus)).toEqual(["OPEN", "CLOSED"]);
  });

  it("works on a detached HEAD in a shallow clone", async () => {
    const clone = join(sandbox.repo, "..", "shallow");
    sandbox.git("clone", "-q", "--depth", "1", `file://${sandbox.repo}`, clone);
    const head = sandbox.git("-C", clone, "rev-parse", "HEAD");
    sandbox.git("-C", clone, "checkout", "-q", "--detach", "HEAD");
    const result = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), "--repo-name", "acme/app", "--branch-name", "b", "--read-git-state"], { cwd: clone });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect((emulator.requests[0]?.variables as { commit: { commitHash: string } }).commit.commitHash).toBe(head);
  });

  it("reads organization and token from ~/.dagster_cloud_cli/config", async () => {
    mkdirSync(join(sandbox.home, ".dagster_cloud_cli"), { recursive: true });
    writeFileSync(join(sandbox.home, ".dagster_cloud_cli/config"), `url: ${emulator.url}\norganization: acme\nuser_token: ${TOKEN}\n`);
    try {
      const result = await sandbox.run(["branch-deployment", "create-or-update", ...explicit]);
      expect(result).toEqual({ code: 0, stdout: `${nameOf("acme/app", "feature/x")}\n`, stderr: "" });
      expect(emulator.requests[0]?.path).toBe("/acme/graphql");
    } finally {
      writeFileSync(join(sandbox.home, ".dagster_cloud_cli/config"), "");
    }
  });
});

describe("failures: nothing on stdout, a clear message, the right exit code, never the token", () => {
  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    ["usage error", ["--bogus"], {}, 2, /^Error: unknown option '--bogus'\n/],
    ["missing hash and time", ["--git-repo-name", "a", "--branch-name", "b"], {}, 2, /^Error: Missing --commit-hash and --timestamp/],
    ["no token", ["--url", "http://127.0.0.1:9", ...explicit], {}, 2, /^Error: No API token given\.\nPass --api-token, set DAGSTER_CLOUD_API_TOKEN, or set `user_token` in .*\.dagster_cloud_cli\/config\.\n$/],
    ["no organization", ["--api-token", TOKEN, ...explicit], {}, 2, /^Error: No organization given\.\n/],
    ["bad status", [...explicit, "--pull-request-status", "draft"], {}, 2, /Allowed values: OPEN, CLOSED, MERGED/],
    ["wrong token", ["--url", "URL", "--api-token", "wrong-token-123", ...explicit], {}, 3, /^Error: Dagster\+ rejected the API token from the --api-token flag \(HTTP 401 Unauthorized\)\.\n/],
    ["nothing listening", ["--url", "http://127.0.0.1:9", "--api-token", TOKEN, ...explicit], {}, 1, /^(Warning: could not reach Dagster\+ .*\n){3}Error: Could not reach Dagster\+ at http:\/\/127\.0\.0\.1:9\/graphql: .*ECONNREFUSED/],
    ["not a git repository", ["--url", "URL", "--api-token", TOKEN, "--repo-name", "a", "--branch-name", "b", "--read-git-state"], { cwd: "/" }, 1, /^Error: Cannot read git state: \/ is not inside a git repository/],
  ])("%s", async (_name, args, options, code, stderr) => {
    const argv = ["branch-deployment", "create-or-update", ...args.map((a) => (a === "URL" ? emulator.url : a))];
    const result = await sandbox.run(argv, { cwd: options.cwd, env: { DAGSTER_CLOUD_API_TOKEN: undefined } });
    expect(result.stdout).toBe("");
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(stderr);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toMatch(ESCAPE);
    expectNoToken(result.stdout, result.stderr);
  }, 30_000);

  it.each([
    ["PythonError", /^Error: Dagster\+ could not create or update the branch deployment: Injected PythonError \(PythonError\)\./],
    ["DeploymentLimitError", /Injected DeploymentLimitError \(DeploymentLimitError\)\.\nDelete branch deployments/],
  ])("an error member from the server: %s", async (typename, stderr) => {
    emulator.injectFault({ kind: "result", typename: typename as "PythonError", message: `Injected ${typename}` });
    const result = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), ...explicit]);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(stderr);
  });

  it("a GraphQL error", async () => {
    emulator.injectFault({ kind: "graphql-error", message: "Field 'x' is broken" });
    const result = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), ...explicit]);
    expect(result).toEqual({ code: 1, stdout: "", stderr: "Error: Dagster+ rejected CliCreateOrUpdateBranchDeployment: Field 'x' is broken\n" });
  });

  it("--verbose shows a stack trace that points at the TypeScript source, still without the token", async () => {
    emulator.injectFault({ kind: "result", typename: "PythonError", message: "boom" });
    const result = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), ...explicit, "--verbose"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/at .*src\/api\/result-errors\.ts:\d+/);
    expectNoToken(result.stdout, result.stderr);
  });
});

describe("transient failures are retried", () => {
  it.each([
    [[{ kind: "status", status: 503 }], /^Warning: Dagster\+ answered HTTP 503 Service Unavailable; retrying in \d+(\.\d)? s\.\.\.\n$/],
    [[{ kind: "status", status: 429, retryAfter: "0" }], /^Warning: Dagster\+ answered HTTP 429 Too Many Requests; retrying in 0 s\.\.\.\n$/],
    [[{ kind: "drop" }], /^Warning: could not reach Dagster\+ \(.*\); retrying in \d+(\.\d)? s\.\.\.\n$/],
    [[{ kind: "maintenance", message: "Upgrading", retryInterval: 0.2, timeout: 1 }], /^Warning: Dagster\+ is under scheduled maintenance \(Upgrading\)\. Retrying in 1 s\.\.\.\n$/],
  ] as const)("%j", async (faults, stderr) => {
    emulator.injectFault(...faults);
    const result = await sandbox.run(["branch-deployment", "create-or-update", ...connection(), ...explicit]);
    expect(result.stdout).toBe(`${nameOf("acme/app", "feature/x")}\n`);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(stderr);
  });
});

describe("help and colour", () => {
  it("--help is pinned", async () => {
    const result = await sandbox.run(["branch-deployment", "create-or-update", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    await expect(result.stdout).toMatchFileSnapshot("./__snapshots__/create-or-update-help.txt");
  });

  it("top-level --help is pinned", async () => {
    const result = await sandbox.run(["--help"]);
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot("./__snapshots__/help.txt");
  });

  it.each([["deployment", "add-location"], ["branch-deployment", "delete"]])("%s %s --help is pinned", async (group, command) => {
    const result = await sandbox.run([group, command, "--help"]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    await expect(result.stdout).toMatchFileSnapshot(`./__snapshots__/${group}-${command}-help.txt`);
  });

  it("help can be captured ($(... --help)) to detect flags", async () => {
    const result = await sandbox.sh('help=$(dagster-cloud branch-deployment create-or-update --help); case "$help" in *--snapshot-base-condition*) echo yes;; esac');
    expect(result).toEqual({ code: 0, stdout: "yes\n", stderr: "" });
  });

  it("FORCE_COLOR colours stderr; NO_COLOR wins", async () => {
    const forced = await sandbox.run(["branch-deployment", "create-or-update", "--bogus"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stderr).toMatch(ESCAPE);
    const none = await sandbox.run(["branch-deployment", "create-or-update", "--bogus"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(none.stderr).not.toMatch(ESCAPE);
  });
});
