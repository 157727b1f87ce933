/** What every resolver receives as its GraphQL context: one per HTTP request. */
import type { ResultFault } from "./faults.ts";
import type { EmulatorState } from "./state.ts";

export interface RequestContext {
  state: EmulatorState;
  /**
   * The deployment the request addresses: the path segment before `/graphql` when it names a
   * deployment (`/prod/graphql`, `/acme/prod/graphql`), else the `Dagster-Cloud-Deployment`
   * header, else `prod`.
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
  const segments = path.split("/").filter((s) => s !== "");
  const beforeGraphql = segments.at(-2);
  if (beforeGraphql !== undefined && state.byName(beforeGraphql)) return beforeGraphql;
  const header = headers["dagster-cloud-deployment"];
  return header !== undefined && header !== "" ? header : "prod";
}
