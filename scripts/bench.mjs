// `npm run bench`: start-up and end-to-end timings of the built CLI, each as a ratio to
// `node -e 0` measured in the same run, plus peak RSS. Prints a Markdown table on stdout.
// Uses hyperfine when installed, a built-in runner otherwise. Not a test: no thresholds here.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.env.BENCH_RUNS ?? 30);
const warmup = 3;
const node = process.execPath;
const bin = join(root, "bin/dagster-cloud.js");
const TOKEN = "bench-token-0123456789";
const log = (line) => process.stderr.write(`${line}\n`);

// The emulator runs in its own process so that it answers while a measured command runs.
const LOAD_DELAY_MS = 500;
const emulator = spawn(node, [join(root, "dist/emulator/main.js"), "--token", TOKEN, "--load-delay-ms", String(LOAD_DELAY_MS)], {
  stdio: ["ignore", "pipe", "ignore"],
});
const url = await new Promise((resolve, reject) => {
  emulator.once("exit", (code) => reject(new Error(`emulator exited (${code})`)));
  createInterface({ input: emulator.stdout }).once("line", resolve);
});

const flags = ["--url", url, "--git-repo-name", "acme/app", "--branch-name", "bench"];
const env = { ...process.env, DAGSTER_CLOUD_API_TOKEN: TOKEN, NO_COLOR: "1" };
// No proxies; and no NODE_EXTRA_CA_CERTS, which costs every Node process ~40 ms to load a bundle.
for (const name of Object.keys(env)) if (/^((HTTPS?|ALL|NO)_PROXY|NODE_EXTRA_CA_CERTS)$/i.test(name)) delete env[name];

const cases = [
  { label: "`node -e 0` (floor)", argv: [node, "-e", "0"], floor: true },
  { label: "`dagster-cloud --help`", argv: [node, bin, "--help"] },
  { label: "`dagster-cloud --version`", argv: [node, bin, "--version"] },
  { label: "usage error (unknown flag, exit 2)", argv: [node, bin, "branch-deployment", "create-or-update", "--bogus"] },
  {
    label: "`create-or-update` with explicit flags, against the emulator",
    argv: [node, bin, "branch-deployment", "create-or-update", ...flags, "--commit-hash", "abc123", "--timestamp", "1700000000"],
  },
  { label: "`create-or-update --read-git-state`, against the emulator", argv: [node, bin, "branch-deployment", "create-or-update", ...flags, "--read-git-state"] },
];
if (spawnSync("python3", ["-c", "import typer, requests, yaml"]).status === 0) {
  cases.splice(1, 0, { label: "`python3 -c \"import typer, requests, yaml\"` (Python floor)", argv: ["python3", "-c", "import typer, requests, yaml"] });
}

// add-location waits for the load; what matters is how soon after the load it returns.
const addLocation = [node, bin, "deployment", "add-location", "bench_location", "--module-name", "bench.defs", "--url", `${url}/prod`];

const hyperfine = spawnSync("hyperfine", ["--version"]).status === 0;
log(`Measuring ${cases.length} commands, ${runs} runs each after ${warmup} warm-up runs, with ${hyperfine ? "hyperfine" : "the built-in runner"}...`);
const results = [];
try {
  for (const c of cases) results.push({ ...c, ...(hyperfine ? timeWithHyperfine(c.argv) : timeBuiltIn(c.argv)), rssMb: peakRssMb(c.argv) });
  results.push({ label: `\`deployment add-location\`, location loads ${LOAD_DELAY_MS} ms after the update`, ...(await timeAddLocation()), rssMb: peakRssMb(addLocation) });
} finally {
  emulator.kill("SIGTERM");
}

const floor = results.find((r) => r.floor).median;
const ms = (s) => (s * 1000).toFixed(1);
const lines = [
  `| command | median (ms) | spread p10–p90 (ms) | × \`node -e 0\` | peak RSS (MB) |`,
  `| --- | ---: | ---: | ---: | ---: |`,
  ...results.map((r) => `| ${r.label} | ${ms(r.median)} | ${ms(r.p10)}–${ms(r.p90)} | ${(r.median / floor).toFixed(2)} | ${r.rssMb.toFixed(1)} |`),
];
const added = results.at(-1);
if (added?.afterLoad) {
  lines.push(
    "",
    `add-location returned ${ms(added.afterLoad.median)} ms after the location loaded (median; p10–p90 ${ms(added.afterLoad.p10)}–${ms(added.afterLoad.p90)} ms).`,
  );
}
process.stdout.write(`${lines.join("\n")}\n\n`);
process.stdout.write(
  `Node ${process.versions.node}, ${runs} runs after ${warmup} warm-up runs (${hyperfine ? "hyperfine -N" : "built-in runner"}), ` +
    `${new Date().toISOString().slice(0, 10)}. Peak RSS: median of 5 runs, from getrusage(RUSAGE_CHILDREN).\n`,
);

/** Wall time of add-location, and how long after the emulator's load time it returned. */
async function timeAddLocation() {
  const total = [];
  const afterLoad = [];
  const n = Math.max(5, Math.round(runs / 3));
  for (let i = 0; i < n + 1; i++) {
    await fetch(`${url}/__emulator/reset`, { method: "POST" });
    const start = Date.now();
    await new Promise((resolve, reject) => {
      const child = spawn(addLocation[0], addLocation.slice(1), { cwd: root, env, stdio: "ignore" });
      child.on("error", reject).on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`add-location exited ${code}`))));
    });
    const end = Date.now();
    const requests = await (await fetch(`${url}/__emulator/requests`)).json();
    const mutation = requests.find((r) => r.operationName === "CliAddOrUpdateLocation");
    if (i === 0) continue; // warm-up
    total.push((end - start) / 1000);
    afterLoad.push((end - (mutation.receivedAt + LOAD_DELAY_MS)) / 1000);
  }
  return { ...stats(total), afterLoad: stats(afterLoad) };
}

function stats(seconds) {
  const sorted = [...seconds].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}

function timeWithHyperfine(argv) {
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  try {
    const quoted = argv.map((a) => (/^[\w./:=@-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
    execFileSync("hyperfine", ["-N", "-i", "--warmup", String(warmup), "--runs", String(runs), "--export-json", join(dir, "out.json"), quoted], {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    return stats(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")).results[0].times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeBuiltIn(argv) {
  const times = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync(argv[0], argv.slice(1), { cwd: root, env, stdio: "ignore" });
    if (i >= warmup) times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return stats(times);
}

/** Peak RSS of a command, read by a Python wrapper through getrusage(RUSAGE_CHILDREN). */
function peakRssMb(argv) {
  const script = "import resource, subprocess, sys\nsubprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\nprint(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  writeFileSync(join(dir, "rss.py"), script);
  try {
    const samples = [1, 2, 3, 4, 5].map((_) => Number(execFileSync("python3", [join(dir, "rss.py"), ...argv], { cwd: root, env, encoding: "utf8" })) / 1024);
    return stats(samples).median;
  } catch {
    return Number.NaN;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
