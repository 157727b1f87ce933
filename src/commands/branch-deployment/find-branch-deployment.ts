import type { Client } from "../../api/client.ts";
import {
  BRANCH_DEPLOYMENT_BY_NAME,
  GET_BRANCH_DEPLOYMENT_NAME,
  type BranchDeploymentNode,
} from "../../api/operations/branch-deployments.ts";
import { isErrorMember, throwErrorMember } from "../../api/result-errors.ts";
import { ApiError, NotFoundError } from "../../errors.ts";
import { quote } from "../../text.ts";
import type { BranchIdentity } from "./branch-flags.ts";
import { isDeploymentName } from "./rows.ts";

/**
 * The existing branch deployment of a repository and branch, found without creating it: Dagster+
 * computes the name (`getBranchDeploymentName` only computes it), then `deploymentByName` says
 * whether a deployment of that name exists, and it must be a BRANCH one. Two queries, no mutation.
 */
export async function findBranchDeployment(client: Client, branch: BranchIdentity): Promise<BranchDeploymentNode> {
  const { getBranchDeploymentName: name } = await client(GET_BRANCH_DEPLOYMENT_NAME, { repoName: branch.repoName, branchName: branch.branchName });
  const found = (await client(BRANCH_DEPLOYMENT_BY_NAME, { deploymentName: name })).deploymentByName;
  const what = `${quote(branch.repoName)} branch ${quote(branch.branchName)}`;
  if (found.__typename === "DeploymentNotFoundError" || (!isErrorMember(found) && found.deploymentType !== "BRANCH")) {
    throw new NotFoundError(`No branch deployment exists for ${what}.`, {
      hint: "Check --git-repo-name and --branch-name (both exactly as given to create-or-update); `dagster-cloud branch-deployment list` shows them all.",
    });
  }
  if (isErrorMember(found)) throwErrorMember(found, `look up the branch deployment of ${what}`);
  checkName(found.deploymentName);
  return found;
}

/**
 * A name printed alone on stdout is captured by `NAME=$(...)` and used in further commands: it
 * must look like a deployment name (Dagster+ names are letters, digits, `-` and `_`), not text.
 */
export function checkName(name: string): string {
  if (!isDeploymentName(name)) {
    throw new ApiError(`Dagster+ gave a deployment name that is not one: ${quote(name)}.`, {
      hint: "Nothing was printed on stdout; run with --verbose and report it.",
    });
  }
  return name;
}
