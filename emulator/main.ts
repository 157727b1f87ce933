/** Entry point (bundled to dist/emulator/main.js): start, print the URL, stop on SIGINT/SIGTERM. */
import { runCli } from "./cli.ts";

const io = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
};

try {
  const started = await runCli(process.argv.slice(2), io);
  if (typeof started === "number") {
    process.exitCode = started;
  } else {
    const stop = (signal: NodeJS.Signals): void => {
      io.err(`emulator: ${signal}, stopping\n`);
      started.close().then(
        () => (process.exitCode = 0),
        (error: unknown) => {
          io.err(`emulator: ${String(error)}\n`);
          process.exitCode = 1;
        },
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
} catch (error) {
  io.err(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
