/** What every resolver receives as its GraphQL context: one per HTTP request. */
import type { ResultFault } from "./faults.ts";
import type { DeploymentRecord, EmulatorState } from "./state.ts";

export interface RequestContext {
  state: EmulatorState;
  /**
   * The deployment the request addresses: the `Dagster-Cloud-Deployment` header when present,
   * else the path segment before `/graphql` when it names a deployment (`/prod/graphql`,
   * `/acme/prod/graphql`), else `prod`.
   */
  deploymentName: string;
  /** Set when a `result` fault applies to this request (a mutation). */
  resultFault: ResultFault | undefined;
}

/** Works out `RequestContext.deploymentName` from the request path and headers. */
export function addressedDeployment(
  path: string,
  headers: Record<string, string>,
  state: EmulatorState,
): string {
  const header = headers["dagster-cloud-deployment"];
  if (header !== undefined && header !== "") return header;
  const segments = path.split("/").filter((s) => s !== "");
  const beforeGraphql = segments.at(-2);
  return beforeGraphql !== undefined && state.byName(beforeGraphql) ? beforeGraphql : "prod";
}

/** The deployment the request is scoped to; undefined when it does not exist (any more). */
export function scopedDeployment(ctx: RequestContext): DeploymentRecord | undefined {
  return ctx.state.byName(ctx.deploymentName);
}
