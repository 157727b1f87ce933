import { DELETE_DEPLOYMENT, DEPLOYMENT_BY_NAME } from "../../api/operations/delete-deployment.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import type { Deps } from "../../deps.ts";
import { ApiError } from "../../errors.ts";
import { openSession } from "../session.ts";
import type { DeleteOptions } from "./delete.ts";

/** Looks the deployment up by name, checks it is a branch deployment, and deletes it. */
export async function deleteRun(options: DeleteOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  // Organization-level requests (as dg does): the deployment being deleted is data, not the scope.
  const { client, connection } = await openSession(options.connection, deps, "target", options.verbose);
  const name = connection.deployment!;
  const found = (await client(DEPLOYMENT_BY_NAME, { deploymentName: name })).deploymentByName;
  if (found === null || found.__typename === "DeploymentNotFoundError") {
    throw new ApiError(`No deployment named ${name} exists in this organization.`, {
      hint: "Check the name: `dagster-cloud branch-deployment create-or-update` prints it.",
    });
  }
  if (isErrorMember(found)) throwErrorMember(found, `look up deployment ${name}`);
  if (found.deploymentType !== "BRANCH") {
    throw new ApiError(`Deployment ${name} is a ${found.deploymentType} deployment, not a branch deployment: it was not deleted.`, {
      hint: "This command deletes branch deployments only.",
    });
  }
  const result = (await client(DELETE_DEPLOYMENT, { deploymentId: found.deploymentId })).deleteDeployment;
  if (isErrorMember(result)) throwErrorMember(result, `delete branch deployment ${name}`);
  io.err(`${io.style.green("✓")} Deleted branch deployment ${io.style.bold(name)}.\n`);
}
