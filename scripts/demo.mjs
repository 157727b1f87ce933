// `npm run demo`: starts the local Dagster+ emulator, runs create-or-update --read-git-state from
// this checkout against it, prints the deployment name, and stops the emulator.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const git = (...args) => execFileSync("git", ["-c", "safe.directory=*", ...args], { cwd: root, encoding: "utf8" }).trim();
const TOKEN = "demo-token-0123456789";

const emulator = spawn(process.execPath, [join(root, "dist/emulator/main.js"), "--token", TOKEN], {
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve, reject) => {
  emulator.once("error", reject);
  emulator.once("exit", (code) => reject(new Error(`the emulator exited with code ${code}`)));
  createInterface({ input: emulator.stdout }).once("line", resolve);
});

try {
  let branch = git("rev-parse", "--abbrev-ref", "HEAD");
  if (branch === "HEAD") branch = "demo"; // a detached checkout has no branch name
  const repo = `local/${basename(root)}`;
  const args = ["branch-deployment", "create-or-update", "--url", url, "--git-repo-name", repo, "--branch-name", branch, "--read-git-state"];
  console.error(`Emulator listening at ${url}`);
  console.error(`$ DAGSTER_CLOUD_API_TOKEN=... dagster-cloud ${args.join(" ")}`);
  const name = execFileSync(process.execPath, [join(root, "bin/dagster-cloud.js"), ...args], {
    cwd: root,
    env: { ...process.env, DAGSTER_CLOUD_API_TOKEN: TOKEN },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.stdout.write(name);
  const expected = createHash("sha1").update(`${repo}..${branch}`).digest("hex");
  console.error(name.trim() === expected ? `= sha1("${repo}..${branch}"), as the emulator names branch deployments.` : `Unexpected name; expected ${expected}`);
  if (name.trim() !== expected) process.exitCode = 1;
} catch (error) {
  console.error(`Demo failed: ${error.message.split("\n")[0]}`);
  process.exitCode = 1;
} finally {
  emulator.kill("SIGTERM");
}
