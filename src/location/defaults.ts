/**
 * Applies a top-level `defaults:` block to one location. The Python CLI only did this in
 * `ci template`; `add-location --location-file` ignored the block (reference quirk 24). We apply it,
 * with the same rules as its DagsterCloudConfigDefaultsMerger: a deep merge in which the location
 * wins, lists concatenated (defaults first) and de-duplicated, except for the paths below.
 */
import { isMapping, type Mapping } from "./values.ts";

type ListMerge = (defaults: unknown[], location: unknown[]) => unknown[];

const dedupe: ListMerge = (defaults, location) => {
  const seen = new Set<string>();
  return [...defaults, ...location].filter((item) => {
    const key = stableJson(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const replace: ListMerge = (_defaults, location) => location;

/** `KEY=value` strings: the location's entry for a KEY replaces the default's. */
const byEnvName: ListMerge = (defaults, location) => {
  if (![...defaults, ...location].every((item) => typeof item === "string")) return dedupe(defaults, location);
  const name = (item: unknown) => String(item).split("=")[0];
  const overridden = new Set(location.map(name));
  return [...defaults.filter((item) => !overridden.has(name(item))), ...location];
};

/** Mappings identified by `field`: the location's mapping replaces the default's with the same id. */
const byField =
  (field: string): ListMerge =>
  (defaults, location) => {
    if (![...defaults, ...location].every((item) => isMapping(item) && field in item)) return dedupe(defaults, location);
    const merged = new Map<string, unknown>();
    for (const item of [...defaults, ...location]) merged.set(stableJson((item as Mapping)[field]), item);
    return [...merged.values()];
  };

const LIST_RULES: Record<string, ListMerge> = {
  "container_context.docker.env_vars": byEnvName,
  "container_context.ecs.env_vars": byEnvName,
  "container_context.ecs.run_sidecar_containers": byField("name"),
  "container_context.ecs.secrets": byField("name"),
  "container_context.ecs.server_sidecar_containers": byField("name"),
  "container_context.ecs.volumes": byField("name"),
  "container_context.ecs.run_ecs_tags": byField("key"),
  "container_context.ecs.server_ecs_tags": byField("key"),
  "container_context.k8s.env_vars": byEnvName,
  "container_context.k8s.image_pull_secrets": byField("name"),
  "container_context.k8s.run_k8s_config.container_config.args": replace,
  "container_context.k8s.run_k8s_config.container_config.command": replace,
  "container_context.k8s.server_k8s_config.container_config.args": replace,
  "container_context.k8s.server_k8s_config.container_config.command": replace,
  "container_context.k8s.volumes": byField("name"),
  "container_context.k8s.volume_mounts": byField("name"),
};

/**
 * The location over the defaults. The location's keys come first, in its order, then keys only the
 * defaults have. A null in the location takes the default (the Python merger removes nulls first);
 * any other location value wins as written, "" and empty lists or mappings included.
 */
export function applyDefaults(defaults: Mapping, location: Mapping, prefix = ""): Mapping {
  const out: Mapping = {};
  for (const [key, value] of Object.entries(location)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const base = defaults[key];
    if (base === undefined || base === null) out[key] = value;
    else if (value === null) out[key] = base;
    else if (isMapping(value) && isMapping(base)) out[key] = applyDefaults(base, value, path);
    else if (Array.isArray(value) && Array.isArray(base)) out[key] = (LIST_RULES[path] ?? dedupe)(base, value);
    else out[key] = value;
  }
  for (const [key, value] of Object.entries(defaults)) if (!(key in out)) out[key] = value;
  return out;
}

/** The defaults block without its nulls (as the Python merger reads it): a null default sets nothing. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (!isMapping(value)) return value;
  const out: Mapping = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNulls(item);
  return out;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isMapping(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}
