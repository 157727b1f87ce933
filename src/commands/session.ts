import { createClient, type Client } from "../api/client.ts";
import type { Deps } from "../deps.ts";
import { resolveConnection, type Connection, type ConnectionFlags, type Scope } from "../settings/connection.ts";
import { oneLine } from "../text.ts";
import { PROTOCOL_VERSION, VERSION } from "../version.ts";

export interface Session {
  connection: Connection;
  client: Client;
  /** A line on stderr, with --verbose only. */
  verbose(line: string): void;
}

/**
 * Resolves the connection settings, registers the token as a secret, prints URL notes, and builds
 * the GraphQL client every command talks through.
 */
export async function openSession(flags: ConnectionFlags, deps: Deps, scope: Scope, verbose: boolean): Promise<Session> {
  const { io } = deps;
  const connection = await resolveConnection(flags, deps, scope);
  io.addSecret(connection.token);
  for (const note of connection.notes) io.err(`${io.style.yellow(note)}\n`);
  const say = (line: string): void => {
    if (verbose) io.err(`${io.style.dim(line)}\n`);
  };
  say(
    `Dagster+ at ${oneLine(connection.baseUrl, 200)}/graphql` +
      (connection.deployment ? `, deployment ${oneLine(connection.deployment, 200)}` : "") +
      `; token from ${oneLine(connection.tokenSource, 200)}`,
  );
  const client = createClient({
    baseUrl: connection.baseUrl,
    token: connection.token,
    tokenSource: connection.tokenSource,
    headers: connection.headers,
    userAgent: `dagster-cloud-ts/${VERSION} ${deps.runtime}`,
    version: PROTOCOL_VERSION,
    transport: deps.transport,
    sleep: deps.sleep,
    now: deps.now,
    random: deps.random,
    warn: (line) => io.err(`${io.style.yellow("Warning:")} ${line}\n`),
  });
  return { connection, client, verbose: say };
}
