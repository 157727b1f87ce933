#!/usr/bin/env node
// Launcher: the CLI is bundled into dist/cli/ (npm run build). Source maps cost start-up time, so
// they are switched on only when --verbose asks for stack traces.
if (process.argv.includes("--verbose")) process.setSourceMapsEnabled(true);
const { run } = await import("../dist/cli/entry.js");
await run();
