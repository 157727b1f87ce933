/**
 * The GitHub Action's entry point, bundled into action/index.js by scripts/build-action.mjs (the
 * runner runs that committed file with its own Node; nothing is installed). Like bin/, the only
 * module here that touches `process`.
 */
import { runAction } from "./run.ts";

// A closed pipe must not crash the step: the exit code says how it went.
process.stdout.on("error", () => undefined);
process.exitCode = await runAction(process.env, process.stdout, process.stderr);
