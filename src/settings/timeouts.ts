import { UsageError } from "../errors.ts";
import { loadConfig, type ConfigEnv } from "./config-file.ts";

export interface Timeouts {
  /** Seconds to wait for the location to load. */
  loadSeconds: number;
  /** Seconds to wait for a heartbeating agent; undefined: no limit. */
  heartbeatSeconds: number | undefined;
}

const DEFAULT_LOAD_SECONDS = 3600;

/**
 * As in the Python CLI (reference §2.2): load timeout `--location-load-timeout` >
 * DAGSTER_CLOUD_LOCATION_LOAD_TIMEOUT > config `agent_timeout` > 3600 s; heartbeat timeout
 * `--agent-heartbeat-timeout` > DAGSTER_CLOUD_AGENT_HEARTBEAT_TIMEOUT > no limit.
 */
export async function resolveTimeouts(
  flags: { locationLoadTimeout?: string | undefined; agentHeartbeatTimeout?: string | undefined },
  deps: ConfigEnv,
): Promise<Timeouts> {
  const load =
    seconds(flags.locationLoadTimeout, "--location-load-timeout") ??
    seconds(deps.env.DAGSTER_CLOUD_LOCATION_LOAD_TIMEOUT, "DAGSTER_CLOUD_LOCATION_LOAD_TIMEOUT") ??
    (await loadConfig(deps)).values.agent_timeout ??
    DEFAULT_LOAD_SECONDS;
  const heartbeat =
    seconds(flags.agentHeartbeatTimeout, "--agent-heartbeat-timeout") ??
    seconds(deps.env.DAGSTER_CLOUD_AGENT_HEARTBEAT_TIMEOUT, "DAGSTER_CLOUD_AGENT_HEARTBEAT_TIMEOUT");
  return { loadSeconds: load, heartbeatSeconds: heartbeat };
}

function seconds(value: string | undefined, source: string): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(parsed)) {
    throw new UsageError(`Invalid ${source} ${JSON.stringify(value)}: expected a number of seconds, like 600.`);
  }
  return parsed;
}
