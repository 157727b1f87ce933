// `npm run bench`: wall time, CPU time and peak RSS of the built CLI on Node 20, 22 and 24, each
// case next to two floors measured in the same rounds: `node -e 0`, and a minimal script that sends
// the same create-or-update mutation with node:http to the same emulator. Prints Markdown on stdout
// (a table per Node version, then the targets of issue #12); progress on stderr.
//
//   BENCH_NODE=20,22,24   Node majors (binaries from scripts/node-versions.mjs, cached in .cache/node)
//   BENCH_RUNS=20         measured rounds per case (plus 3 warm-up rounds)
//   BENCH_ONLY=regex      only the cases whose label matches (the floors always run)
//   BENCH_BIN=path        another build's bin/dagster-cloud.js (e.g. a checkout of the base commit)
//
// Its own runner, not hyperfine: every round runs every case once, in a rotating order, so that a
// busy machine (other processes on the same cores) slows the floors and the cases alike and the
// ratios stay meaningful; hyperfine measures one command after the other. Not a test: no exit code
// depends on the targets.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import http from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { nodeBinary } from "./node-versions.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const majors = (process.env.BENCH_NODE ?? "20,22,24").split(",").map((m) => m.trim());
const runs = Number(process.env.BENCH_RUNS ?? 20);
const addLocationRuns = Math.max(5, Math.round(runs / 3));
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const WARMUP = 3;
const PROBES = 5;
const LOAD_DELAY_MS = 500;
const TOKEN = "bench-token-0123456789";
const bin = process.env.BENCH_BIN ?? join(root, "bin/dagster-cloud.js");
const log = (line) => process.stderr.write(`${line}\n`);

const work = mkdtempSync(join(tmpdir(), "dagster-cloud-bench-"));
const home = join(work, "home");
const repo = join(work, "repo");
mkdirSync(home);
const head = gitRepository(repo);
// Built from nothing: no NODE_EXTRA_CA_CERTS (it costs every Node process ~40-75 ms), no proxy, no
// NODE_OPTIONS, no DAGSTER_CLOUD_* and no CI variables of the machine running the bench.
const baseEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8", DAGSTER_CLOUD_API_TOKEN: TOKEN };
const gitlab = {
  GITLAB_CI: "true",
  CI_PROJECT_NAME: "app",
  CI_PROJECT_URL: "https://gitlab.example.com/acme/app",
  CI_COMMIT_REF_NAME: "feature/bench",
  CI_COMMIT_SHA: head,
  CI_MERGE_REQUEST_IID: "42",
  CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: "feature/bench",
};

// The emulator runs in its own process (on the Node running this script), answering while a measured
// command runs.
const emulator = spawn(process.execPath, [join(root, "dist/emulator/main.js"), "--token", TOKEN, "--load-delay-ms", String(LOAD_DELAY_MS)], {
  stdio: ["ignore", "pipe", "ignore"], // it logs every request on stderr
});
const url = await new Promise((resolve, reject) => {
  emulator.once("exit", (code) => reject(new Error(`the emulator exited (${code}); run npm run build`)));
  createInterface({ input: emulator.stdout }).once("line", resolve);
});
/** The emulator's control API, on a new connection each time (an idle kept-alive one may be closed under us). */
const control = (path, body) =>
  new Promise((resolve, reject) => {
    const request = http.request(`${url}/__emulator/${path}`, { method: body === undefined ? "GET" : "POST", agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk) => (text += chunk));
      response.on("end", () => (response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`emulator ${path}: HTTP ${response.statusCode}`))));
    });
    request.on("error", reject).end(body === undefined ? undefined : JSON.stringify(body));
  });

let coldRuns = 0;
const flags = ["--url", url, "--git-repo-name", "acme/app", "--branch-name", "bench"];
const cli = (...args) => [bin, ...args];
const createArgs = cli("branch-deployment", "create-or-update", ...flags, "--commit-hash", "abc123", "--timestamp", "1700000000");
const cases = [
  { label: "`node -e 0`", id: "node", args: ["-e", "0"] },
  { label: "minimal `node:http` POST of the same mutation", id: "post", args: [] /* set per Node version */ },
  { label: "`--help`", id: "help", args: cli("--help"), startup: true },
  { label: "`--version`", id: "version", args: cli("--version"), startup: true },
  { label: "usage error (unknown flag, exit 2)", id: "usage", args: cli("branch-deployment", "create-or-update", "--bogus"), status: 2, startup: true },
  { label: "`completion bash`", id: "completion", args: cli("completion", "bash") },
  { label: "`create-or-update`, flags", id: "create", args: createArgs },
  { label: "`create-or-update --read-git-state`", id: "git", args: cli("branch-deployment", "create-or-update", ...flags, "--read-git-state") },
  { label: "`create-or-update`, GitLab MR pipeline", id: "ci", args: cli("branch-deployment", "create-or-update", "--url", url), env: gitlab },
  { label: "`branch-deployment list`", id: "list", args: cli("branch-deployment", "list", "--url", url) },
  // Not used by the CLI (CI runs are cold, and an install may be read-only): what a user gains by
  // setting NODE_COMPILE_CACHE (Node >= 22.1) to a directory of their own, warm and cold.
  ...["--help", "create-or-update"].flatMap((name) => {
    const args = name === "--help" ? cli("--help") : createArgs;
    return [
      { label: `\`${name}\`, NODE_COMPILE_CACHE warm`, id: `${name}-cache-warm`, args, minMajor: 22, env: (major) => ({ NODE_COMPILE_CACHE: join(work, `cache-${major}`) }) },
      { label: `\`${name}\`, NODE_COMPILE_CACHE cold`, id: `${name}-cache-cold`, args, minMajor: 22, env: () => ({ NODE_COMPILE_CACHE: join(work, `cache-cold-${coldRuns++}`) }) },
    ];
  }),
].filter((c) => c.id === "node" || c.id === "post" || !only || only.test(c.label));
const addLocation = cli("deployment", "add-location", "bench_location", "--module-name", "bench.defs", "--url", `${url}/prod`);
const measureAddLocation = !only || only.test("`deployment add-location`");

const started = Date.now();
const loadBefore = loadavg()[0];
const results = [];
try {
  const post = await minimalPost();
  for (const major of majors) {
    const node = nodeBinary(major);
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    log(`${version}: ${cases.filter((c) => Number(major) >= (c.minMajor ?? 0)).length} cases × ${runs} rounds (+${WARMUP} warm-up), load average ${loadavg()[0].toFixed(2)}`);
    const rows = cases
      .filter((c) => Number(major) >= (c.minMajor ?? 0))
      .map((c) => ({ ...c, args: c.id === "post" ? [post, url, TOKEN] : c.args, times: [], probes: [] }));
    await control("reset", {});
    for (let round = 0; round < WARMUP + runs; round++) {
      // Rotate the order, so that no case always follows the same one.
      for (let i = 0; i < rows.length; i++) {
        const row = rows[(i + round) % rows.length];
        const ms = timeOnce(node, row, major);
        if (round >= WARMUP) row.times.push(ms);
      }
    }
    for (let probe = 0; probe < PROBES; probe++) for (const row of rows) row.probes.push(probeOnce(node, row.args, envOf(row, major)));
    const added = measureAddLocation ? await timeAddLocation(node) : undefined;
    results.push({ major, version, rows, added });
  }
} finally {
  emulator.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(report(results));

/** One run's wall time in ms, stdout and stderr piped as in CI (`NAME=$(dagster-cloud ...)`). */
function timeOnce(node, row, major) {
  const env = { ...baseEnv, ...envOf(row, major) };
  const start = process.hrtime.bigint();
  const result = spawnSync(node, row.args, { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== (row.status ?? 0)) {
    throw new Error(`${row.label} exited ${result.status ?? result.signal} (expected ${row.status ?? 0}):\n${result.stderr}`);
  }
  return ms;
}

function envOf(row, major) {
  return typeof row.env === "function" ? row.env(major) : row.env;
}

/** Peak RSS (MB) and CPU time (ms) of one run, reported by the process itself at exit. */
function probeOnce(node, args, env = {}) {
  const file = join(work, `probe-${process.hrtime.bigint()}.json`);
  spawnSync(node, ["--require", probeScript(), ...args], { cwd: repo, env: { ...baseEnv, ...env, BENCH_PROBE_FILE: file }, stdio: ["ignore", "pipe", "pipe"] });
  const { maxRSS, userCPUTime, systemCPUTime } = JSON.parse(readFileSync(file, "utf8"));
  return { rssMb: maxRSS / 1024, cpuMs: (userCPUTime + systemCPUTime) / 1000 };
}

function probeScript() {
  const path = join(work, "probe.cjs");
  writeFileSync(
    path,
    'process.on("exit", () => require("node:fs").writeFileSync(process.env.BENCH_PROBE_FILE, JSON.stringify(process.resourceUsage())));\n',
  );
  return path;
}

/**
 * The physical floor of create-or-update: the exact body and headers the CLI sends (recorded by the
 * emulator), sent with node:http by a script that does nothing else and prints the name.
 */
async function minimalPost() {
  await control("reset", {});
  const run = spawnSync(process.execPath, createArgs, {
    cwd: repo,
    env: baseEnv,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`create-or-update failed:\n${run.stderr}`);
  const [request] = await control("requests");
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !["host", "connection", "content-length"].includes(name)));
  delete headers["dagster-cloud-api-token"];
  const path = join(work, "minimal-post.cjs");
  writeFileSync(
    path,
    `const http = require("node:http");
const [url, token] = process.argv.slice(2);
const body = ${JSON.stringify(JSON.stringify(request.body))};
const headers = { ...${JSON.stringify(headers)}, "dagster-cloud-api-token": token, "content-length": Buffer.byteLength(body) };
http.request(url + "/graphql", { method: "POST", headers }, (response) => {
  let text = "";
  response.setEncoding("utf8").on("data", (chunk) => (text += chunk));
  response.on("end", () => process.stdout.write(JSON.parse(text).data.createOrUpdateBranchDeployment.deploymentName + "\\n"));
}).end(body);
`,
  );
  return path;
}

/**
 * add-location waits for the location to load: what matters is how soon after the load it returns,
 * and how soon after the poll that saw it loaded (the CLI's own cost; the rest is the poll schedule).
 */
async function timeAddLocation(node) {
  const total = [];
  const afterLoad = [];
  const afterPoll = [];
  for (let i = 0; i <= addLocationRuns; i++) {
    await control("reset", {});
    const start = Date.now();
    await new Promise((resolve, reject) => {
      const child = spawn(node, addLocation, { cwd: repo, env: baseEnv, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.stdout.resume();
      child.on("error", reject).on("close", (code) => (code === 0 ? resolve() : reject(new Error(`add-location exited ${code}:\n${stderr}`))));
    });
    const end = Date.now();
    const requests = await control("requests");
    const mutation = requests.find((r) => r.operationName === "CliAddOrUpdateLocation");
    const lastPoll = requests.at(-1);
    if (i === 0) continue; // warm-up
    total.push(end - start);
    afterLoad.push(end - (mutation.receivedAt + LOAD_DELAY_MS));
    afterPoll.push(end - lastPoll.receivedAt);
  }
  const probe = probeOnce(node, addLocation);
  return { ...stats(total), afterLoad: stats(afterLoad), afterPoll: stats(afterPoll), probes: [probe] };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}

function report(all) {
  const f0 = (n) => n.toFixed(0);
  const f1 = (n) => n.toFixed(1);
  const out = [];
  const targets = [];
  for (const { major, version, rows, added } of all) {
    for (const row of rows) {
      Object.assign(row, stats(row.times));
      row.rssMb = stats(row.probes.map((p) => p.rssMb)).median;
      row.cpuMs = stats(row.probes.map((p) => p.cpuMs)).median;
    }
    const floor = rows.find((r) => r.id === "node");
    const post = rows.find((r) => r.id === "post");
    out.push(
      `### Node ${version}`,
      "",
      "| case | median (ms) | p10–p90 (ms) | × `node -e 0` | × minimal POST | CPU (ms) | peak RSS (MB) | RSS − floor (MB) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const r of rows) {
      out.push(
        `| ${r.label} | ${f1(r.median)} | ${f0(r.p10)}–${f0(r.p90)} | ${(r.median / floor.median).toFixed(2)} | ${(r.median / post.median).toFixed(2)} | ${f0(r.cpuMs)} | ${f1(r.rssMb)} | ${r === floor ? "" : `+${f1(r.rssMb - floor.rssMb)}`} |`,
      );
    }
    if (added) {
      const rss = added.probes[0].rssMb;
      out.push(
        `| \`deployment add-location\` (location loads ${LOAD_DELAY_MS} ms after the update) | ${f0(added.median)} | ${f0(added.p10)}–${f0(added.p90)} | | | ${f0(added.probes[0].cpuMs)} | ${f1(rss)} | +${f1(rss - floor.rssMb)} |`,
        "",
        `add-location returned ${f0(added.afterLoad.median)} ms after the location loaded (p10–p90 ${f0(added.afterLoad.p10)}–${f0(added.afterLoad.p90)}), ` +
          `${f0(added.afterPoll.median)} ms after the poll that saw it loaded (p10–p90 ${f0(added.afterPoll.p10)}–${f0(added.afterPoll.p90)}).`,
      );
    }
    out.push("");
    const check = (what, value, limit, unit = "") => targets.push({ major, what, value, limit, unit });
    for (const r of rows.filter((r) => r.startup)) check(`${r.label} ≤ 1.35 × \`node -e 0\``, r.median / floor.median, 1.35, "×");
    const create = rows.find((r) => r.id === "create");
    if (create) check("`create-or-update`, flags ≤ 1.2 × minimal POST", create.median / post.median, 1.2, "×");
    const fattest = rows.filter((r) => r !== floor && r !== post).sort((a, b) => b.rssMb - a.rssMb)[0];
    if (fattest) check(`peak RSS ≤ \`node -e 0\` + 12 MB (largest: ${fattest.label})`, fattest.rssMb - floor.rssMb, 12, " MB");
    if (added) check("add-location returns ≤ 300 ms after the load", added.afterLoad.median, 300, " ms");
  }
  out.push("### Targets (medians)", "", `| target | ${all.map((r) => `Node ${r.major}`).join(" | ")} |`, `| --- |${all.map(() => " ---: |").join("")}`);
  for (const what of [...new Set(targets.map((t) => t.what.replace(/ \(largest: .*\)/, "")))]) {
    const cells = all.map(({ major }) => {
      const t = targets.find((x) => x.major === major && x.what.replace(/ \(largest: .*\)/, "") === what);
      if (!t) return "";
      const value = t.unit === "×" ? `${t.value.toFixed(2)}×` : `${t.unit === " MB" ? "+" : ""}${t.value.toFixed(t.unit === " MB" ? 1 : 0)}${t.unit}`;
      return `${value} ${t.value <= t.limit ? "met" : "**missed**"}`;
    });
    out.push(`| ${what} | ${cells.join(" | ")} |`);
  }
  out.push(
    "",
    `${runs} rounds after ${WARMUP} warm-up rounds, every case once per round in a rotating order; stdout and stderr piped; ` +
      `CPU time and peak RSS: median of ${PROBES} runs, from process.resourceUsage() at exit. ` +
      `${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s, load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}.`,
    "",
  );
  return out.join("\n");
}

/** A repository with one commit, for --read-git-state and the CI case (which reads the rest from git). */
function gitRepository(dir) {
  mkdirSync(dir);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_DATE: "1700000000 +0000", GIT_COMMITTER_DATE: "1700000000 +0000" };
  const git = (...args) => execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", ...args], { cwd: dir, env, encoding: "utf8" }).trim();
  git("init", "-q", "-b", "bench");
  writeFileSync(join(dir, "README"), "bench\n");
  git("add", "README");
  git("commit", "-q", "-m", "Bench commit");
  return git("rev-parse", "HEAD");
}
