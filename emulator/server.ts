/**
 * `startEmulator`: a local Dagster+ GraphQL API on 127.0.0.1 for tests, demos and scripts.
 * See README.md for what it serves, faults and the control API.
 */
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { applyPatch, defaultConfig, parseConfigPatch, type ConfigPatch } from "./config.ts";
import { parseFault, FaultQueue, type Fault } from "./faults.ts";
import { createHandler } from "./handler.ts";
import { buildEmulatorSchema } from "./resolvers/index.ts";
import { EmulatorState } from "./state.ts";
import type { Emulator, EmulatorOptions, RecordedRequest } from "./types.ts";

export type { Emulator, EmulatorOptions, RecordedRequest } from "./types.ts";
export type { Fault } from "./faults.ts";
export type { AgentMode, ConfigPatch, EmulatorConfig } from "./config.ts";

const urlHost = (host: string): string => (host.includes(":") ? `[${host}]` : host);

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const { loadDelayMs, agent, failImages } = options;
  const config = applyPatch(defaultConfig(), parseConfigPatch({ loadDelayMs, agent, failImages }));
  const state = new EmulatorState({ config, ...(options.now ? { now: options.now } : {}) });
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  const reset = (): void => {
    requests.length = 0;
    faults.clear();
    state.reset();
  };

  const handler = createHandler({
    schema: buildEmulatorSchema(),
    state,
    faults,
    requests,
    reset,
    tokens: options.tokens ? new Set(options.tokens) : undefined,
    log: options.log ?? (() => {}),
    signal: closing.signal,
  });
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? "https" : "http"}://${urlHost(host)}:${port}`,
    port,
    requests,
    state,
    injectFault: (...injected: Fault[]) => faults.push(...injected.map(parseFault)),
    pendingFaults: () => faults.pending(),
    configure: (patch: ConfigPatch) => state.workspace.configure(parseConfigPatch(patch)),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
