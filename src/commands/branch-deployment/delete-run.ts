import { DELETE_DEPLOYMENT, DEPLOYMENT_BY_NAME } from "../../api/operations/delete-deployment.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Client } from "../../api/client.ts";
import type { Deps } from "../../deps.ts";
import { ApiError, NotFoundError } from "../../errors.ts";
import { oneLine } from "../../text.ts";
import { printJson, showDryRun } from "../output.ts";
import { openSession } from "../session.ts";
import type { DeleteOptions } from "./delete.ts";

/** Looks the deployment up by name, checks it is a branch deployment, and deletes it. */
export async function deleteRun(options: DeleteOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  // As the Python CLI: both requests go to the deployment's own URL (or --url as given).
  const { client, connection } = await openSession(options.connection, deps, "target", options.verbose);
  const name = connection.deployment!;
  const shown = oneLine(name, 100);
  const found = await lookUp(client, name);
  if (found === undefined) {
    if (options.ifExists) {
      io.err(`No deployment named ${shown}: nothing to delete.\n`);
      if (options.json) printJson(io, { deleted: null, name });
      return;
    }
    throw new NotFoundError(`No deployment named ${shown} exists in this organization.`, {
      hint: "Check the name: `dagster-cloud branch-deployment create-or-update` prints it. Pass --if-exists to succeed when it is already gone.",
    });
  }
  if (found.deploymentType !== "BRANCH") {
    throw new ApiError(`Deployment ${shown} is a ${oneLine(found.deploymentType, 40)} deployment, not a branch deployment: it was not deleted.`, {
      hint: "This command deletes branch deployments only.",
    });
  }
  if (options.dryRun) {
    const request = { url: `${connection.baseUrl}/graphql`, operation: DELETE_DEPLOYMENT, variables: { deploymentId: found.deploymentId } };
    return showDryRun(io, request, options.json);
  }
  const info = { resent: false };
  const result = (await client(DELETE_DEPLOYMENT, { deploymentId: found.deploymentId }, info)).deleteDeployment;
  if (isErrorMember(result)) {
    // The connection dropped after Dagster+ deleted it, and the resent mutation found nothing:
    // the deletion happened. Check with a read rather than report a failure that did not occur.
    const gone = result.__typename === "DeploymentNotFoundError" && info.resent && (await lookUp(client, name)) === undefined;
    if (!gone) throwErrorMember(result, `delete branch deployment ${shown}`);
    io.err(`Note: the connection dropped while deleting ${shown}; Dagster+ shows it gone, so the first attempt went through.\n`);
  }
  io.err(`${io.style.green("✓")} Deleted branch deployment ${io.style.bold(shown)}.\n`);
  if (options.json) printJson(io, { deleted: name, id: found.deploymentId });
}

/** The deployment, or undefined when Dagster+ knows none of that name. */
async function lookUp(client: Client, name: string) {
  const found = (await client(DEPLOYMENT_BY_NAME, { deploymentName: name })).deploymentByName;
  if (found === null || found.__typename === "DeploymentNotFoundError") return undefined;
  if (isErrorMember(found)) throwErrorMember(found, `look up deployment ${oneLine(name, 100)}`);
  return found;
}
