/**
 * Runs one CLI command in this process, through the same `main()` as bin/: its stdout (the result)
 * is captured, its stderr goes to the job's log as it comes, and its `Error:` line and hint are
 * kept for the job's error annotation. Both streams are masked by the CLI's own IO.
 */
import { systemDeps, type Deps } from "../deps.ts";
import { createIO, plainStyle } from "../io.ts";
import { main } from "../main.ts";

/** Enough of stderr's tail to hold the last error and its hint. */
const KEPT_STDERR = 8192;

export interface CliResult {
  code: number;
  stdout: string;
  /** The failure as main() reported it (`message hint`), on one line; undefined on success. */
  error: string | undefined;
}

export interface Sink {
  write(text: string): unknown;
}

export async function runCli(argv: string[], env: Record<string, string | undefined>, log: Sink): Promise<CliResult> {
  const base = await systemDeps();
  let stdout = "";
  let stderr = "";
  const io = createIO(
    {
      stdout: {
        write: (text: string, callback?: (error?: Error | null) => void) => {
          stdout += text;
          callback?.();
          return true;
        },
      },
      stderr: {
        write: (text: string) => {
          stderr = (stderr + text).slice(-KEPT_STDERR);
          return log.write(text);
        },
      },
    },
    plainStyle,
    env,
  );
  // No terminal to ask on; the token comes from `env`, never from argv.
  const deps: Deps = { ...base, io, env, onSecret: (secret) => io.addSecret(secret), confirm: undefined };
  const code = await main(argv, deps);
  return { code, stdout, error: code === 0 ? undefined : lastError(stderr) };
}

/** `Error: <message>` and the hint line after it (main.ts prints them so), joined. */
function lastError(stderr: string): string | undefined {
  const lines = stderr.split("\n");
  const at = lines.map((line) => line.startsWith("Error: ")).lastIndexOf(true);
  if (at < 0) return undefined;
  const hint = lines[at + 1]?.trim();
  const message = (lines[at] ?? "").slice("Error: ".length);
  return hint ? `${message} ${hint}` : message;
}
