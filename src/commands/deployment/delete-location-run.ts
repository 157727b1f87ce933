import { DELETE_LOCATION } from "../../api/operations/delete-location.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { openSession } from "../session.ts";
import type { DeleteLocationOptions } from "./delete-location.ts";

export async function deleteLocationRun(options: DeleteLocationOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const { client, connection } = await openSession(options.connection, deps, "deployment", options.verbose);
  const result = (await client(DELETE_LOCATION, { locationName: options.location })).deleteLocation;
  if (isErrorMember(result)) throwErrorMember(result, `delete location ${options.location}`);
  const where = connection.deployment ? ` from deployment ${connection.deployment}` : "";
  io.err(`${io.style.green("✓")} Deleted location ${io.style.bold(result.locationName)}${where}.\n`);
}
