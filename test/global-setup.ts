import { execFileSync } from "node:child_process";

/** End-to-end tests spawn the built bin/: build once before any test file runs. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
