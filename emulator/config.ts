/**
 * Runtime configuration of the simulated agents and code-location loading. Set at start
 * (`EmulatorOptions`, CLI flags), changed at runtime (`emulator.configure`, `POST /__emulator/config`),
 * and restored to the start values by `reset`.
 */

export const AGENT_MODES = ["running", "none", "not-running"] as const;
/** `running`: one RUNNING agent; `none`: no agent at all; `not-running`: one NOT_RUNNING agent. */
export type AgentMode = (typeof AGENT_MODES)[number];

export interface EmulatorConfig {
  /** How long a location stays LOADING while an agent runs (ms). */
  loadDelayMs: number;
  /** The agent of every deployment not listed in `deploymentAgents`. */
  agent: AgentMode;
  /** Per-deployment agent modes, by deployment name; they override `agent`. */
  deploymentAgents: Record<string, AgentMode>;
  /** A location whose `image` contains one of these substrings loads with an import error. */
  failImages: string[];
}

export type ConfigPatch = Partial<EmulatorConfig>;

export const DEFAULT_LOAD_DELAY_MS = 300;

export function defaultConfig(): EmulatorConfig {
  return { loadDelayMs: DEFAULT_LOAD_DELAY_MS, agent: "running", deploymentAgents: {}, failImages: ["broken"] };
}

/** `config` with `patch` applied; each given key replaces the old value (lists and maps too). */
export function applyPatch(config: EmulatorConfig, patch: ConfigPatch): EmulatorConfig {
  const defined = Object.entries(patch).filter(([, value]) => value !== undefined);
  const next = { ...config, ...Object.fromEntries(defined) } as EmulatorConfig;
  return { ...next, deploymentAgents: { ...next.deploymentAgents }, failImages: [...next.failImages] };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isAgentMode = (v: unknown): v is AgentMode => AGENT_MODES.includes(v as AgentMode);

/** Checks a configuration patch (JSON, or options; undefined values are skipped). Throws an Error naming every problem. */
export function parseConfigPatch(value: unknown): ConfigPatch {
  if (!isObject(value)) throw new Error("the configuration must be a JSON object");
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    switch (key) {
      case "loadDelayMs":
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0) problems.push("loadDelayMs must be a number >= 0");
        break;
      case "agent":
        if (!isAgentMode(v)) problems.push(`agent must be one of ${AGENT_MODES.join(", ")}`);
        break;
      case "deploymentAgents":
        if (!isObject(v) || !Object.values(v).every(isAgentMode)) {
          problems.push(`deploymentAgents must map deployment names to one of ${AGENT_MODES.join(", ")}`);
        }
        break;
      case "failImages":
        if (!Array.isArray(v) || !v.every((s) => typeof s === "string" && s !== "")) {
          problems.push("failImages must be an array of non-empty strings");
        }
        break;
      default:
        problems.push(`unknown setting ${JSON.stringify(key)}`);
    }
  }
  if (problems.length > 0) throw new Error(`invalid configuration: ${problems.join("; ")}`);
  return value as ConfigPatch;
}
