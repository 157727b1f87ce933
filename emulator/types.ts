/** Public types of the emulator: options, the handle `startEmulator` returns, recorded requests. */
import type { AgentMode, ConfigPatch, EmulatorConfig } from "./config.ts";
import type { Fault } from "./faults.ts";
import type { EmulatorState } from "./state.ts";

export interface EmulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** When set, only these API tokens are accepted; otherwise any non-empty token is. */
  tokens?: string[];
  /** Serve https with this key and certificate (PEM) instead of http. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** One line per request; never contains the token. */
  log?: (line: string) => void;
  /** How long a code location stays LOADING while an agent runs (ms). Default 300. */
  loadDelayMs?: number;
  /** The agent of every deployment: one RUNNING agent (default), none, or one NOT_RUNNING. */
  agent?: AgentMode;
  /** A location whose `image` contains one of these loads with an import error. Default ["broken"]. */
  failImages?: string[];
  /** The clock (epoch ms) for loading and timestamps; default `Date.now`. Tests can drive it. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON ("" when empty). */
  body: unknown;
  /** From the body's `operationName`, else the name of the operation in the document. */
  operationName?: string;
  variables?: unknown;
  /** The fault this request consumed, if any. */
  fault?: Fault;
  /** The HTTP status answered; 0 when the socket was dropped or no answer was sent. */
  status: number;
  /** When the request arrived (ms since the epoch, the emulator's clock). */
  receivedAt: number;
}

export interface Emulator {
  /** e.g. `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** Every request to a non-control path, in arrival order (cleared in place by `reset`). */
  requests: RecordedRequest[];
  state: EmulatorState;
  /** Queues faults; each is consumed by one incoming GraphQL request (see faults.ts). */
  injectFault(...faults: Fault[]): void;
  /** Faults not consumed yet. */
  pendingFaults(): readonly Fault[];
  /**
   * Changes the agent and loading configuration (like `POST /__emulator/config`); returns the
   * whole new configuration. Throws on an invalid patch.
   */
  configure(patch: ConfigPatch): EmulatorConfig;
  /**
   * Clears recorded requests and pending faults, and resets the state to its seed: just `prod`,
   * no code locations, the configuration given at start.
   */
  reset(): void;
  close(): Promise<void>;
}
