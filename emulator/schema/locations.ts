/** SDL of the code locations resource: workspace entries, location entries and their root fields. */
export const LOCATIONS = /* GraphQL */ `
enum RepositoryLocationLoadStatus {
  LOADING
  LOADED
}

type DagsterLibraryVersion {
  name: String!
  version: String!
}

type RepositoryLocation {
  id: ID!
  name: String!
  isReloadSupported: Boolean!
  environmentPath: String
  serverId: String
  dagsterLibraryVersions: [DagsterLibraryVersion!]
}

union RepositoryLocationOrLoadError = RepositoryLocation | PythonError

type WorkspaceLocationEntry {
  id: ID!
  name: String!
  locationOrLoadError: RepositoryLocationOrLoadError
  loadStatus: RepositoryLocationLoadStatus!
  updatedTimestamp: Float!
  versionKey: String!
}

type Workspace {
  id: String!
  locationEntries: [WorkspaceLocationEntry!]!
}

union WorkspaceOrError = Workspace | PythonError

type WorkspaceEntry {
  locationName: String!
  serializedDeploymentMetadata: String!
  metadataTimestamp: Float
  dataUpdatedTimestamp: Float
  hasOutdatedData: Boolean!
  hasLoadError: Boolean!
  canEditCodeLocationPermissions: Boolean!
}

type WorkspaceQuery {
  workspaceEntries: [WorkspaceEntry!]!
}

type DeleteLocationSuccess {
  locationName: String!
}

union AddOrUpdateLocationFromDocumentMutationResult = WorkspaceEntry | PythonError | UnauthorizedError | InvalidLocationError

union DeleteLocationMutationResult = DeleteLocationSuccess | PythonError | UnauthorizedError

extend type CloudQuery {
  workspaceOrError: WorkspaceOrError!
  workspace: WorkspaceQuery
}

extend type CloudMutation {
  addOrUpdateLocationFromDocument(document: GenericScalar!): AddOrUpdateLocationFromDocumentMutationResult!
  deleteLocation(locationName: String!): DeleteLocationMutationResult!
}
`;
