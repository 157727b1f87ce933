import { ADD_OR_UPDATE_LOCATION } from "../../api/operations/add-or-update-location.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { ApiError, AuthError, NotFoundError } from "../../errors.ts";
import { buildLocationDocument } from "../../location/document.ts";
import { redactDocument } from "../../location/redact.ts";
import { resolveTimeouts } from "../../settings/timeouts.ts";
import { oneLine } from "../../text.ts";
import { printJson, showDryRun } from "../output.ts";
import { openSession, type Session } from "../session.ts";
import type { AddLocationOptions } from "./add-location.ts";
import { snapshotLocation, waitForLoad } from "./wait-for-load.ts";

/** Sends the location document, then waits until the agent has loaded this update. */
export async function addLocationRun(options: AddLocationOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const session = await openSession(options.connection, deps, "deployment", options.verbose);
  const { client, connection } = session;
  const timeouts = await resolveTimeouts(options, deps);
  const document = await buildLocationDocument(options.location, deps);
  const name = document.location_name;
  session.verbose(`Location document: ${oneLine(JSON.stringify(redactDocument(document)), 4000)}`);

  if (options.dryRun) {
    // Shown, not sent: secret-looking values of the document are masked in the log.
    const request = { url: `${connection.baseUrl}/graphql`, operation: ADD_OR_UPDATE_LOCATION, variables: { document: redactDocument(document) } };
    return showDryRun(io, request, options.json);
  }
  // Both timeouts 0 means "do not wait", as in the Python CLI; --no-wait says it plainly.
  const wait = options.wait && !(timeouts.loadSeconds === 0 && !timeouts.heartbeatSeconds);
  const before = wait ? await snapshotBeforeUpdate(name, session, deps) : undefined;

  const result = (await client(ADD_OR_UPDATE_LOCATION, { document })).addOrUpdateLocationFromDocument;
  if (result.__typename === "InvalidLocationError") {
    const problems = result.errors.filter((e): e is string => Boolean(e));
    const listed = problems.slice(0, 3).map((problem) => oneLine(problem, 200)).join("; ");
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
    throw new ApiError(`Dagster+ rejected the document of location ${oneLine(name, 100)}: ${listed || "no reason given"}${more}.`, {
      hint: "Fix the location in --location-file or the flags, then run the command again.",
    });
  }
  if (isErrorMember(result)) throwErrorMember(result, `add or update location ${oneLine(name, 100)}`);

  const shown = oneLine(name, 100);
  const where = connection.deployment ? ` in deployment ${oneLine(connection.deployment, 100)}` : "";
  io.err(`Added or updated location ${io.style.bold(shown)}${where}.\n`);
  const report = (status: "SENT" | "LOADED", loadSeconds: number | null): void => {
    if (options.json) printJson(io, { location: name, deployment: connection.deployment ?? null, status, loadSeconds });
  };
  if (!wait) return report("SENT", null);
  const started = deps.now();
  await deps.interruptible(() =>
    waitForLoad(
      {
        locationName: name,
        deploymentName: connection.deployment,
        locationsUrl: `${connection.baseUrl}/locations`,
        loadTimeoutSeconds: timeouts.loadSeconds,
        heartbeatTimeoutSeconds: timeouts.heartbeatSeconds || undefined,
        before,
      },
      { client, io, now: deps.now, sleep: deps.sleep },
    ),
  );
  report("LOADED", Math.round(deps.now() - started) / 1000);
}

/**
 * The location's state before the update, so that the wait can tell this update's load from an
 * earlier one. If Dagster+ cannot list the locations just now, deploy anyway: the wait then counts
 * the first LOADED it sees, as the Python CLI always did.
 */
async function snapshotBeforeUpdate(name: string, session: Session, deps: Deps) {
  try {
    return await snapshotLocation(session.client, name);
  } catch (error) {
    const deployment = session.connection.deployment;
    if (error instanceof NotFoundError && deployment !== undefined) {
      // Nothing answers for this deployment: sending the location would fail the same way.
      throw new NotFoundError(`No deployment named ${oneLine(deployment, 100)} answers at ${session.connection.baseUrl}.`, {
        hint: "Check --deployment (or DAGSTER_CLOUD_DEPLOYMENT): it is the name create-or-update printed; `dagster-cloud branch-deployment list` shows them.",
        cause: error,
      });
    }
    if (!(error instanceof ApiError) || error instanceof AuthError) throw error;
    deps.io.err(`${deps.io.style.yellow("Warning:")} could not read location ${oneLine(name, 100)} before the update (${oneLine(error.message)}); the wait may count an earlier load.\n`);
    return undefined;
  }
}
