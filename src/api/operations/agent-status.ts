import * as z from "zod/mini";
import type { Operation } from "../client.ts";

/** Reference §4.6: the deployment's agents; one whose `status` is `RUNNING` is heartbeating. */
export const AGENT_STATUS: Operation<AgentStatusData> = {
  name: "CliAgentStatus",
  document: "query CliAgentStatus { agents { status errors { error { message } } } }",
  data: z.object({
    agents: z.array(
      z.object({
        // `RUNNING` or `NOT_RUNNING`; a string, so that a new status reads as "not running".
        status: z.string(),
        errors: z.array(z.object({ error: z.object({ message: z.string() }) })),
      }),
    ),
  }),
};

export interface AgentStatusData {
  agents: { status: string; errors: { error: { message: string } }[] }[];
}

export function anyAgentRunning(data: AgentStatusData): boolean {
  return data.agents.some((agent) => agent.status === "RUNNING");
}

/** The first line of the newest error an agent reported, if any did. */
export function lastAgentError(data: AgentStatusData): string | undefined {
  for (const agent of data.agents) {
    const message = agent.errors.at(-1)?.error.message;
    const line = message?.split("\n").find((l) => l.trim() !== "");
    if (line !== undefined) return line.trim();
  }
  return undefined;
}
