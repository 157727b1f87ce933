import type { Deps } from "../../deps.ts";
import { NotFoundError } from "../../errors.ts";
import { printJson } from "../output.ts";
import { openSession } from "../session.ts";
import { resolveIdentity } from "./branch-context.ts";
import { findBranchDeployment } from "./find-branch-deployment.ts";
import type { GetOptions } from "./get.ts";

/** Prints the existing branch deployment's name; NotFoundError (exit 4) when there is none. */
export async function getRun(options: GetOptions, deps: Deps): Promise<void> {
  const { client, connection, verbose } = await openSession(options.connection, deps, "organization", options.verbose);
  const identity = await resolveIdentity(options.branch, deps, options.verbose);
  const found = await findBranchDeployment(client, identity).catch((error: unknown) => {
    // "None" is an expected answer of `get` (`if NAME=$(... get ...)`): one line, no advice.
    throw error instanceof NotFoundError ? new NotFoundError(error.message) : error;
  });
  verbose(`Found branch deployment ${found.deploymentName} (id ${found.deploymentId}).`);
  if (options.json) {
    printJson(deps.io, { name: found.deploymentName, id: found.deploymentId, url: `${connection.baseUrl}/${found.deploymentName}` });
  } else {
    deps.io.out(`${found.deploymentName}\n`);
  }
}
