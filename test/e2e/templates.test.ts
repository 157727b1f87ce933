import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { collect, createSandbox, ROOT, type Result, type Sandbox } from "../helpers/cli-process.ts";
import { azureTemplate } from "../fixtures/templates/azure.ts";
import { githubTemplate } from "../fixtures/templates/github.ts";
import { gitlabTemplate } from "../fixtures/templates/gitlab.ts";
import { bitbucketTemplate, buildkiteTemplate, circleciTemplate } from "../fixtures/templates/hosted.ts";
import { jenkinsTemplate } from "../fixtures/templates/jenkins.ts";
import { EXAMPLES, type Build, type CiTemplate, type Exec } from "../fixtures/templates/types.ts";

/**
 * Each pipeline template in examples/ci/, read as its CI reads it, run under that CI's simulated
 * environment (test/fixtures/ci/*.json) against the emulator: the shell steps are the templates'
 * own, never re-typed here. `npx` is a stand-in on PATH that runs the built CLI for
 * `npx -y dagster-cloud-ts@<major.minor>` and refuses anything else; DAGSTER_CLOUD_URL in the
 * environment points every call at the emulator (an environment URL beats the organization).
 */
const TOKEN = "templates-secret-token-5f1c9e";
/** The PR head commit in the fixtures; replaced by the sandbox's real head commit. */
const FIXTURE_HEAD = "3f2a9c1e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
const MERGE_COMMIT = "e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a";
const COMMIT_TIME = 1_700_000_500;
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
const RANGE = version.split(".").slice(0, 2).join(".");

const TEMPLATES = {
  github: githubTemplate("github-actions.yml"),
  gitlab: gitlabTemplate("gitlab-ci.yml"),
  bitbucket: bitbucketTemplate("bitbucket-pipelines.yml"),
  azure: azureTemplate("azure-pipelines.yml"),
  jenkins: jenkinsTemplate("Jenkinsfile"),
  circleci: circleciTemplate("circleci-config.yml"),
  buildkite: buildkiteTemplate("buildkite-pipeline.yml"),
} satisfies Record<string, CiTemplate>;
type Provider = keyof typeof TEMPLATES;

let emulator: Emulator;
let sandbox: Sandbox;
let head: string;
let emptyDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN], loadDelayMs: 50 });
  sandbox = createSandbox();
  writeFileSync(join(sandbox.repo, "dagster_cloud.yaml"), "locations:\n  - location_name: my_location\n    code_source:\n      package_name: my_package\n");
  sandbox.git("add", ".");
  execFileSync("git", ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "Add feature x", "--date", `${COMMIT_TIME} +0000`], {
    cwd: sandbox.repo,
    env: sandbox.env({ GIT_COMMITTER_DATE: `${COMMIT_TIME} +0000` }),
  });
  head = sandbox.git("rev-parse", "HEAD");
  sandbox.git("checkout", "-q", "--detach"); // as CI checks out a commit
  emptyDir = join(sandbox.home, "empty");
  mkdirSync(emptyDir);
  const npx = join(sandbox.binDir, "npx");
  writeFileSync(
    npx,
    `#!/bin/sh
# Stand-in for npx: \`npx -y dagster-cloud-ts@${RANGE} ARGS\` runs the built CLI; anything else fails.
if [ "$1" != "-y" ] || [ "$2" != "dagster-cloud-ts@${RANGE}" ]; then echo "npx stand-in: unexpected: $1 $2" >&2; exit 127; fi
shift 2
exec dagster-cloud "$@"
`,
  );
  chmodSync(npx, 0o755);
});
afterAll(async () => {
  await emulator.close();
  sandbox.cleanup();
});
beforeEach(() => emulator.reset());

const exec: Exec = (shell, script, env, cwd) => {
  const [command = "", ...args] = shell;
  return collect(command, [...args, script], { cwd, env: sandbox.env(env) });
};

function fixture(name: string): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(join(ROOT, "test/fixtures/ci", name), "utf8").replaceAll(FIXTURE_HEAD, head)) as Record<string, Record<string, string>>;
}

/** A build of `provider`'s fixture `variant`, with the project's variables and secrets set as the templates ask. */
function build(provider: Provider, variant: string, overrides: Record<string, string> = {}, event?: string): Build {
  const env: Record<string, string> = { ...fixture(`${provider}.json`)[variant], DAGSTER_CLOUD_URL: emulator.url, ...overrides };
  let payload: unknown;
  if (event !== undefined) {
    payload = fixture(event);
    env.GITHUB_EVENT_PATH = join(sandbox.home, event);
    writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify(payload));
  }
  return {
    env,
    variables: { DAGSTER_CLOUD_ORGANIZATION: "acme", IMAGE_REPOSITORY: "registry.example.com/acme/app" },
    secrets: { DAGSTER_CLOUD_API_TOKEN: TOKEN, "dagster-cloud-api-token": TOKEN },
    repo: sandbox.repo,
    emptyDir,
    event: payload,
  };
}

const nameOf = (repo: string, branch: string): string => createHash("sha1").update(`${repo}..${branch}`).digest("hex");
const requests = (operation: string) => emulator.requests.filter((r) => r.operationName === operation);
const control = async (path: string, body?: unknown): Promise<unknown> => {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return response.json();
};
function expectNoToken(result: Result): void {
  expect(result.stdout).not.toContain(TOKEN);
  expect(result.stderr).not.toContain(TOKEN);
}

interface PrCase {
  provider: Provider;
  variant: string;
  job: string;
  event?: string;
  env?: Record<string, string>;
  repoName: string;
  number: string;
  url: string;
  image: (head: string) => string;
}

const PR_CASES: PrCase[] = [
  { provider: "github", variant: "pr", event: "github-event-pr-synchronize.json", job: "deploy", repoName: "acme/app", number: "7", url: "https://github.com/acme/app/pull/7", image: (h) => `ghcr.io/acme/app:${h}` },
  {
    provider: "gitlab",
    variant: "mr-merged-result",
    job: "dagster-branch-deployment",
    env: { CI_REGISTRY_IMAGE: "registry.gitlab.com/acme/data/app" },
    repoName: "app",
    number: "7",
    url: "https://gitlab.com/acme/data/app/-/merge_requests/7",
    // Tagged by the pipeline's own commit (a merged result), as the job building it would tag it.
    image: () => `registry.gitlab.com/acme/data/app:${MERGE_COMMIT}`,
  },
  { provider: "bitbucket", variant: "pr", job: "pull-requests:**", repoName: "acme/app", number: "7", url: "https://bitbucket.org/acme/app/pull-requests/7", image: (h) => `registry.example.com/acme/app:${h}` },
  { provider: "azure", variant: "github-pr", job: "branch_deployment", repoName: "acme/app", number: "5", url: "https://github.com/acme/app/pull/5", image: (h) => `registry.example.com/acme/app:${h}` },
  { provider: "jenkins", variant: "pr", job: "Dagster+ branch deployment", repoName: "acme/app", number: "5", url: "https://github.com/acme/app/pull/5", image: (h) => `registry.example.com/acme/app:${h}` },
  { provider: "circleci", variant: "pr", job: "dagster-branch-deployment", repoName: "acme/app", number: "7", url: "https://github.com/acme/app/pull/7", image: (h) => `registry.example.com/acme/app:${h}` },
  { provider: "buildkite", variant: "pr", job: ":dagster: Branch deployment", repoName: "acme/app", number: "7", url: "https://github.com/acme/app/pull/7", image: (h) => `registry.example.com/acme/app:${h}` },
];

describe("on a pull request, each template creates the branch deployment and deploys the location", () => {
  it.each(PR_CASES)("$provider", async (c) => {
    const template = TEMPLATES[c.provider];
    const pr = build(c.provider, c.variant, c.env, c.event);
    const selected = template.selected(pr);
    if (selected !== undefined) expect(selected).toEqual([c.job]);

    const result = await template.run(c.job, pr, exec);
    expect(result.stderr).not.toMatch(/npx stand-in/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expectNoToken(result);

    const [create, ...more] = requests("CliCreateOrUpdateBranchDeployment");
    expect(more).toHaveLength(0);
    const { branchData, commit } = create?.variables as { branchData: Record<string, unknown>; commit: Record<string, unknown> };
    expect(branchData.repoName).toBe(c.repoName);
    expect(branchData.branchName).toBe("feature/x");
    expect(branchData.pullRequestNumber).toBe(c.number);
    expect(branchData.pullRequestStatus).toBe("OPEN");
    expect(branchData.pullRequestUrl).toBe(c.url);
    // The PR's head commit, read from the checkout: never the merge commit CI made.
    expect(commit.commitHash).toBe(head);
    expect(commit.timestamp).toBe(COMMIT_TIME);
    expect(commit.commitMessage).toBe("Add feature x");

    const name = nameOf(c.repoName, "feature/x");
    const [add] = requests("CliAddOrUpdateLocation");
    expect(add?.headers["dagster-cloud-deployment"]).toBe(name);
    expect(add?.variables).toEqual({
      document: { location_name: "my_location", code_source: { package_name: "my_package" }, image: c.image(head), git: { commit_hash: head } },
    });
    const locations = (await control(`locations?deployment=${name}`)) as { loadStatus: string }[];
    expect(locations.map((l) => l.loadStatus)).toEqual(["LOADED"]);
  });
});

const OPEN_SEED = (repoName: string) => ({
  repoName,
  branchName: "feature/x",
  pullRequestStatus: "OPEN",
  pullRequestNumber: "7",
  commits: [{ commitHash: "b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d", timestamp: COMMIT_TIME }],
});

describe("when the pull request closes, the templates that can tell mark the branch deployment", () => {
  it.each([
    { event: "github-event-pr-closed.json", status: "CLOSED" },
    { event: "github-event-pr-merged.json", status: "MERGED" },
  ])("GitHub: a closed event ($event) runs only the close job, which sends $status", async ({ event, status }) => {
    await control("branch-deployments", OPEN_SEED("acme/app"));
    const closed = build("github", "pr", {}, event);
    expect(TEMPLATES.github.selected(closed)).toEqual(["close"]);
    const result = await TEMPLATES.github.run("close", closed, exec);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${nameOf("acme/app", "feature/x")}\n`);
    expectNoToken(result);
    const [sent] = requests("CliCreateOrUpdateBranchDeployment");
    expect(sent?.variables).toMatchObject({ branchData: { repoName: "acme/app", branchName: "feature/x", pullRequestStatus: status, pullRequestNumber: "7" } });
  });

  it("GitHub: closing a pull request that never got a branch deployment succeeds and sends nothing", async () => {
    const result = await TEMPLATES.github.run("close", build("github", "pr", {}, "github-event-pr-closed.json"), exec);
    expect(result.code, result.stderr).toBe(0);
    expect(requests("CliCreateOrUpdateBranchDeployment")).toHaveLength(0);
  });

  it("GitLab: the deploy job's environment is stopped by a manual stop job, which sends CLOSED without a checkout", async () => {
    const mr = build("gitlab", "mr-detached", { CI_REGISTRY_IMAGE: "registry.gitlab.com/acme/data/app" });
    const jobs = TEMPLATES.gitlab.pipeline(mr);
    const deploy = jobs.find((job) => job.name === "dagster-branch-deployment");
    const stop = jobs.find((job) => job.name === deploy?.environment.on_stop);
    expect(stop).toMatchObject({ when: "manual", environment: { name: deploy?.environment.name, action: "stop" } });

    await control("branch-deployments", OPEN_SEED("app"));
    const result = await TEMPLATES.gitlab.run(stop?.name ?? "", mr, exec);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${nameOf("app", "feature/x")}\n`);
    expectNoToken(result);
    const [sent] = requests("CliCreateOrUpdateBranchDeployment");
    expect(sent?.variables).toMatchObject({ branchData: { repoName: "app", branchName: "feature/x", pullRequestStatus: "CLOSED", pullRequestNumber: "7" } });
  });
});

const DAY = 86_400;
const now = (): number => Math.floor(Date.now() / 1000);
const PRUNE_CASES: { provider: Provider; variant: string; job: string; env?: Record<string, string> }[] = [
  { provider: "github", variant: "push", job: "prune", env: { GITHUB_EVENT_NAME: "schedule" } },
  { provider: "gitlab", variant: "push", job: "dagster-branch-deployment-prune", env: { CI_PIPELINE_SOURCE: "schedule" } },
  { provider: "bitbucket", variant: "push", job: "custom:dagster-branch-deployment-prune" },
  { provider: "azure", variant: "push", job: "prune", env: { BUILD_REASON: "Schedule" } },
  { provider: "jenkins", variant: "push", job: "Prune Dagster+ branch deployments", env: { BRANCH_NAME: "main", GIT_BRANCH: "main" } },
  { provider: "circleci", variant: "push", job: "dagster-branch-deployment-prune", env: { CIRCLE_BRANCH: "main" } },
  { provider: "buildkite", variant: "push", job: ":dagster: Prune branch deployments", env: { BUILDKITE_SOURCE: "schedule", BUILDKITE_BRANCH: "main" } },
];

describe("on a schedule, each template prunes closed, merged and old branch deployments, and only those", () => {
  it.each(PRUNE_CASES)("$provider", async (c) => {
    const seeds = [
      { branchName: "feature/open", status: "OPEN", age: 1 },
      { branchName: "fix/closed", status: "CLOSED", age: 2 },
      { branchName: "fix/merged", status: "MERGED", age: 1 },
      { branchName: "feature/stale", status: "OPEN", age: 40 },
    ];
    await control(
      "branch-deployments",
      seeds.map((s, i) => ({ repoName: "acme/app", branchName: s.branchName, pullRequestStatus: s.status, commits: [{ commitHash: `${i}`.repeat(40), timestamp: now() - s.age * DAY }] })),
    );
    const scheduled = build(c.provider, c.variant, c.env);
    const template = TEMPLATES[c.provider];
    const selected = template.selected(scheduled);
    if (selected !== undefined) expect(selected).toEqual([c.job]);

    const result = await template.run(c.job, scheduled, exec);
    expect(result.code, result.stderr).toBe(0);
    expectNoToken(result);
    const left = (await control("deployments")) as { deploymentName: string }[];
    expect(left.map((d) => d.deploymentName).sort()).toEqual(["prod", nameOf("acme/app", "feature/open")].sort());
  });
});

describe("builds that are not for a pull request start no branch deployment", () => {
  it.each([
    { provider: "github", variant: "push", event: "github-event-push.json" },
    { provider: "github", variant: "pr", event: "github-event-pr-fork.json" }, // no secrets for forks
    { provider: "gitlab", variant: "push" },
    { provider: "gitlab", variant: "tag" },
    { provider: "azure", variant: "push" },
    { provider: "buildkite", variant: "push" },
  ] as { provider: Provider; variant: string; event?: string }[])("$provider $variant $event: no job", ({ provider, variant, event }) => {
    expect(TEMPLATES[provider].selected(build(provider, variant, {}, event))).toEqual([]);
  });

  it("CircleCI builds every branch: its job skips a build without a pull request and sends nothing", async () => {
    const result = await TEMPLATES.circleci.run("dagster-branch-deployment", build("circleci", "push"), exec);
    expect(result).toMatchObject({ code: 0, stdout: "Not a pull request build: no branch deployment.\n" });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("what the templates are made of", () => {
  const files = readdirSync(EXAMPLES).filter((f) => f !== "README.md");
  const texts = files.map((file) => ({ file, text: readFileSync(join(EXAMPLES, file), "utf8") }));

  it("covers every template in examples/ci/", () => {
    expect(files.sort()).toEqual(Object.values(TEMPLATES).map((t) => t.file).sort());
  });

  it.each(texts)("$file: every CLI call is `npx -y dagster-cloud-ts@<this major.minor>`, on a Node 20+ image", ({ text }) => {
    const calls = [...text.matchAll(/\bnpx\b.*/g)].map((m) => m[0]);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(new RegExp(`^npx -y dagster-cloud-ts@${RANGE.replace(".", "\\.")} `));
    for (const [, major] of text.matchAll(/\bnode:(\d+)/g)) expect(Number(major)).toBeGreaterThanOrEqual(20);
  });

  it("GitHub: actions pinned by commit; checkout of the PR's head commit without persisted credentials; no expression in scripts", () => {
    const doc = parse(readFileSync(join(EXAMPLES, "github-actions.yml"), "utf8")) as { jobs: Record<string, { steps: Record<string, unknown>[] }> };
    const steps = Object.values(doc.jobs).flatMap((job) => job.steps);
    for (const step of steps) {
      if (typeof step.uses === "string") expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      if (typeof step.run === "string") expect(step.run).not.toContain("${{");
      if (String(step.uses).startsWith("actions/checkout@")) {
        expect(step.with).toEqual({ ref: "${{ github.event.pull_request.head.sha }}", "persist-credentials": false });
      }
    }
  });

  it("Jenkins: shell steps are single-quoted (Groovy interpolates nothing) and the PR discovery strategy is stated", () => {
    const text = readFileSync(join(EXAMPLES, "Jenkinsfile"), "utf8");
    expect(text).not.toMatch(/\bsh\s+"/);
    expect(text).toContain("The current pull request revision");
    expect(TEMPLATES.jenkins.environment.DAGSTER_CLOUD_API_TOKEN).toBe("credentials('dagster-cloud-api-token')");
  });
});
