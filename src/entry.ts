import { systemDeps } from "./deps.ts";
import { main } from "./main.ts";

/** The process entry, called by bin/dagster-cloud.js. Sets the exit code; never calls exit(). */
export async function run(): Promise<void> {
  // A closed stdout (`| head -0`) or a full disk must not crash the process: main() sees the
  // failed write through io.flush() and exits 1 with a message.
  process.stdout.on("error", () => undefined);
  process.exitCode = await main(process.argv.slice(2), await systemDeps());
}
