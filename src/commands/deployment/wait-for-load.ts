import type { Client } from "../../api/client.ts";
import { AGENT_STATUS, anyAgentRunning, lastAgentError } from "../../api/operations/agent-status.ts";
import { LOCATIONS, type LocationEntry } from "../../api/operations/locations.ts";
import { throwErrorMember } from "../../api/result-errors.ts";
import { ConnectionFailure, formatSeconds } from "../../api/transport.ts";
import { TransportError } from "../../errors.ts";
import type { IO } from "../../io.ts";
import { oneLine } from "../../text.ts";
import { createProgress } from "./progress.ts";
import { heartbeatTimeout, loadTimeout, LocationLoadError, type PendingReason } from "./wait-errors.ts";

export { LocationLoadError, WaitTimeoutError } from "./wait-errors.ts";

export interface LocationSnapshot {
  versionKey: string;
  updatedTimestamp: number;
  loadStatus: "LOADING" | "LOADED";
}

export interface WaitOptions {
  locationName: string;
  /** Named in messages; undefined reads "this deployment". */
  deploymentName: string | undefined;
  /** e.g. `${baseUrl}/locations`, printed once at the start. */
  locationsUrl: string | undefined;
  /** Fail when the location has not loaded after this long (0 = after the first poll). */
  loadTimeoutSeconds: number;
  /** Fail when no agent has been seen RUNNING after this long; undefined = no limit. */
  heartbeatTimeoutSeconds: number | undefined;
  /** The location's entry before the update, from `snapshotLocation`. */
  before: LocationSnapshot | undefined;
}

export interface WaitDeps {
  client: Client;
  io: IO;
  now(): number;
  sleep(ms: number): Promise<void>;
}

const FIRST_POLL_MS = 250;
const BACKOFF = 1.5;
const MAX_POLL_MS = 3000;
/**
 * An update that changes nothing the agent acts on (the same document sent again) may never show
 * a new load. After this long with a running agent and the earlier load still shown, the earlier
 * load is accepted, with a warning, rather than waiting out the whole load timeout.
 */
export const UNCHANGED_GRACE_MS = 120_000;
/** After a failed poll (the client has retried already): 2, 4, 8, 16, then every 30 s. */
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;
const SYNCING = "waiting for the agent to sync the update";
const HEARTBEAT = "waiting for an agent heartbeat";

/** Milliseconds before poll `attempt` (0-based): 250, 375, 563, 844, 1266, 1898, 2848, then 3000. */
export function pollDelay(attempt: number): number {
  return Math.min(MAX_POLL_MS, Math.round(FIRST_POLL_MS * BACKOFF ** attempt));
}

/** Milliseconds before the next poll after `failures` failed polls in a row (1-based). */
export function retryDelay(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 10));
}

/**
 * A poll that failed on the way (connection dropped, 5xx, maintenance over, after the client's own
 * retries) is worth another try while the load time lasts; a rejected token, an error answer or a
 * failure retrying cannot fix (certificate, oversized answer) is not.
 */
function transient(error: unknown): error is TransportError {
  return error instanceof TransportError && !(error.cause instanceof ConnectionFailure && error.cause.permanent);
}

/** The location's entry before the update (undefined if it does not exist yet). */
export async function snapshotLocation(client: Client, locationName: string): Promise<LocationSnapshot | undefined> {
  const entry = (await locationEntries(client)).find((e) => e.name === locationName);
  return entry && { versionKey: entry.versionKey, updatedTimestamp: entry.updatedTimestamp, loadStatus: entry.loadStatus };
}

/**
 * Waits until the agent has synced this update and the location is LOADED. An entry counts only
 * if it differs from `before` (new, other versionKey, later updatedTimestamp) or was seen LOADING
 * since the update. Progress goes to stderr; nothing goes to stdout. A poll that fails on the way
 * (see `transient`) is retried with backoff, with a warning, until the deadline; a rejected token
 * or the location's load error ends the wait at once.
 */
export async function waitForLoad(options: WaitOptions, deps: WaitDeps): Promise<void> {
  const { client, io } = deps;
  const { locationName, before } = options;
  const name = oneLine(locationName, 100);
  const start = deps.now();
  const elapsed = (): number => deps.now() - start;
  const loadDeadline = options.loadTimeoutSeconds * 1000;
  const heartbeatDeadline =
    options.heartbeatTimeoutSeconds === undefined ? Infinity : options.heartbeatTimeoutSeconds * 1000;

  if (options.locationsUrl !== undefined) io.err(`View the status of your locations at ${options.locationsUrl}.\n`);
  const progress = createProgress(io, { elapsed, sleep: deps.sleep }, locationName, options.deploymentName, SYNCING);
  let agentSeen = false;
  let agentError: string | undefined;
  let seenLoading = false;
  let failures = 0;
  try {
    for (let attempt = 0; ; attempt++) {
      // Wake at a deadline rather than up to one poll interval after it.
      const deadline = agentSeen ? loadDeadline : Math.min(loadDeadline, heartbeatDeadline);
      const wait = Math.min(failures > 0 ? retryDelay(failures) : pollDelay(attempt), deadline - elapsed());
      if (wait > 0) await progress.pause(wait);

      let entry: LocationEntry | undefined;
      try {
        if (!agentSeen) {
          const agents = await client(AGENT_STATUS, {});
          agentSeen = anyAgentRunning(agents);
          agentError = lastAgentError(agents);
        }
        entry = (await locationEntries(client)).find((e) => e.name === locationName);
        failures = 0;
      } catch (error) {
        // Past the deadline, the failure is the reason the wait ends: it says more than a timeout.
        if (!transient(error) || elapsed() >= deadline) throw error;
        failures++;
        const next = Math.min(retryDelay(failures), deadline - elapsed());
        progress.clear();
        io.err(`${io.style.yellow("Warning:")} could not check on location ${name}: ${error.message} Trying again in ${formatSeconds(next)}...\n`);
        continue;
      }
      // LOADING proves the update was picked up, unless the location was LOADING before it already.
      if (entry?.loadStatus === "LOADING" && (before?.loadStatus !== "LOADING" || changed(entry, before))) {
        seenLoading = true;
      }
      const unchanged = agentSeen && elapsed() >= UNCHANGED_GRACE_MS;
      if (entry?.loadStatus === "LOADED" && (seenLoading || changed(entry, before) || unchanged)) {
        if (!seenLoading && !changed(entry, before)) {
          progress.clear();
          io.err(
            `${io.style.yellow("Warning:")} ${formatSeconds(elapsed())} after the update, Dagster+ still shows the earlier load of ` +
              `location ${name} and the agent is running: taking it that this update changed nothing to reload.\n`,
          );
        }
        const result = entry.locationOrLoadError;
        if (result?.__typename === "PythonError") throw new LocationLoadError(locationName, result);
        progress.clear();
        io.err(`${io.style.green("✓")} Location ${name} loaded in ${formatSeconds(elapsed())}.\n`);
        return;
      }

      const waited = elapsed();
      if (!agentSeen && waited >= heartbeatDeadline) {
        throw heartbeatTimeout(options.deploymentName, waited, agentError);
      }
      const reason: PendingReason = entry === undefined ? "missing" : entry.loadStatus === "LOADING" ? "loading" : "stale";
      if (waited >= loadDeadline) {
        throw loadTimeout(locationName, waited, reason, { agentSeen, locationsUrl: options.locationsUrl });
      }
      progress.status(reason === "loading" ? "LOADING" : agentSeen ? SYNCING : HEARTBEAT);
    }
  } finally {
    progress.clear();
  }
}

function changed(entry: LocationEntry, before: LocationSnapshot | undefined): boolean {
  return (
    before === undefined || entry.versionKey !== before.versionKey || entry.updatedTimestamp > before.updatedTimestamp
  );
}

async function locationEntries(client: Client): Promise<LocationEntry[]> {
  const { workspaceOrError } = await client(LOCATIONS, {});
  if (workspaceOrError.__typename === "PythonError") throwErrorMember(workspaceOrError, "list the code locations");
  return workspaceOrError.locationEntries;
}
