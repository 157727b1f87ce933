import { ADD_OR_UPDATE_LOCATION } from "../../api/operations/add-or-update-location.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { ApiError, AuthError } from "../../errors.ts";
import { buildLocationDocument } from "../../location/document.ts";
import { resolveTimeouts } from "../../settings/timeouts.ts";
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
  session.verbose(`Location document: ${JSON.stringify(document)}`);

  // Both timeouts 0 means "do not wait", as in the Python CLI; --no-wait says it plainly.
  const wait = options.wait && !(timeouts.loadSeconds === 0 && !timeouts.heartbeatSeconds);
  const before = wait ? await snapshotBeforeUpdate(name, session, deps) : undefined;

  const result = (await client(ADD_OR_UPDATE_LOCATION, { document })).addOrUpdateLocationFromDocument;
  if (result.__typename === "InvalidLocationError") {
    const problems = result.errors.filter((e): e is string => Boolean(e));
    throw new ApiError(`Dagster+ rejected the document of location ${name}: ${problems.join("; ") || "no reason given"}.`, {
      hint: "Fix the location in --location-file or the flags, then run the command again.",
    });
  }
  if (isErrorMember(result)) throwErrorMember(result, `add or update location ${name}`);

  const where = connection.deployment ? ` in deployment ${connection.deployment}` : "";
  io.err(`Added or updated location ${io.style.bold(name)}${where}.\n`);
  if (!wait) return;
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
    if (!(error instanceof ApiError) || error instanceof AuthError) throw error;
    deps.io.err(`${deps.io.style.yellow("Warning:")} could not read location ${name} before the update (${error.message}); the wait may count an earlier load.\n`);
    return undefined;
  }
}
