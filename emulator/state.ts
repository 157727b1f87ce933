/**
 * In-memory state of the emulated organization. Plain data, no GraphQL: resolvers read and change
 * it, tests inspect it. Property names follow the GraphQL field names where they coincide, so the
 * default field resolver serves them.
 */
import { createHash } from "node:crypto";
import { defaultConfig, type EmulatorConfig } from "./config.ts";
import { WorkspaceState } from "./workspace.ts";

export type DeploymentType = "PRODUCTION" | "BRANCH";
export type PullRequestStatus = "OPEN" | "CLOSED" | "MERGED";
export type SnapshotBaseCondition = "ON_CREATE" | "ON_UPDATE";

export interface BranchData {
  repoName: string;
  branchName: string;
  branchUrl: string | null;
  pullRequestUrl: string | null;
  pullRequestStatus: PullRequestStatus | null;
  pullRequestNumber: string | null;
}

export interface CommitData {
  commitHash: string;
  timestamp: number;
  commitMessage: string | null;
  commitUrl: string | null;
  authorName: string | null;
  authorEmail: string | null;
  authorAvatarUrl: string | null;
}

export interface DeploymentRecord {
  deploymentId: number;
  deploymentName: string;
  deploymentType: DeploymentType;
  deploymentStatus: "ACTIVE" | "PENDING_DELETION";
  agentType: "HYBRID" | "SERVERLESS";
  settings: Record<string, unknown>;
  /** Set for branch deployments only. */
  branchDeploymentGitMetadata: BranchData | null;
  /** Oldest first; every createOrUpdate call appends one. */
  commits: CommitData[];
  baseDeploymentName: string | null;
  snapshotBaseCondition: SnapshotBaseCondition | null;
}

export interface BranchDeploymentInput {
  branchData: BranchData;
  commit: CommitData;
  baseDeploymentName: string | null;
  snapshotBaseCondition: SnapshotBaseCondition | null;
}

/** The name Dagster+ gives the branch deployment of `repoName` + `branchName`. */
export function branchDeploymentName(repoName: string, branchName: string): string {
  return createHash("sha1").update(`${repoName}..${branchName}`).digest("hex");
}

export interface StateOptions {
  /** Epoch ms; default `Date.now`. Drives location loading and timestamps. */
  now?: () => number;
  /** The configuration at start and after every reset. */
  config?: EmulatorConfig;
}

export class EmulatorState {
  readonly organization = { id: 1, name: "emulated-org", status: "ACTIVE" as const };
  /** Code locations per deployment, and the agent and loading configuration. */
  readonly workspace: WorkspaceState;
  /** Epoch ms. */
  readonly now: () => number;
  private readonly deployments = new Map<string, DeploymentRecord>();
  private nextId = 1;

  constructor(options: StateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.workspace = new WorkspaceState(this.now, options.config ?? defaultConfig());
    this.reset();
  }

  /** Back to a single `prod` PRODUCTION deployment with id 1, no locations, the start configuration. */
  reset(): void {
    this.deployments.clear();
    this.nextId = 1;
    this.addDeployment("prod", "PRODUCTION");
    this.workspace.reset();
  }

  addDeployment(name: string, type: DeploymentType): DeploymentRecord {
    const record: DeploymentRecord = {
      deploymentId: this.nextId++,
      deploymentName: name,
      deploymentType: type,
      deploymentStatus: "ACTIVE",
      agentType: "HYBRID",
      settings: {},
      branchDeploymentGitMetadata: null,
      commits: [],
      baseDeploymentName: null,
      snapshotBaseCondition: null,
    };
    this.deployments.set(name, record);
    return record;
  }

  list(): DeploymentRecord[] {
    return [...this.deployments.values()];
  }

  byName(name: string): DeploymentRecord | undefined {
    return this.deployments.get(name);
  }

  byId(id: number): DeploymentRecord | undefined {
    return this.list().find((d) => d.deploymentId === id);
  }

  /** Creates the branch deployment of repo + branch, or updates it (same name, same id). */
  upsertBranchDeployment(input: BranchDeploymentInput): { record: DeploymentRecord; created: boolean } {
    const name = branchDeploymentName(input.branchData.repoName, input.branchData.branchName);
    const existing = this.deployments.get(name);
    const record = existing ?? this.addDeployment(name, "BRANCH");
    record.branchDeploymentGitMetadata = { ...input.branchData };
    record.commits.push({ ...input.commit });
    record.baseDeploymentName = input.baseDeploymentName;
    record.snapshotBaseCondition = input.snapshotBaseCondition;
    return { record, created: existing === undefined };
  }

  /** Removes the deployment and its code locations. */
  delete(id: number): DeploymentRecord | undefined {
    const record = this.byId(id);
    if (record) this.deployments.delete(record.deploymentName);
    this.workspace.removeDeployment(id);
    return record;
  }
}
