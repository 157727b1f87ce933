import { systemDeps } from "./deps.ts";
import { main } from "./main.ts";

/** The process entry, called by bin/dagster-cloud.js. Sets the exit code; never calls exit(). */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), await systemDeps());
}
