/** Resolvers of the code locations resource: add/update and delete, workspace queries. */
import { scopedDeployment, type RequestContext } from "../context.ts";
import { locationDocumentProblems, type LocationDocument } from "../location-document.ts";
import type { LocationRecord } from "../workspace.ts";
import { errorMember, pythonError } from "./errors.ts";
import type { Member, ResolverMap } from "./types.ts";

const gone = (ctx: RequestContext): Member => pythonError(`Deployment "${ctx.deploymentName}" not found`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

const workspaceEntry = (record: LocationRecord): Member<LocationRecord> => ({ ...record, __typename: "WorkspaceEntry" });

function locations(ctx: RequestContext): LocationRecord[] | undefined {
  const deployment = scopedDeployment(ctx);
  return deployment && ctx.state.workspace.list(deployment.deploymentId);
}

export const locationResolvers: ResolverMap = {
  CloudQuery: {
    workspaceOrError: (_: unknown, _args: unknown, ctx: RequestContext) => {
      const entries = locations(ctx);
      return entries ? { __typename: "Workspace", id: "Workspace", locationEntries: entries } : gone(ctx);
    },
    workspace: (_: unknown, _args: unknown, ctx: RequestContext) => {
      const entries = locations(ctx);
      return entries ? { workspaceEntries: entries } : null;
    },
  },

  CloudMutation: {
    addOrUpdateLocationFromDocument: (_: unknown, args: { document: unknown }, ctx: RequestContext) => {
      const deployment = scopedDeployment(ctx);
      if (!deployment) return gone(ctx);
      const problems = locationDocumentProblems(args.document);
      if (problems.length > 0) {
        return errorMember("InvalidLocationError", `Invalid location document: ${plural(problems.length, "problem")}`, problems);
      }
      const { deploymentId, deploymentName } = deployment;
      return workspaceEntry(ctx.state.workspace.upsert({ deploymentId, deploymentName }, args.document as LocationDocument));
    },
    deleteLocation: (_: unknown, args: { locationName: string }, ctx: RequestContext) => {
      const deployment = scopedDeployment(ctx);
      if (!deployment) return gone(ctx);
      const removed = ctx.state.workspace.remove(deployment.deploymentId, args.locationName);
      if (!removed) {
        return pythonError(`Location "${args.locationName}" does not exist in deployment "${deployment.deploymentName}"`);
      }
      return { __typename: "DeleteLocationSuccess", locationName: removed.locationName };
    },
  },

  WorkspaceEntry: {
    serializedDeploymentMetadata: (r: LocationRecord) => JSON.stringify(r.document),
    dataUpdatedTimestamp: (r: LocationRecord) => (r.loadStatus === "LOADED" ? r.updatedTimestamp : null),
    hasOutdatedData: (r: LocationRecord) => r.loadStatus === "LOADING",
    hasLoadError: (r: LocationRecord) => r.loadError !== null,
    canEditCodeLocationPermissions: () => true,
  },

  WorkspaceLocationEntry: {
    id: (r: LocationRecord) => r.locationName,
    name: (r: LocationRecord) => r.locationName,
    /** Null while LOADING; the import error or the loaded location once LOADED. */
    locationOrLoadError: (r: LocationRecord) => {
      if (r.loadStatus === "LOADING") return null;
      if (r.loadError) return r.loadError;
      const name = r.locationName;
      return { __typename: "RepositoryLocation", id: name, name, isReloadSupported: true, environmentPath: null, serverId: null };
    },
  },
};
