/** Test helpers: a tiny GraphQL client for the emulator, and the CLI's documents. */
export const TOKEN = "test-token";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "dagster-cloud-api-token": TOKEN, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  return post(`${url}/graphql`, { query, variables }, headers);
}

export const CREATE_OR_UPDATE = `mutation CliCreateOrUpdateBranchDeployment($branchData: CreateOrUpdateBranchDeploymentInput!, $commit: DeploymentCommitInput!, $baseDeploymentName: String, $snapshotBaseCondition: SnapshotBaseDeploymentCondition) {
  createOrUpdateBranchDeployment(branchData: $branchData, commit: $commit, baseDeploymentName: $baseDeploymentName, snapshotBaseCondition: $snapshotBaseCondition) {
    __typename
    ... on DagsterCloudDeployment { deploymentId deploymentName }
    ... on PythonError { message }
    ... on DeploymentNotFoundError { message }
    ... on UnauthorizedError { message }
    ... on DuplicateDeploymentError { message }
    ... on DeploymentLimitError { message }
  }
}`;

export const GET_NAME = `query CliGetBranchDeploymentName($repoName: String!, $branchName: String!) {
  getBranchDeploymentName(repoName: $repoName, branchName: $branchName)
}`;

export const BY_NAME = `query DeploymentByNameQuery($deploymentName: String!) {
  deploymentByName(name: $deploymentName) { __typename ... on DagsterCloudDeployment { deploymentName deploymentId deploymentType } }
}`;

export const DELETE = `mutation CliDeleteDeployment($deploymentId: Int!) {
  deleteDeployment(deploymentId: $deploymentId) { __typename ... on DagsterCloudDeployment { deploymentId } ... on PythonError { message stack } }
}`;

/** Variables as the CLI sends them: every key present, null when absent. */
export function createVariables(
  overrides: { branchData?: Record<string, unknown>; commit?: Record<string, unknown> } & Record<string, unknown> = {},
): Record<string, unknown> {
  const { branchData, commit, ...rest } = overrides;
  return {
    branchData: {
      repoName: "acme/widgets",
      branchName: "feature-x",
      branchUrl: null,
      pullRequestUrl: null,
      pullRequestStatus: "OPEN",
      pullRequestNumber: "42",
      ...branchData,
    },
    commit: {
      commitHash: "0123456789abcdef0123456789abcdef01234567",
      timestamp: 1700000000.5,
      commitMessage: "Add widgets",
      commitUrl: null,
      authorName: "Ada",
      authorEmail: "ada@example.com",
      authorAvatarUrl: null,
      ...commit,
    },
    baseDeploymentName: null,
    snapshotBaseCondition: null,
    ...rest,
  };
}
