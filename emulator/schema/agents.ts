/** SDL of the agents resource. */
export const AGENTS = /* GraphQL */ `
enum AgentStatus {
  RUNNING
  NOT_RUNNING
}

type AgentMetadata {
  key: String!
  value: String
}

type TimestampedError {
  timestamp: Float
  error: PythonError!
}

type Agent {
  id: String!
  agentLabel: String
  status: AgentStatus!
  lastHeartbeatTime: Float!
  errors: [TimestampedError!]!
  metadata: [AgentMetadata!]!
}

extend type CloudQuery {
  agents: [Agent!]!
}
`;
