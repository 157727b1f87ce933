/** The CLI's code location, agent and deletion documents, exactly as it sends them, and helpers. */
import { gql, type Answer } from "./client.ts";

export const ADD_OR_UPDATE_LOCATION = `mutation CliAddOrUpdateLocation($document: GenericScalar!) { addOrUpdateLocationFromDocument(document: $document) { __typename ... on WorkspaceEntry { locationName } ... on PythonError { message stack } ... on InvalidLocationError { errors } ... on UnauthorizedError { message } } }`;

export const DELETE_LOCATION = `mutation CliDeleteLocation($locationName: String!) { deleteLocation(locationName: $locationName) { __typename ... on DeleteLocationSuccess { locationName } ... on PythonError { message stack } ... on UnauthorizedError { message } } }`;

export const AGENT_STATUS = `query CliAgentStatus { agents { status errors { error { message } } } }`;

export const LOCATIONS_QUERY = `query CliLocationsQuery { workspaceOrError { __typename ... on Workspace { locationEntries { __typename name loadStatus updatedTimestamp versionKey locationOrLoadError { __typename ... on RepositoryLocation { name } ... on PythonError { message stack errorChain { isExplicitLink error { message stack } } } } } } ... on PythonError { message stack } } }`;

export const DEPLOYMENT_BY_NAME = `query DeploymentByNameQuery($deploymentName: String!) { deploymentByName(name: $deploymentName) { __typename ... on DagsterCloudDeployment { deploymentName deploymentId deploymentType } ... on DeploymentNotFoundError { message } ... on PythonError { message } ... on UnauthorizedError { message } } }`;

export const DELETE_DEPLOYMENT = `mutation CliDeleteDeployment($deploymentId: Int!) { deleteDeployment(deploymentId: $deploymentId) { __typename ... on DagsterCloudDeployment { deploymentId } ... on PythonError { message stack } ... on UnauthorizedError { message } ... on DeleteFinalDeploymentError { message } } }`;

export const CLI_DOCUMENTS = {
  ADD_OR_UPDATE_LOCATION,
  DELETE_LOCATION,
  AGENT_STATUS,
  LOCATIONS_QUERY,
  DEPLOYMENT_BY_NAME,
  DELETE_DEPLOYMENT,
};

/** A valid location document, as `dagster-cloud deployment add-location` builds it. */
export function locationDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    location_name: "analytics",
    code_source: { module_name: "analytics.definitions" },
    image: "registry.example.com/analytics:abc123",
    git: { commit_hash: "abc123" },
    ...overrides,
  };
}

export interface LocationEntry {
  __typename: "WorkspaceLocationEntry";
  name: string;
  loadStatus: "LOADING" | "LOADED";
  updatedTimestamp: number;
  versionKey: string;
  locationOrLoadError: null | { __typename: "RepositoryLocation"; name: string } | {
    __typename: "PythonError";
    message: string;
    stack: string[];
    errorChain: { isExplicitLink: boolean; error: { message: string; stack: string[] } }[];
  };
}

/** POSTs the CLI's add-location mutation with `document`. */
export const addLocation = (base: string, document: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
  gql(base, ADD_OR_UPDATE_LOCATION, { document }, headers);

/** The location entries of `CliLocationsQuery`, checking it answered a Workspace. */
export async function locationEntries(base: string, headers: Record<string, string> = {}): Promise<LocationEntry[]> {
  const answer = await gql(base, LOCATIONS_QUERY, {}, headers);
  const data = (answer.json as { data?: { workspaceOrError: { __typename: string; locationEntries: LocationEntry[] } } }).data;
  if (answer.status !== 200 || data?.workspaceOrError.__typename !== "Workspace") {
    throw new Error(`CliLocationsQuery answered ${answer.status} ${answer.text}`);
  }
  return data.workspaceOrError.locationEntries;
}
