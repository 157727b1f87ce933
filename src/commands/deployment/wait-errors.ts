import type { LocationLoadPythonError } from "../../api/operations/locations.ts";
import { formatSeconds } from "../../api/transport.ts";
import { ApiError, CliError } from "../../errors.ts";
import { oneLine, safeLines } from "../../text.ts";

/**
 * The location loaded with an error. `message` is one line; `details` is the full error in the
 * Python CLI's layout (several lines, no trailing newline), for the command to print.
 */
export class LocationLoadError extends ApiError {
  override name = "LocationLoadError";
  /** Exit code 6: the update reached Dagster+, and the code failed to load. */
  override readonly exitCode: number = 6;
  readonly locationName: string;

  constructor(locationName: string, error: LocationLoadPythonError) {
    super(`Location ${oneLine(locationName, 100)} failed to load: ${oneLine(firstLine(error.message))}`, {
      hint: "Fix the error in the location's code, then update the location again.",
      details: formatLoadError(locationName, error),
    });
    this.locationName = locationName;
  }
}

/** No agent heartbeated, or the location did not load, in time. */
export class WaitTimeoutError extends CliError {
  override name = "WaitTimeoutError";
  /** Exit code 5: waiting ran out of time (no agent, or the load took too long). */
  override readonly exitCode: number = 5;
}

const LOAD_LIMIT = "--location-load-timeout, DAGSTER_CLOUD_LOCATION_LOAD_TIMEOUT or agent_timeout in the config file";

export function heartbeatTimeout(deploymentName: string | undefined, waitedMs: number, agentError: string | undefined): WaitTimeoutError {
  const where = deploymentName === undefined ? "this deployment" : `deployment ${oneLine(deploymentName, 100)}`;
  const reported = agentError === undefined ? "" : `Last agent error: ${oneLine(agentError.replace(/\.$/, ""), 200)}. `;
  return new WaitTimeoutError(`No Dagster+ agent is heartbeating for ${where} (waited ${formatSeconds(waitedMs)}).`, {
    hint: `${reported}Check that a Dagster+ agent is running and healthy for ${where}, or raise the limit with --agent-heartbeat-timeout or DAGSTER_CLOUD_AGENT_HEARTBEAT_TIMEOUT.`,
  });
}

export type PendingReason = "missing" | "loading" | "stale";

const REASONS: Record<PendingReason, string> = {
  missing: "it has not appeared",
  loading: "it is still LOADING",
  stale: "Dagster+ still shows the version from before this update",
};

export function loadTimeout(
  locationName: string,
  waitedMs: number,
  reason: PendingReason,
  context: { agentSeen: boolean; locationsUrl: string | undefined },
): WaitTimeoutError {
  const check = context.agentSeen
    ? `Check the location's status ${context.locationsUrl === undefined ? "in Dagster+" : `at ${context.locationsUrl}`}`
    : "No Dagster+ agent was seen heartbeating; check that one is running";
  return new WaitTimeoutError(
    `Timed out after ${formatSeconds(waitedMs)} waiting for location ${oneLine(locationName, 100)} to load (${REASONS[reason]}).`,
    { hint: `${check}, or raise the limit with ${LOAD_LIMIT}.` },
  );
}

/**
 * The Python CLI's layout: heading, `Error loading <name>:`, message, stack, then each chained
 * error. The traceback is the server's text: control characters are escaped and lines bounded.
 */
export function formatLoadError(locationName: string, error: LocationLoadPythonError): string {
  const lines = ["Some locations failed to load after being synced by the agent:", `Error loading ${oneLine(locationName, 100)}:`];
  const add = (part: { message: string; stack: string[] }): void => {
    for (const text of [part.message, part.stack.join("")]) {
      const trimmed = text.replace(/\n+$/, "");
      if (trimmed !== "") lines.push(trimmed);
    }
  };
  add(error);
  for (const link of error.errorChain) {
    lines.push(
      link.isExplicitLink
        ? "The above exception was caused by the following exception:"
        : "The above exception occurred during handling of the following exception:",
    );
    add(link.error);
  }
  return safeLines(lines.join("\n"));
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "(no message)";
}
