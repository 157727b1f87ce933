/** Public types of the emulator: options, the handle `startEmulator` returns, recorded requests. */
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
  /** Clears recorded requests and pending faults, and resets the state to its seed. */
  reset(): void;
  close(): Promise<void>;
}
