#!/usr/bin/env node
// Launcher: the CLI is bundled into dist/cli/ (npm run build). Source maps cost start-up time, so
// they are switched on only when --verbose asks for stack traces.
if (process.argv.includes("--verbose")) process.setSourceMapsEnabled(true);
const entry = new URL("../dist/cli/entry.js", import.meta.url);
let cli;
try {
  cli = await import(entry.href);
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli/entry.js")) throw error;
  process.stderr.write("Error: this copy of dagster-cloud is not built (dist/cli/entry.js is missing).\nRun `npm run build` in its checkout.\n");
  process.exitCode = 1;
}
await cli?.run();
// Interrupted (Ctrl-C, SIGTERM): leave now rather than when the last pending timer fires.
if (process.exitCode === 130 || process.exitCode === 143) process.exit(process.exitCode);
