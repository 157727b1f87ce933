import type { Client } from "../../api/client.ts";
import { DELETE_DEPLOYMENT, DEPLOYMENT_BY_NAME } from "../../api/operations/delete-deployment.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import { ApiError } from "../../errors.ts";

export type Outcome = "deleted" | "already-gone" | "skipped" | "failed";

/**
 * Deletes one selected branch deployment, after looking it up again by name: between the listing
 * and now it may have gone (`already-gone`), or been deleted and created again for a new commit
 * (another id: `skipped`, it is no longer stale). Anything whose type is not BRANCH is refused
 * with an error, whatever the listing said. Failures throw.
 */
export async function deleteSelected(client: Client, name: string, listedId: number): Promise<Outcome> {
  const found = (await client(DEPLOYMENT_BY_NAME, { deploymentName: name })).deploymentByName;
  if (found === null || found.__typename === "DeploymentNotFoundError") return "already-gone";
  if (isErrorMember(found)) throwErrorMember(found, `look up deployment ${name}`);
  if (found.deploymentType !== "BRANCH") {
    throw new ApiError(`${name} is a ${found.deploymentType} deployment, not a branch deployment: not deleted.`);
  }
  if (found.deploymentId !== listedId) return "skipped";
  const result = (await client(DELETE_DEPLOYMENT, { deploymentId: found.deploymentId })).deleteDeployment;
  if (isErrorMember(result)) throwErrorMember(result, `delete branch deployment ${name}`);
  return "deleted";
}
