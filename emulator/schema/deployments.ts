/** SDL of the deployments resource: types, inputs, unions and its root fields. */
export const DEPLOYMENTS = /* GraphQL */ `
enum OrganizationStatus {
  ACTIVE
  READ_ONLY
  SUSPENDED
  PENDING_DELETION
}

enum DeploymentStatus {
  ACTIVE
  PENDING_DELETION
}

enum DagsterCloudDeploymentType {
  PRODUCTION
  BRANCH
}

enum DeploymentAgentType {
  HYBRID
  SERVERLESS
}

enum PullRequestStatus {
  OPEN
  CLOSED
  MERGED
}

enum SnapshotBaseDeploymentCondition {
  ON_CREATE
  ON_UPDATE
}

type DeploymentSettings {
  settings: GenericScalar
}

type BranchDeploymentGitMetadata {
  branchName: String!
  repoName: String!
  branchUrl: String
  pullRequestUrl: String
  pullRequestStatus: PullRequestStatus
  pullRequestNumber: String
}

type DeploymentCommit {
  timestamp: Float!
  commitHash: String!
  commitMessage: String
  commitUrl: String
  authorName: String
  authorEmail: String
  authorAvatarUrl: String
}

type DagsterCloudDeployment {
  organizationId: Int!
  organizationName: String!
  organizationStatus: OrganizationStatus!
  deploymentId: Int!
  deploymentName: String!
  deploymentStatus: DeploymentStatus!
  deploymentType: DagsterCloudDeploymentType!
  deploymentSettings: DeploymentSettings!
  branchDeploymentGitMetadata: BranchDeploymentGitMetadata
  latestCommit: DeploymentCommit
  commits: [DeploymentCommit!]!
  isBranchDeployment: Boolean!
  agentType: DeploymentAgentType!
  parentDeployment: DagsterCloudDeployment
  canHaveBranchDeployments: Boolean!
  canEditDeploymentSettings: Boolean!
  canEditDeploymentPermissions: Boolean!
  canDeleteDeployment: Boolean!
  canAccessDeployment: Boolean!
}

type BranchDeploymentsConnection {
  nodes: [DagsterCloudDeployment!]!
}

input CreateOrUpdateBranchDeploymentInput {
  repoName: String!
  branchName: String!
  branchUrl: String
  pullRequestUrl: String
  pullRequestStatus: PullRequestStatus
  pullRequestNumber: String
}

input DeploymentCommitInput {
  commitHash: String!
  timestamp: Float!
  commitMessage: String
  commitUrl: String
  authorName: String
  authorEmail: String
  authorAvatarUrl: String
}

union CreateDeploymentResult = DagsterCloudDeployment | DeploymentNotFoundError | UnauthorizedError | PythonError | DuplicateDeploymentError | DeploymentLimitError

union DeleteDeploymentResult = DagsterCloudDeployment | DeploymentNotFoundError | DeleteFinalDeploymentError | UnauthorizedError | PythonError

union DeploymentOrError = DagsterCloudDeployment | DeploymentNotFoundError | PythonError | UnauthorizedError

extend type CloudQuery {
  deployments: [DagsterCloudDeployment!]!
  currentDeployment: DagsterCloudDeployment!
  deploymentByName(name: String!): DeploymentOrError!
  fullDeployments: [DagsterCloudDeployment!]!
  branchDeployments(limit: Int!, pullRequestStatus: PullRequestStatus): BranchDeploymentsConnection!
  getBranchDeploymentName(repoName: String!, branchName: String!): String!
}

extend type CloudMutation {
  deleteDeployment(deploymentId: Int!): DeleteDeploymentResult!
  createOrUpdateBranchDeployment(baseDeploymentName: String, branchData: CreateOrUpdateBranchDeploymentInput!, commit: DeploymentCommitInput!, snapshotBaseCondition: SnapshotBaseDeploymentCondition): CreateDeploymentResult!
}
`;
