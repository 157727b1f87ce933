import { DELETE_LOCATION } from "../../api/operations/delete-location.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { NotFoundError } from "../../errors.ts";
import { oneLine } from "../../text.ts";
import { printJson, showDryRun } from "../output.ts";
import { openSession } from "../session.ts";
import type { DeleteLocationOptions } from "./delete-location.ts";

export async function deleteLocationRun(options: DeleteLocationOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const { client, connection } = await openSession(options.connection, deps, "deployment", options.verbose);
  const name = oneLine(options.location, 100);
  const where = connection.deployment ? `deployment ${oneLine(connection.deployment, 100)}` : "this deployment";
  if (options.dryRun) {
    const request = { url: `${connection.baseUrl}/graphql`, operation: DELETE_LOCATION, variables: { locationName: options.location } };
    return showDryRun(io, request, options.json);
  }
  const result = (await client(DELETE_LOCATION, { locationName: options.location })).deleteLocation;
  if (isErrorMember(result)) {
    // Dagster+ reports an unknown location as a PythonError: `Location "x" does not exist in ...`.
    if (result.__typename === "PythonError" && /does not exist|not found/i.test(result.message)) {
      throw new NotFoundError(`No location named ${name} in ${where}: nothing was deleted.`, {
        hint: "Check the name (LOCATION): it is the location_name in dagster_cloud.yaml, as shown in Dagster+ under Deployment > Code locations.",
      });
    }
    throwErrorMember(result, `delete location ${name}`);
  }
  io.err(`${io.style.green("✓")} Deleted location ${io.style.bold(oneLine(result.locationName, 100))} from ${where}.\n`);
  if (options.json) printJson(io, { deleted: result.locationName, deployment: connection.deployment ?? null });
}
