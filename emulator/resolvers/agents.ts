/** Resolvers of the agents resource: the scoped deployment's agent, as configured. */
import { scopedDeployment, type RequestContext } from "../context.ts";
import type { ResolverMap } from "./types.ts";

/** How long before "now" a NOT_RUNNING agent last heartbeated. */
const STOPPED_FOR_SECONDS = 600;

export const agentResolvers: ResolverMap = {
  CloudQuery: {
    agents: (_: unknown, _args: unknown, ctx: RequestContext) => {
      const deployment = scopedDeployment(ctx);
      const mode = deployment ? ctx.state.workspace.agentMode(deployment.deploymentName) : "none";
      if (!deployment || mode === "none") return [];
      const now = ctx.state.now() / 1000;
      const running = mode === "running";
      return [
        {
          id: `emulated-agent-${deployment.deploymentId}`,
          agentLabel: null,
          status: running ? "RUNNING" : "NOT_RUNNING",
          lastHeartbeatTime: running ? now : now - STOPPED_FOR_SECONDS,
          errors: [],
          metadata: [{ key: "version", value: "emulated" }],
        },
      ];
    },
  },
};
