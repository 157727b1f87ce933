/**
 * The emulator's command line: `--port N` (default 0), `--host H` (default 127.0.0.1),
 * `--token T` (repeatable), `--tls-key FILE --tls-cert FILE`, `--load-delay-ms N` (default 300),
 * `--agent running|none|not-running`, `--fail-image S` (repeatable; default "broken"). Prints the
 * URL and a newline on stdout once listening, and nothing else there; logs go to stderr.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { AGENT_MODES, type AgentMode } from "./config.ts";
import { startEmulator } from "./server.ts";
import type { Emulator } from "./types.ts";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: emulator [--port N] [--host H] [--token T]... [--tls-key FILE --tls-cert FILE]
                [--load-delay-ms N] [--agent running|none|not-running] [--fail-image S]...

Serves a local emulation of the Dagster+ GraphQL API and prints its URL.
`;

/** Starts the emulator from argv; resolves to it, or to an exit code for --help / usage errors. */
export async function runCli(argv: string[], io: CliIo): Promise<Emulator | number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string", default: "0" },
        host: { type: "string", default: "127.0.0.1" },
        token: { type: "string", multiple: true },
        "tls-key": { type: "string" },
        "tls-cert": { type: "string" },
        "load-delay-ms": { type: "string" },
        agent: { type: "string" },
        "fail-image": { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.err(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`--port must be an integer between 0 and 65535, got "${values.port}"\n`);
    return 2;
  }
  const delay = values["load-delay-ms"];
  const loadDelayMs = delay === undefined ? undefined : Number(delay);
  if (loadDelayMs !== undefined && (delay?.trim() === "" || !Number.isFinite(loadDelayMs) || loadDelayMs < 0)) {
    io.err(`--load-delay-ms must be a number >= 0, got "${delay}"\n`);
    return 2;
  }
  const agent = values.agent;
  if (agent !== undefined && !AGENT_MODES.includes(agent as AgentMode)) {
    io.err(`--agent must be one of ${AGENT_MODES.join(", ")}, got "${agent}"\n`);
    return 2;
  }
  const keyFile = values["tls-key"];
  const certFile = values["tls-cert"];
  if ((keyFile === undefined) !== (certFile === undefined)) {
    io.err("--tls-key and --tls-cert go together\n");
    return 2;
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    ...(values.token ? { tokens: values.token } : {}),
    ...(loadDelayMs === undefined ? {} : { loadDelayMs }),
    ...(agent === undefined ? {} : { agent: agent as AgentMode }),
    ...(values["fail-image"] ? { failImages: values["fail-image"] } : {}),
    ...(keyFile && certFile ? { tls: { key: readFileSync(keyFile), cert: readFileSync(certFile) } } : {}),
    log: (line) => io.err(`${line}\n`),
  });
  io.out(`${emulator.url}\n`);
  return emulator;
}
