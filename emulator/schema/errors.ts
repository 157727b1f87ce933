/** SDL of the error types shared by every resource's result unions. */
export const ERRORS = /* GraphQL */ `
interface Error {
  message: String!
}

type PythonError implements Error {
  message: String!
  className: String
  stack: [String!]!
  cause: PythonError
  causes: [PythonError!]!
  errorChain: [ErrorChainLink!]!
}

type ErrorChainLink implements Error {
  message: String!
  error: PythonError!
  isExplicitLink: Boolean!
}

type UnauthorizedError implements Error {
  message: String!
}

type DeploymentNotFoundError implements Error {
  message: String!
}

type DuplicateDeploymentError implements Error {
  message: String!
}

type DeploymentLimitError implements Error {
  message: String!
}

type DeleteFinalDeploymentError implements Error {
  message: String!
}

type InvalidLocationError implements Error {
  message: String!
  errors: [String]!
}
`;
