/** Resolvers of the deployments resource: branch deployments, lookups, deletion. */
import { GraphQLError } from "graphql";
import type { RequestContext } from "../context.ts";
import {
  branchDeploymentName,
  type BranchData,
  type CommitData,
  type DeploymentRecord,
  type PullRequestStatus,
  type SnapshotBaseCondition,
} from "../state.ts";
import { deploymentNotFound, errorMember } from "./errors.ts";
import type { Member, ResolverMap } from "./types.ts";

const asMember = (record: DeploymentRecord): Member<DeploymentRecord> => ({
  ...record,
  __typename: "DagsterCloudDeployment",
});

/** Coerced input objects omit absent optional fields; the state wants explicit nulls. */
const nulls = <T extends object>(value: Partial<T>, keys: readonly (keyof T)[]): T =>
  Object.fromEntries(keys.map((k) => [k, value[k] ?? null])) as T;

const BRANCH_KEYS = ["repoName", "branchName", "branchUrl", "pullRequestUrl", "pullRequestStatus", "pullRequestNumber"] as const;
const COMMIT_KEYS = ["commitHash", "timestamp", "commitMessage", "commitUrl", "authorName", "authorEmail", "authorAvatarUrl"] as const;

interface CreateOrUpdateArgs {
  branchData: Partial<BranchData>;
  commit: Partial<CommitData>;
  baseDeploymentName?: string | null;
  snapshotBaseCondition?: SnapshotBaseCondition | null;
}

export const deploymentResolvers: ResolverMap = {
  CloudQuery: {
    deployments: (_: unknown, _args: unknown, ctx: RequestContext) => ctx.state.list(),
    fullDeployments: (_: unknown, _args: unknown, ctx: RequestContext) =>
      ctx.state.list().filter((d) => d.deploymentType === "PRODUCTION"),
    currentDeployment: (_: unknown, _args: unknown, ctx: RequestContext) => {
      const record = ctx.state.byName(ctx.deploymentName);
      if (!record) throw new GraphQLError(`Deployment ${ctx.deploymentName} not found`);
      return record;
    },
    deploymentByName: (_: unknown, args: { name: string }, ctx: RequestContext) => {
      const record = ctx.state.byName(args.name);
      return record ? asMember(record) : deploymentNotFound(args.name);
    },
    branchDeployments: (
      _: unknown,
      args: { limit: number; pullRequestStatus?: PullRequestStatus | null },
      ctx: RequestContext,
    ) => ({
      nodes: ctx.state
        .list()
        .filter((d) => d.deploymentType === "BRANCH")
        .filter((d) => !args.pullRequestStatus || d.branchDeploymentGitMetadata?.pullRequestStatus === args.pullRequestStatus)
        .slice(0, Math.max(0, args.limit)),
    }),
    getBranchDeploymentName: (_: unknown, args: { repoName: string; branchName: string }) =>
      branchDeploymentName(args.repoName, args.branchName),
  },

  CloudMutation: {
    createOrUpdateBranchDeployment: (_: unknown, args: CreateOrUpdateArgs, ctx: RequestContext) => {
      const base = args.baseDeploymentName ?? null;
      if (base !== null && !ctx.state.byName(base)) return deploymentNotFound(base);
      const { record } = ctx.state.upsertBranchDeployment({
        branchData: nulls(args.branchData, BRANCH_KEYS),
        commit: nulls(args.commit, COMMIT_KEYS),
        baseDeploymentName: base,
        snapshotBaseCondition: args.snapshotBaseCondition ?? null,
      });
      return asMember(record);
    },
    deleteDeployment: (_: unknown, args: { deploymentId: number }, ctx: RequestContext) => {
      const record = ctx.state.byId(args.deploymentId);
      if (!record) return deploymentNotFound(`with id ${args.deploymentId}`);
      const fullDeployments = ctx.state.list().filter((d) => d.deploymentType === "PRODUCTION");
      if (record.deploymentType === "PRODUCTION" && fullDeployments.length <= 1) {
        return errorMember("DeleteFinalDeploymentError", "Cannot delete the last full deployment of an organization");
      }
      ctx.state.delete(record.deploymentId);
      return asMember({ ...record, deploymentStatus: "PENDING_DELETION" });
    },
  },

  DagsterCloudDeployment: {
    organizationId: (_: DeploymentRecord, _args: unknown, ctx: RequestContext) => ctx.state.organization.id,
    organizationName: (_: DeploymentRecord, _args: unknown, ctx: RequestContext) => ctx.state.organization.name,
    organizationStatus: (_: DeploymentRecord, _args: unknown, ctx: RequestContext) => ctx.state.organization.status,
    deploymentSettings: (d: DeploymentRecord) => ({ settings: d.settings }),
    latestCommit: (d: DeploymentRecord) => d.commits.at(-1) ?? null,
    isBranchDeployment: (d: DeploymentRecord) => d.deploymentType === "BRANCH",
    parentDeployment: (d: DeploymentRecord, _args: unknown, ctx: RequestContext) =>
      d.deploymentType === "BRANCH" ? (ctx.state.byName(d.baseDeploymentName ?? "prod") ?? null) : null,
    canHaveBranchDeployments: (d: DeploymentRecord) => d.deploymentType === "PRODUCTION",
    canEditDeploymentSettings: () => true,
    canEditDeploymentPermissions: () => true,
    canDeleteDeployment: () => true,
    canAccessDeployment: () => true,
  },
};
