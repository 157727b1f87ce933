// `npm run demo`: the life of a branch deployment, told against the local Dagster+ emulator (a
// server on 127.0.0.1: nothing leaves this machine). Each step prints the command line as a user
// would type it, then what the CLI prints. The emulator's own log goes to a temporary file.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = "demo-token";
const REPO = "acme/analytics";
const BRANCH = "feature/orders-dashboard";
const IMAGE = "ghcr.io/acme/analytics";
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text) => (color ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text) => (color ? `\u001b[2m${text}\u001b[22m` : text);
const say = (text) => process.stdout.write(`${text}\n`);

const tmp = mkdtempSync(join(tmpdir(), "dagster-cloud-demo-"));
const repo = join(tmp, "analytics");
const emulatorLog = join(tmp, "emulator.log");
const emulator = spawn(process.execPath, [join(root, "dist/emulator/main.js"), "--token", TOKEN, "--load-delay-ms", "1000"], {
  stdio: ["ignore", "pipe", openSync(emulatorLog, "w")],
});
let interrupted = false;
const stopped = new Promise((resolve) => emulator.once("exit", resolve));

async function cleanUp() {
  if (emulator.exitCode === null) emulator.kill("SIGTERM");
  await stopped;
  rmSync(tmp, { recursive: true, force: true });
}
process.once("SIGINT", () => {
  interrupted = true;
  void cleanUp().then(() => process.exit(130));
});

// A clean environment: no CI variables, proxies, config files or DAGSTER_CLOUD_* of the caller.
const env = {
  PATH: process.env.PATH,
  HOME: tmp,
  LANG: "C.UTF-8",
  ...(process.env.TERM ? { TERM: process.env.TERM } : {}),
  ...(process.env.NO_COLOR ? { NO_COLOR: process.env.NO_COLOR } : {}),
  GIT_CONFIG_NOSYSTEM: "1",
};

/** Prints `$ <shown>` and runs the CLI with `args`; stdout is captured when `capture`, else shown. */
async function step(shown, args, { capture = false } = {}) {
  say(`${dim("$")} ${bold(shown)}`);
  const child = spawn(process.execPath, [join(root, "bin/dagster-cloud.js"), ...args], {
    cwd: repo,
    env,
    stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
  });
  let stdout = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  const code = await new Promise((resolve) => child.once("close", resolve));
  if (code !== 0) throw new Error(`\`${shown}\` exited with code ${code}`);
  return stdout.trim();
}

function makeCheckout() {
  const git = (...args) => execFileSync("git", ["-c", "user.name=Ada Lovelace", "-c", "user.email=ada@acme.example", "-c", "commit.gpgsign=false", ...args], { cwd: repo, env, stdio: "ignore" });
  execFileSync("git", ["init", "-q", "-b", BRANCH, repo], { env, stdio: "ignore" });
  git("remote", "add", "origin", `https://github.com/${REPO}.git`);
  writeFileSync(join(repo, "dagster_cloud.yaml"), "locations:\n  - location_name: orders\n    code_source:\n      package_name: orders\n");
  git("add", ".");
  git("commit", "-q", "-m", "Add the orders dashboard");
  return execFileSync("git", ["rev-parse", "--short=7", "HEAD"], { cwd: repo, env, encoding: "utf8" }).trim();
}

/** Earlier pull requests' branch deployments, as an organization has after a few months. */
async function seedOrganization(url) {
  const now = Math.floor(Date.now() / 1000);
  const day = 86_400;
  const pr = (n) => `https://github.com/${REPO}/pull/${n}`;
  const seeds = [
    { repoName: REPO, branchName: "feature/ingest-v2", pullRequestStatus: "OPEN", pullRequestNumber: "44", pullRequestUrl: pr(44), commits: [{ commitHash: "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d", timestamp: now - 2 * 3600 }] },
    { repoName: REPO, branchName: "fix/typo", pullRequestStatus: "MERGED", pullRequestNumber: "41", pullRequestUrl: pr(41), commits: [{ commitHash: "2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d1a", timestamp: now - 12 * day }] },
    { repoName: REPO, branchName: "exp/spark", pullRequestStatus: "CLOSED", pullRequestNumber: "17", pullRequestUrl: pr(17), commits: [{ commitHash: "3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d1a2b", timestamp: now - 95 * day }] },
    { repoName: "acme/ml-models", branchName: "old-experiment", commits: [{ commitHash: "4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d1a2b3c", timestamp: now - 210 * day }] },
  ];
  const response = await fetch(`${url}/__emulator/branch-deployments`, { method: "POST", body: JSON.stringify(seeds) });
  if (!response.ok) throw new Error(`seeding the emulator failed: HTTP ${response.status}`);
  return seeds.length;
}

try {
  const url = await new Promise((resolve, reject) => {
    emulator.once("error", reject);
    emulator.once("exit", (code) => reject(new Error(`the emulator exited with code ${code}`)));
    createInterface({ input: emulator.stdout }).once("line", resolve);
  });
  const sha = makeCheckout();
  const seeded = await seedOrganization(url);
  Object.assign(env, { DAGSTER_CLOUD_URL: url, DAGSTER_CLOUD_API_TOKEN: TOKEN });

  say(`${bold("dagster-cloud demo")}: the life of a branch deployment, against a local Dagster+ emulator`);
  say(`at ${url} (nothing leaves this machine). We are in a checkout of`);
  say(`${REPO} on branch ${BRANCH}; the organization already has ${seeded} branch`);
  say("deployments from earlier pull requests.\n");
  say(dim("# Against Dagster+, set DAGSTER_CLOUD_ORGANIZATION=<your org> instead of the URL."));
  say(`${dim("$")} ${bold(`export DAGSTER_CLOUD_URL=${url} DAGSTER_CLOUD_API_TOKEN=${TOKEN}`)}\n`);

  say(dim("# 1. A pull request opens: create its branch deployment. Repository, branch and commit come"));
  say(dim("#    from git (in CI, from the CI's variables, with the pull request's number and URL)."));
  const name = await step("NAME=$(dagster-cloud branch-deployment create-or-update)", ["branch-deployment", "create-or-update"], { capture: true });
  say(`${dim("$")} ${bold('echo "$NAME"')}\n${name}\n`);

  say(dim("# 2. Deploy the pull request's code into it; the command waits until the agent has loaded it."));
  await step(
    `dagster-cloud deployment add-location -d "$NAME" --location-name orders \\\n    --location-file dagster_cloud.yaml --image ${IMAGE}:${sha}`,
    ["deployment", "add-location", "-d", name, "--location-file", "dagster_cloud.yaml", "--location-name", "orders", "--image", `${IMAGE}:${sha}`],
  );
  say("");

  say(dim("# 3. All branch deployments, with their pull requests and latest commits."));
  await step("dagster-cloud branch-deployment list", ["branch-deployment", "list"]);
  say("");

  say(dim("# 4. The pull request is merged: mark its branch deployment merged (no commit flags needed)."));
  await step("dagster-cloud branch-deployment close --status merged", ["branch-deployment", "close", "--status", "merged"]);
  say("");

  say(dim("# 5. A scheduled cleanup: what would go (closed or merged pull requests, or older than 30 days)..."));
  const stale = ["--status", "closed,merged", "--older-than", "30d"];
  await step(`dagster-cloud branch-deployment prune ${stale.join(" ")} --dry-run`, ["branch-deployment", "prune", ...stale, "--dry-run"]);
  say("");
  say(dim("# ...and delete them (never a production deployment)."));
  await step(`dagster-cloud branch-deployment prune ${stale.join(" ")} --yes`, ["branch-deployment", "prune", ...stale, "--yes"]);
  say("");
  await step("dagster-cloud branch-deployment list", ["branch-deployment", "list"]);
  say(`\n${bold("Done.")} The emulator is stopped and its temporary files are removed.`);
} catch (error) {
  if (!interrupted) {
    process.stderr.write(`\nDemo failed: ${String(error?.message ?? error).split("\n")[0]}\n`);
    const log = readFileSync(emulatorLog, "utf8").trim().split("\n").slice(-5).join("\n");
    if (log) process.stderr.write(`Last lines of the emulator's log:\n${log}\n`);
  }
  process.exitCode = 1;
} finally {
  await cleanUp();
}
